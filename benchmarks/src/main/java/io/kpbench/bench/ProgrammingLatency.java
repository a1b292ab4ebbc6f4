package io.kpbench.bench;

import io.kpbench.bench.LatencyCells.Cell;
import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.control.ChangeStream;
import io.kpbench.control.KubeProxyLoop;
import io.kpbench.control.LoopResult;
import io.kpbench.control.MeasuredDataPlane;
import io.kpbench.lab.KernelSync;
import io.kpbench.proxy.ProxyMode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Network programming latency under churn, per mode, services count, change rate and minSyncPeriod: kube-proxy's
 * sync loop ({@link KubeProxyLoop}) over the mode's real data plane, fed by a seeded Poisson stream of rolling
 * updates, scale up/down and service create/delete ({@link ChangeStream}), each sync's cost measured in-process
 * as the wall time of the mode's {@link io.kpbench.proxy.DataPlane#sync} of that batch.
 *
 * <p>Writes {@code programming-latency.csv} ({@value #HEADER}: latencies in ms from a change's arrival to the end
 * of the sync that carried it; syncs per simulated second; {@code syncCpuShare}, the share of one core that
 * syncing used) and one {@code programming-latency-<mode>-<services>svc-<rate>cps-<minSync>ms.hgrm} per cell
 * (the percentile distribution, values in MILLISECONDS). A mode whose syncs cannot keep up with the stream still
 * gets its row: its syncs run back to back ({@code syncCpuShare} near 1) and its latency grows with the run length,
 * so that row's figures hold for that window only; its {@code fellBehind} column is then {@code true} and its line
 * on the console says {@code FELL BEHIND} ({@link LoopResult#fellBehind}).
 *
 * <p>Each mode runs in its own JVM ({@link #main}) with the benchmark forks' flags, as {@link OpenLoopLatency}
 * does, so that no mode runs on another's heap or JIT profile; every mode is fed the same stream of changes (it
 * depends on the seed and the cluster, not on timing), though which of them a window's first and last syncs carry
 * depends on the mode's sync times. Each child checks every observable change with a packet before and
 * after its sync ({@link io.kpbench.control.Probe}); a failed check fails the run, after its row is written. The
 * windows are in {@link LatencyCells}. Beside it, {@value #KERNEL_CSV}: the kernel-applied sync times of iptables
 * and nftables ({@link KernelSync}), where the kernel lab can run. Every file goes through a temporary file and a
 * rename.
 */
public final class ProgrammingLatency {
    static final String CSV = "programming-latency.csv";
    static final String HEADER =
            "mode,services,changesPerSecond,minSyncPeriodMs,p50Ms,p99Ms,maxMs,syncsPerSecond,syncCpuShare,fellBehind";
    private static final String PARTS = ".programming-latency-parts";
    static final String KERNEL_CSV = "kernel-sync.csv";
    /**
     * The services counts of the kernel-applied syncs: 1k in the quick profile (a full {@code nft -f} of 10k
     * services alone takes 10-20 s here, and the quick run has 20 minutes), 1k and 10k in the full one.
     */
    static List<Integer> kernelServices(BenchProfile profile) {
        return switch (profile) {
            case SMOKE -> List.of(100);
            case QUICK -> List.of(1000);
            case FULL -> List.of(1000, 10_000);
        };
    }
    private static final double NANOS_PER_MS = 1e6;

    private ProgrammingLatency() {
    }

    /**
     * One mode in this JVM: {@code args} are the run folder, the mode's CLI name and the profile. Writes the
     * mode's rows to a part file of the run folder and its {@code .hgrm} files into it. Exits 1 with one line when
     * a check failed or the run could not be made.
     */
    public static void main(String[] args) {
        String mode = args.length > 1 ? args[1] : "?";
        try {
            if (args.length != 3) {
                throw new IllegalArgumentException("usage: <run folder> <mode> <profile>");
            }
            Path dir = Path.of(args[0]);
            ProxyMode m = ProxyMode.parse(mode);
            boolean ok = measure(m, LatencyCells.of(BenchProfile.parse(args[2])), dir, part(dir, m));
            if (!ok) {
                System.exit(1);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("kpbench bench: programming latency of " + mode + ": "
                    + (e.getMessage() == null ? "an internal error" : e.getMessage()));
            System.exit(1);
        }
    }

    /**
     * Runs every available mode, each in its own JVM with {@code jvmArgs}, over the cells of {@code profile}, and
     * writes {@value #CSV} into {@code dir}; false when a mode's JVM failed (the other modes are still run).
     */
    static boolean run(Path dir, BenchProfile profile, List<String> jvmArgs) throws IOException {
        boolean ok = ModeJvms.run("programming latency", ProgrammingLatency.class, jvmArgs, dir.resolve(PARTS),
                mode -> List.of(dir.toString(), mode.cliName(), profile.name().toLowerCase(Locale.ROOT)),
                mode -> part(dir, mode), parts -> merge(parts, dir.resolve(CSV)));
        kernelSync(dir, kernelServices(profile));
        return ok;
    }

    /**
     * Writes {@value #KERNEL_CSV} ({@link KernelSync#HEADER}): the full and one-endpoint partial syncs of iptables
     * and nftables at {@code services} ({@link #kernelServices}) applied
     * to real netfilter in a lab namespace; where the lab cannot run (not root, no {@code ip netns},
     * {@code iptables-nft} or {@code nft}), one printed line instead.
     */
    static void kernelSync(Path dir, List<Integer> services) throws IOException {
        String missing = KernelSync.missing();
        if (missing != null) {
            System.out.println("kpbench bench: " + missing);
            return;
        }
        PrintWriter log = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        StringBuilder out = new StringBuilder(KernelSync.HEADER).append('\n');
        for (KernelSync.Row r : KernelSync.run(services, log)) {
            out.append(r.csv()).append('\n');
        }
        writeAtomically(dir.resolve(KERNEL_CSV), out.toString());
    }

    /** The part file of {@code mode}'s rows in run folder {@code dir}. */
    static Path part(Path dir, ProxyMode mode) {
        return dir.resolve(PARTS).resolve(mode.cliName() + ".csv");
    }

    /** Writes {@code csv}: the header, then every part's rows in order. */
    static void merge(List<Path> parts, Path csv) throws IOException {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (Path p : parts) {
            for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    out.append(line).append('\n');
                }
            }
        }
        writeAtomically(csv, out.toString());
    }

    /**
     * Runs {@code mode} over every cell, writing its rows to {@code part} and an {@code .hgrm} per cell into
     * {@code dir}; false when a packet check failed.
     */
    static boolean measure(ProxyMode mode, LatencyCells cells, Path dir, Path part) throws IOException {
        StringBuilder rows = new StringBuilder();
        boolean ok = true;
        int builtFor = -1;
        MeasuredDataPlane dp = null;
        ClusterSnapshot base = null;
        for (Cell cell : cells.cells()) {
            if (builtFor != cell.services()) {
                dp = null; // let the previous size's data plane go before the next is built
                BenchCluster cluster = BenchCluster.clusterIp(cell.services(), LatencyCells.ENDPOINTS);
                dp = new MeasuredDataPlane(cluster.syncedDataPlane(mode));
                base = cluster.snapshot();
                builtFor = cell.services();
            } else {
                dp.fullSync(base); // back to the base cluster, so that the cell's stream is every mode's
            }
            KubeProxyLoop loop = new KubeProxyLoop(dp, base, cell.minSyncMillis() * 1_000_000L,
                    KubeProxyLoop.FULL_SYNC_PERIOD_NANOS, true);
            ChangeStream stream = new ChangeStream(base, cell.changesPerSecond(), cell.seed(), 0);
            LoopResult warm = loop.runFor(stream, cells.warmupNanos());
            LoopResult r = loop.runFor(stream, cells.windowNanos(cell.changesPerSecond()));
            rows.append(row(mode, cell, r)).append('\n');
            writeHgrm(dir.resolve("programming-latency-" + mode.cliName() + "-" + cell.name() + ".hgrm"),
                    r.latencyNanos());
            System.out.printf(Locale.ROOT, "kpbench bench: programming latency %-9s %6d svc %3d/s minSync %5d ms: "
                    + "p50 %.1f p99 %.1f max %.1f ms, %.2f syncs/s, sync CPU share %.3f (%d changes, %d verified)%s%n",
                    mode.cliName(), cell.services(), cell.changesPerSecond(), cell.minSyncMillis(),
                    r.latencyMillis(50), r.latencyMillis(99), r.maxLatencyMillis(), r.syncsPerSecond(),
                    r.syncCpuShare(), r.changes(), r.verified(),
                    r.fellBehind() ? "; FELL BEHIND: its latency grows with the run length" : "");
            for (LoopResult checked : List.of(warm, r)) {
                if (checked.failures() > 0) {
                    System.err.println("kpbench bench: programming latency of " + mode.cliName() + " at "
                            + cell.name() + ": " + checked.failures() + " packet checks failed; the first: "
                            + checked.firstFailure());
                    ok = false;
                }
            }
        }
        Files.createDirectories(part.toAbsolutePath().getParent());
        writeAtomically(part, rows.toString());
        return ok;
    }

    /** One CSV row of {@value #HEADER}. */
    static String row(ProxyMode mode, Cell cell, LoopResult r) {
        return String.format(Locale.ROOT, "%s,%d,%d,%d,%.3f,%.3f,%.3f,%.3f,%.4f,%b", mode.cliName(),
                cell.services(), cell.changesPerSecond(), cell.minSyncMillis(), r.latencyMillis(50),
                r.latencyMillis(99), r.maxLatencyMillis(), r.syncsPerSecond(), r.syncCpuShare(), r.fellBehind());
    }

    private static void writeHgrm(Path file, Histogram h) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try (OutputStream os = Files.newOutputStream(tmp);
                PrintStream ps = new PrintStream(os, false, StandardCharsets.UTF_8)) {
            h.outputPercentileDistribution(ps, 5, NANOS_PER_MS);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
