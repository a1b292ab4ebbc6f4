package io.kpbench.bench;

import io.kpbench.common.UserError;
import io.kpbench.lab.CalibrationFile;
import io.kpbench.lab.CalibrationText;
import io.kpbench.lab.KernelBackend;
import io.kpbench.lab.KernelLab;
import io.kpbench.lab.LabException;
import io.kpbench.lab.LabOptions;
import io.kpbench.lab.LabRow;
import io.kpbench.lab.Preflight;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The kernel lab ({@link KernelLab}) as an experiment of the bench run: on a machine that allows it (root,
 * {@code ip netns}, iptables-nft, iptables-legacy, nft) it loads the model's rulesets into the real netfilter at
 * N = 100, 1,000, 5,000 and 10,000 services (quick, nftables to 5,000; full adds 30,000), and writes {@code kernel-lab.csv},
 * {@code kernel-lab-summary.txt}, {@code calibration.json} and the lab's log {@code kernel-lab.log} into the run
 * folder, and the probes' histograms into {@code kernel-lab/}. Only first packets are probed (no established
 * round trips, no partial-update timings): what the calibration needs, within the quick run's time. Elsewhere it prints one line saying why and writes the same line to {@value #SKIPPED}, which the report
 * shows; the run still succeeds. {@code -Dbench.kernel=off} skips it, and the smoke profile never runs it.
 *
 * <p>The lab's own guard stays: the host's rules, addresses and routes are compared before and after, and a
 * change fails the run. Time on this project's 2-core machine: see core/README.md (about two minutes).
 */
final class KernelLabExperiment {
    /** The one-line reason file the report reads when the lab did not run. */
    static final String SKIPPED = "kernel-lab-skipped.txt";
    /**
     * First-packet connects per target and cell: {@value LabOptions#ROUNDS} interleaved rounds of 500 (1,000
     * connects cost about 60 ms; the lab's time is in loading the rulesets).
     */
    static final int CONNECTS = 500 * LabOptions.ROUNDS;

    private KernelLabExperiment() {
    }

    /** The lab's cluster sizes for {@code profile}; empty for smoke. */
    static List<Integer> services(BenchProfile profile) {
        return switch (profile) {
            case SMOKE -> List.of();
            case QUICK -> List.of(100, 1000, 5000, 10_000);
            case FULL -> List.of(100, 1000, 5000, 10_000, 30_000);
        };
    }

    /**
     * The sizes of back end {@code b}: the profile's, except that the quick profile stops nftables at 5,000: the
     * model's nftables count is flat (nothing more to fit), and its 10,000-service {@code nft -f} alone takes about
     * 21 s on this project's 2-core machine, a quarter of the lab's time budget.
     */
    static List<Integer> services(BenchProfile profile, KernelBackend b) {
        List<Integer> all = services(profile);
        return profile == BenchProfile.QUICK && b == KernelBackend.NFTABLES ? all.subList(0, 3) : all;
    }

    /** Runs the lab into {@code dir} as {@code -Dbench.kernel} and the machine allow; false when it failed. */
    static boolean run(BenchSettings s, Path dir) throws IOException {
        String setting = System.getProperty("bench.kernel", "on").trim();
        return run(setting.isEmpty() || setting.startsWith("${") ? "on" : setting, s.profile(), dir,
                () -> Preflight.missing(List.of(KernelBackend.values())), System.out);
    }

    /** The experiment with its inputs made explicit (the tests give their own preflight). */
    static boolean run(String setting, BenchProfile profile, Path dir, Supplier<String> preflight, PrintStream out)
            throws IOException {
        if (!setting.equals("on") && !setting.equals("off")) {
            out.println("kpbench bench: -Dbench.kernel=" + setting + ": unknown (valid: on, off)");
            return false;
        }
        List<Integer> services = services(profile);
        if (setting.equals("off") || services.isEmpty()) {
            return skip(dir, out, setting.equals("off") ? "kernel lab off (-Dbench.kernel=off)"
                    : "kernel lab not run in the smoke profile");
        }
        String missing = preflight.get();
        if (missing != null) {
            return skip(dir, out, missing);
        }
        long t0 = System.nanoTime();
        Map<List<Integer>, List<KernelBackend>> groups = new LinkedHashMap<>();
        for (KernelBackend b : KernelBackend.values()) {
            groups.computeIfAbsent(services(profile, b), k -> new ArrayList<>()).add(b);
        }
        Path hgrm = Files.createDirectories(dir.resolve("kernel-lab")); // the probes' histograms, out of the way
        List<LabRow> rows = new ArrayList<>();
        StringBuilder header = new StringBuilder();
        try (PrintWriter log = new PrintWriter(Files.newBufferedWriter(dir.resolve("kernel-lab.log"),
                StandardCharsets.UTF_8), true)) {
            for (Map.Entry<List<Integer>, List<KernelBackend>> g : groups.entrySet()) {
                // first packets only (no established probes, no partial updates): what the calibration needs
                LabOptions o = new LabOptions(g.getKey(), g.getValue(), hgrm, CONNECTS, 0, 0);
                rows.addAll(new KernelLab(o, log).run());
                header.append(KernelLab.header(g.getValue(), g.getKey()));
            }
            CalibrationFile cal = KernelLab.writeAll(dir, rows, header.toString());
            log.print(CalibrationText.heldOut(cal));
        } catch (LabException | UserError e) {
            out.println("kpbench bench: the kernel lab failed: " + e.getMessage());
            return false;
        }
        out.printf("kpbench bench: kernel lab (%d cells, kernel-lab.csv, calibration.json) in %.1f s%n",
                rows.size(), (System.nanoTime() - t0) / 1e9);
        return true;
    }

    private static boolean skip(Path dir, PrintStream out, String reason) throws IOException {
        out.println("kpbench bench: " + reason);
        Files.writeString(dir.resolve(SKIPPED), reason + "\n", StandardCharsets.UTF_8);
        return true;
    }
}
