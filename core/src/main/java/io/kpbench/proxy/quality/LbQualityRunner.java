package io.kpbench.proxy.quality;

import io.kpbench.common.AtomicFile;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.ProxyMode;
import io.kpbench.proxy.ebpf.EbpfConfig;
import io.kpbench.proxy.ebpf.EbpfDataPlane;
import io.kpbench.proxy.userspace.UserspaceDataPlane;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the load-balancing quality experiments and writes {@code lb-distribution.csv} and {@code lb-disruption.csv}
 * (header row, one row per mechanism, endpoint count and table size, table size 0 where there is none; written
 * through a temporary file and a rename), the files and columns the reports module reads. Deterministic for a
 * given flow count and seed. See {@code package-info} for the method.
 */
public final class LbQualityRunner {
    /** The endpoint counts of the standard run. */
    public static final int[] ENDPOINTS = {10, 100, 1000};
    /** The Maglev table sizes of the standard run (each used where M &gt;= N). */
    public static final int[] MAGLEV_SIZES = {251, 1021, 16381, 65521};
    /** The distribution file. */
    public static final String EVENNESS_FILE = "lb-distribution.csv";
    /** The disruption file. */
    public static final String DISRUPTION_FILE = "lb-disruption.csv";
    /** The CSV header of {@value #EVENNESS_FILE}. */
    public static final String EVENNESS_HEADER = "mechanism,endpoints,tableSize,flows,maxOverMean,cv";
    /** The CSV header of {@value #DISRUPTION_FILE}: the fraction of flows moved, and the optimum 1/N or 1/(N+1). */
    public static final String DISRUPTION_HEADER = "mechanism,endpoints,tableSize,change,movedFraction,optimal";

    private final int flows;
    private final long seed;
    private final int[] endpoints;
    private final List<String> evenness = new ArrayList<>();
    private final List<String> disruption = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();

    /** A runner over {@code flows} seeded flows for each endpoint count in {@code endpoints}. */
    public LbQualityRunner(int flows, long seed, int[] endpoints) {
        this.flows = flows;
        this.seed = seed;
        this.endpoints = endpoints.clone();
    }

    /** The standard run (1M flows, seed 1, N in 10, 100, 1000) into {@code outDir}; returns the runner. */
    public static LbQualityRunner run(Path outDir) {
        LbQualityRunner r = new LbQualityRunner(1_000_000, 1, ENDPOINTS);
        r.runInto(outDir);
        return r;
    }

    /** {@code [outDir [flows]]}: runs and prints where the CSVs went and which modes were skipped. */
    public static void main(String[] args) {
        Path out = Path.of(args.length > 0 ? args[0] : "target/lb-quality");
        int flows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        LbQualityRunner r = new LbQualityRunner(flows, 1, ENDPOINTS);
        r.runInto(out);
        System.out.println("wrote " + out.resolve(EVENNESS_FILE) + " and " + out.resolve(DISRUPTION_FILE));
        for (String s : r.skipped) {
            System.out.println("skipped: " + s);
        }
    }

    /** Runs every experiment and writes both CSVs into {@code outDir}. */
    public void runInto(Path outDir) {
        FlowSet set = new FlowSet(flows, seed);
        for (int n : endpoints) {
            for (Mechanism m : mechanisms(n, true)) {
                evenness(m, n, set);
            }
            for (Mechanism m : mechanisms(n, false)) {
                disruption(m, n, set, true);
            }
            for (Mechanism m : mechanisms(n, false)) {
                disruption(m, n, set, false);
            }
        }
        write(outDir.resolve(EVENNESS_FILE), EVENNESS_HEADER, evenness);
        write(outDir.resolve(DISRUPTION_FILE), DISRUPTION_HEADER, disruption);
    }

    private List<Mechanism> mechanisms(int n, boolean withRegistry) {
        NodeConfig node = QualityCluster.node();
        List<Mechanism> out = new ArrayList<>();
        out.add(Mechanism.of("random", 0,
                () -> new EbpfDataPlane(node, IpFamily.IPv4, EbpfConfig.defaults()), true, seed));
        for (int m : MAGLEV_SIZES) {
            if (m >= n) {
                out.add(Mechanism.of("maglev", m,
                        () -> new EbpfDataPlane(node, IpFamily.IPv4, EbpfConfig.defaults().withMaglev(m)), false,
                        seed));
            }
        }
        out.add(Mechanism.of("round-robin", 0, () -> new UserspaceDataPlane(node, IpFamily.IPv4, 1024), false,
                seed));
        out.add(Mechanism.moduloHash());
        if (withRegistry) {
            for (ProxyMode mode : ProxyMode.values()) {
                if (mode == ProxyMode.EBPF || mode == ProxyMode.USERSPACE) {
                    continue;
                }
                if (!mode.available()) {
                    note(mode.cliName() + " (not available in this build)");
                    continue;
                }
                out.add(Mechanism.of(mode.cliName(), 0, () -> mode.create(node, IpFamily.IPv4), true, seed));
            }
        }
        return out;
    }

    private void evenness(Mechanism m, int n, FlowSet set) {
        int[] a;
        try {
            a = m.assign(QualityCluster.withEndpoints(n), range(n), set);
        } catch (RuntimeException e) {
            note(m.name() + " at N=" + n + " (" + e + ")");
            return;
        }
        Evenness e = Evenness.of(a, n);
        evenness.add(String.format(Locale.ROOT, "%s,%d,%d,%d,%.6f,%.6f", m.name(), n, m.tableSize(), set.size,
                e.maxOverMean(), e.cv()));
    }

    private void disruption(Mechanism m, int n, FlowSet set, boolean remove) {
        List<Integer> before = range(n);
        List<Integer> after = range(n);
        if (remove) {
            after.remove(Integer.valueOf(n / 2));
        } else {
            after.add(n);
        }
        int[] a = m.assign(QualityCluster.withEndpoints(before), before, set);
        int[] b = m.assign(QualityCluster.withEndpoints(after), after, set);
        long changed = 0;
        for (int i = 0; i < a.length; i++) {
            changed += a[i] != b[i] ? 1 : 0;
        }
        double fraction = changed / (double) a.length;
        double optimum = remove ? 1.0 / n : 1.0 / (n + 1);
        disruption.add(String.format(Locale.ROOT, "%s,%d,%d,%s,%.6f,%.6f", m.name(), n, m.tableSize(),
                remove ? "remove" : "add", fraction, optimum));
    }

    private static List<Integer> range(int n) {
        List<Integer> out = new ArrayList<>(n + 1);
        for (int i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }

    private void note(String s) {
        if (!skipped.contains(s)) {
            skipped.add(s);
        }
    }

    private static void write(Path file, String header, List<String> rows) {
        AtomicFile.write(file, w -> {
            w.write(header);
            w.write('\n');
            for (String r : rows) {
                w.write(r);
                w.write('\n');
            }
        });
    }

    /** Evenness rows written (without header). */
    public List<String> evennessRows() {
        return List.copyOf(evenness);
    }

    /** Disruption rows written (without header). */
    public List<String> disruptionRows() {
        return List.copyOf(disruption);
    }

    /** Modes or mechanisms skipped, with the reason. */
    public List<String> skipped() {
        return List.copyOf(skipped);
    }
}
