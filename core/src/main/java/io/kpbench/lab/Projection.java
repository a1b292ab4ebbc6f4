package io.kpbench.lab;

import io.kpbench.proxy.ProxyMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Projected kernel first-packet cost: a back end's {@link Calibration} applied to the operations the model counts
 * for a first packet at a services count N ({@code fixedNs + perRuleNs x count}), with the calibration's 95%
 * prediction interval. The count is the model's own ({@link ModelProbe#count}, the same counter the calibration
 * was fitted on), for the lab's synthetic cluster of N single-endpoint ClusterIP services and the service in the
 * middle of {@code KUBE-SERVICES}: the walk is linear in the position, so the middle is the mean over uniformly
 * spread traffic ("the average target position").
 *
 * <p>What it assumes: the kernel's cost per counted operation at N is the one the lab measured at its sizes. What
 * it lacks: cache misses once the ruleset outgrows the caches the lab's sizes fitted in (see core/README.md).
 *
 * @param backend the kernel back end
 * @param services N
 * @param ops the model's counted operations for the average target
 * @param prediction the projected latency and its interval, ns
 */
public record Projection(String backend, int services, double ops, Calibration.Prediction prediction) {
    /** Every calibrated back end of {@code cal} at every N of {@code services}, in back-end then N order. */
    public static List<Projection> of(CalibrationFile cal, List<Integer> services) {
        List<Projection> out = new ArrayList<>();
        for (Calibration c : cal.backends()) {
            ProxyMode mode = KernelBackend.parse(c.backend()).mode();
            for (int n : services) {
                double ops = averageCount(mode, n);
                out.add(new Projection(c.backend(), n, ops, c.predict(ops)));
            }
        }
        return out;
    }

    /** Sizes up to which {@link #averageCount} runs the model at N itself. */
    static final int DIRECT_LIMIT = 5000;
    private static final int[] LINE_SIZES = {1000, 2000, 4000};
    /** The counts already taken, by mode and N: the model is deterministic for the lab's synthetic cluster. */
    private static final Map<String, Double> COUNTS = new ConcurrentHashMap<>();

    /**
     * The model's counted operations for a first packet to the middle service of N synthetic services. Up to
     * {@value #DIRECT_LIMIT} services the model runs at N; beyond, it runs at 1,000, 2,000 and 4,000 and, when the
     * three counts lie on one line (as the iptables walk and the flat nftables walk do), extends the line to N, so
     * that 100,000 services cost a second, not a minute; counts off a line are taken at N itself.
     */
    public static double averageCount(ProxyMode mode, int services) {
        if (services <= DIRECT_LIMIT) {
            return countAt(mode, services);
        }
        double[] c = new double[LINE_SIZES.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = countAt(mode, LINE_SIZES[i]);
        }
        double slope = (c[1] - c[0]) / (LINE_SIZES[1] - LINE_SIZES[0]);
        double third = c[1] + slope * (LINE_SIZES[2] - LINE_SIZES[1]);
        if (Math.abs(third - c[2]) > 1) {
            return countAt(mode, services);
        }
        return c[0] + slope * (services - LINE_SIZES[0]);
    }

    private static double countAt(ProxyMode mode, int services) {
        return COUNTS.computeIfAbsent(mode + "/" + services, k -> modelCount(mode, services));
    }

    private static double modelCount(ProxyMode mode, int services) {
        LabCluster c = new LabCluster(services);
        LabCluster.Target middle = c.targets().stream().filter(t -> t.position().equals("middle")).findFirst()
                .orElseThrow();
        return ModelProbe.count(c.model(mode), middle);
    }

    /**
     * Why {@code mode} has no projection from {@code cal}, or null when one of its back ends is calibrated.
     * IPVS needs the {@code ip_vs} module (the file says whether it was there); eBPF and the userspace proxy have
     * no netfilter ruleset for the lab to load.
     */
    public static String noProjection(ProxyMode mode, CalibrationFile cal) {
        for (Calibration c : cal.backends()) {
            if (KernelBackend.parse(c.backend()).mode() == mode) {
                return null;
            }
        }
        return switch (mode) {
            case IPVS -> "no calibration: IPVS " + (cal.ipvs() == null ? "was not measured" : cal.ipvs());
            case EBPF -> "no calibration: the lab loads netfilter rulesets; eBPF needs Cilium's BPF programs and "
                    + "a BPF loader, which it does not have";
            case USERSPACE -> "no calibration: the userspace proxy is a process, not a kernel ruleset the lab loads";
            default -> "no calibration in this file for " + mode.cliName();
        };
    }
}
