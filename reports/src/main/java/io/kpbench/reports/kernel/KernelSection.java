package io.kpbench.reports.kernel;

import io.kpbench.lab.Calibration;
import io.kpbench.lab.CalibrationFile;
import io.kpbench.lab.Projection;
import io.kpbench.proxy.ProxyMode;
import io.kpbench.reports.Table;
import io.kpbench.reports.published.PublishedFigures;
import io.kpbench.reports.read.JmhRecord;
import io.kpbench.reports.read.ResultsFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The report's "kernel time" section: the calibration of each kernel back end (the kernel lab's first-packet
 * latency fitted against the model's counted rules, {@link Calibration}), and the projected kernel first-packet
 * cost ({@link Projection}: calibration x the model's counted operations) for every services count of the sweep,
 * beside the model's ns/op and the Kubernetes blog's iptables p50s ("NFTables mode for kube-proxy", 2025-02-28),
 * which are another machine and another measurement (a whole connection round trip).
 *
 * @param status where the calibration comes from, or why there is none
 * @param calibration one row per back end and held-out position, or null
 * @param projection one row per back end and services count, or null
 * @param notProjected one sentence per mode without a projection, with the reason
 */
public record KernelSection(String status, Table calibration, Table projection, List<String> notProjected) {
    /** The section's title. */
    public static final String TITLE = "Kernel time: calibration and projected first-packet cost";
    /** The methods note, shown under the title. */
    public static final String METHODS = "Methods. The kernel lab loads the rulesets the model renders into the "
            + "real netfilter (iptables-nft, iptables-legacy, nftables) inside private network namespaces and "
            + "measures the p50 of a TCP connect from a client namespace through the node namespace to a backend: "
            + "a first packet that walks the NAT rules, plus the veth round trip and the handshake (the targets of "
            + "one size probed by one process, interleaved, the lowest of 7 rounds' p50s, with the probing core's "
            + "own caches emptied before each connect, so that the rules come from the shared cache at every size, "
            + "as on a node whose cores also run pods). For each back "
            + "end that p50 is fitted by least squares against the rules the model counts for the same packet "
            + "(targets first, middle and last in KUBE-SERVICES, at each lab size): fixed cost + cost per counted "
            + "rule, with R² and residuals. The projection applies that line to the model's count for the average "
            + "target (the middle of KUBE-SERVICES) at every services count, with the fit's 95% prediction "
            + "interval. It assumes the kernel's cost per rule at N is the one measured at the lab's sizes; it "
            + "stops holding once the ruleset outgrows the CPU caches the lab's sizes fitted in (cache misses at "
            + "scale are not in the fit: the held-out check shows how far), and the interval covers the lab's "
            + "scatter, not that. The blog's p50s are another machine and another measurement (a whole connection "
            + "round trip in a real cluster; its axis unit is read as milliseconds).";
    private static final String SKIPPED = "kernel-lab-skipped.txt";
    private static final int[] BEYOND = {5000, 10_000, 30_000, 100_000};

    /** The section of {@code f}, with {@code override} (a calibration file of another machine) when not null. */
    public static KernelSection of(ResultsFolder f, Path override) {
        Path own = f.dir().resolve(CalibrationFile.FILE);
        CalibrationFile cal;
        String status;
        if (override != null) {
            cal = CalibrationFile.read(override);
            status = "Calibration from " + override.getFileName() + " (--calibration), measured on " + cal.name()
                    + ": projections for that machine's kernel.";
        } else if (Files.isRegularFile(own)) {
            cal = CalibrationFile.read(own);
            status = "Calibration from this run's calibration.json, measured on " + cal.name() + ".";
        } else {
            return new KernelSection(skipped(f), null, null, List.of());
        }
        List<String> notes = new ArrayList<>();
        for (ProxyMode m : ProxyMode.values()) {
            String why = Projection.noProjection(m, cal);
            if (why != null) {
                notes.add(m.cliName() + ": no projection, " + why + ".");
            }
        }
        return new KernelSection(status, calibrationTable(cal), projectionTable(f, cal), notes);
    }

    private static String skipped(ResultsFolder f) {
        Path file = f.dir().resolve(SKIPPED);
        try {
            if (Files.isRegularFile(file)) {
                return "No kernel projection: " + Files.readString(file, StandardCharsets.UTF_8).strip() + ".";
            }
        } catch (IOException e) {
            return "No kernel projection: " + SKIPPED + " is unreadable.";
        }
        return "No kernel projection: this folder has no calibration.json (the kernel lab runs in mvn verify -Pbench "
                + "as root with iptables, nftables and iproute2; or give --calibration FILE).";
    }

    private static Table calibrationTable(CalibrationFile cal) {
        List<List<String>> rows = new ArrayList<>();
        for (Calibration c : cal.backends()) {
            String fit = c.perRuleNs() == null ? "flat" : fmt("%.2f", c.perRuleNs());
            List<Calibration.HeldOut> held = cal.heldOut().getOrDefault(c.backend(), List.of());
            if (held.isEmpty()) {
                rows.add(List.of(c.backend(), fmt("%.1f", c.fixedNs() / 1000), fit, r2(c), "" + c.n(), "-", "-", "-",
                        "-"));
            }
            for (Calibration.HeldOut h : held) {
                rows.add(List.of(c.backend(), fmt("%.1f", c.fixedNs() / 1000), fit, r2(c), "" + c.n(),
                        h.heldOutN() + " " + h.position(), fmt("%.1f", h.predictedNs() / 1000),
                        fmt("%.1f", h.measuredNs() / 1000), fmt("%+.1f%%", h.errorPct())));
            }
        }
        return new Table("Calibration per kernel back end", List.of("back end", "fixed (us)", "ns per rule", "R²",
                "points", "held out (N, target)", "predicted (us)", "measured (us)", "error"), rows,
                List.of(false, true, true, true, true, false, true, true, true));
    }

    private static Table projectionTable(ResultsFolder f, CalibrationFile cal) {
        TreeSet<Integer> sizes = new TreeSet<>();
        for (JmhRecord r : f.records()) {
            double n = r.numParam("services");
            if (n >= 1 && n <= 1_000_000) {
                sizes.add((int) n);
            }
        }
        cal.backends().forEach(c -> sizes.addAll(c.services()));
        for (int n : BEYOND) {
            sizes.add(n);
        }
        List<List<String>> rows = new ArrayList<>();
        for (Projection p : Projection.of(cal, List.copyOf(sizes))) {
            ProxyMode mode = io.kpbench.lab.KernelBackend.parse(p.backend()).mode();
            int labMax = cal.backend(p.backend()).services().stream().mapToInt(Integer::intValue).max().orElse(0);
            double published = mode == ProxyMode.IPTABLES
                    ? PublishedFigures.value(mode.name(), p.services(), "p50") * 1000 : Double.NaN;
            double projected = p.prediction().ns() / 1000;
            rows.add(List.of(p.backend(), "" + p.services(), modelNs(f, mode, p.services()), fmt("%.0f", p.ops()),
                    fmt("%.1f", projected), fmt("%.1f to %.1f", p.prediction().lowNs() / 1000,
                            p.prediction().highNs() / 1000), p.services() > labMax ? "extrapolated" : "within",
                    Double.isNaN(published) ? "-" : fmt("%.0f", published),
                    Double.isNaN(published) ? "-" : fmt("%.2f", projected / published)));
        }
        return new Table("Projected kernel first-packet cost (average target position)", List.of("back end",
                "services", "model (ns/op)", "model rules counted", "projected kernel first packet (us)",
                "95% prediction interval (us)", "lab sizes", "blog p50 (us, other machine, whole round trip)",
                "projection / blog"), rows, List.of(false, true, true, true, true, false, false, true, true));
    }

    /** The model's first-packet ns/op at N from FirstPacketClassifyBenchmark, or "-" when the run has none. */
    private static String modelNs(ResultsFolder f, ProxyMode mode, int n) {
        List<JmhRecord> rs = f.bench("FirstPacketClassifyBenchmark.classify",
                r -> mode.name().equals(r.param("mode")) && r.numParam("services") == n);
        return rs.isEmpty() ? "-" : fmt("%.1f", rs.get(0).primary().score());
    }

    private static String r2(Calibration c) {
        return Double.isNaN(c.r2()) ? "-" : fmt("%.3f", c.r2());
    }

    private static String fmt(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
