package io.kpbench.cli;

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
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kpbench kernel-lab}: measures the real kernel with the rulesets the model renders (needs root). */
@Command(name = "kernel-lab", mixinStandardHelpOptions = true,
        description = "Load rendered rulesets into the real netfilter inside private network namespaces "
                + "(kpblab-*), measure first-packet, established and programming latency, and write them beside "
                + "the model's figures, and fit calibration.json (kernel ns per counted rule, per back end). Needs root, iproute2, iptables and nftables; skips with one line otherwise.")
final class KernelLabCommand implements Runnable {
    @Option(names = "--services", paramLabel = "N", split = ",", defaultValue = "100,1000,5000",
            description = "Cluster sizes (default: ${DEFAULT-VALUE}; up to 30000 and beyond).")
    List<Integer> services;

    @Option(names = "--modes", paramLabel = "MODE", split = ",",
            defaultValue = "iptables-nft,iptables-legacy,nftables",
            description = "Kernel back ends (default: ${DEFAULT-VALUE}).")
    List<String> modes;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Results folder (default: results/<UTC>-kernel-lab).")
    Path out;

    @Option(names = "--connects", paramLabel = "N", defaultValue = "3500",
            description = "First-packet connects per target (first, middle, last and the empty-ruleset baseline), "
                    + "split over the lab's rounds, as in the bench run (default: ${DEFAULT-VALUE}).")
    int connects;

    @Option(names = "--requests", paramLabel = "N", defaultValue = "2000",
            description = "Established request/replies per cell (default: ${DEFAULT-VALUE}).")
    int requests;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        PrintWriter o = spec.commandLine().getOut();
        List<KernelBackend> backends = new ArrayList<>();
        for (String m : modes) {
            try {
                backends.add(KernelBackend.parse(m));
            } catch (IllegalArgumentException e) {
                throw new UserError("--modes: " + e.getMessage());
            }
        }
        for (int n : services) {
            if (n < 3 || n > 100_000) {
                throw new UserError("--services: " + n + " is outside 3..100000");
            }
        }
        if (connects < 10 * LabOptions.ROUNDS || requests < 10) {
            throw new UserError("--connects: at least " + 10 * LabOptions.ROUNDS + " (10 a round), --requests: at "
                    + "least 10");
        }
        String missing = Preflight.missing(backends);
        if (missing != null) {
            o.println(missing);
            o.println("result: skipped");
            return;
        }
        Path dir = out != null ? out : Path.of("results", ZonedDateTime.now(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")) + "-kernel-lab");
        try {
            Files.createDirectories(dir);
            List<LabRow> rows = new KernelLab(new LabOptions(services, backends, dir, connects, requests), o).run();
            CalibrationFile cal = KernelLab.writeAll(dir, rows, KernelLab.header(backends, services));
            o.print(Files.readString(dir.resolve("kernel-lab-summary.txt")));
            o.print(CalibrationText.heldOut(cal));
            o.println("result: ok " + dir.resolve("kernel-lab.csv"));
        } catch (LabException e) {
            throw new UserError("kernel-lab: " + e.getMessage());
        } catch (IOException e) {
            throw new UserError("--out: " + e.getMessage());
        }
    }
}
