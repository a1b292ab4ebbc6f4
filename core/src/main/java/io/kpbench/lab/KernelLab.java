package io.kpbench.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The kernel lab: for each back end and cluster size, loads the model's rendered ruleset into a private node
 * namespace, measures first-packet and established latency from a client namespace through it to a backend
 * namespace, times full and partial programming, and writes the results beside the model's figures.
 */
public final class KernelLab {
    private static final int PORT = 8080;
    /**
     * Unrecorded connects before each first-packet probe, spread over its targets: HotSpot's tiered policy
     * compiles a method with C2 after 5,000 invocations (Tier4InvocationThreshold), so the recorded connects run
     * the prober's and the JDK's socket path compiled, not interpreted or C1-profiled.
     */
    static final int WARMUP_CONNECTS = 5000;
    private final LabOptions options;
    private final PrintWriter log;
    /** The prober's CPU pinning ({@link #pinning}), looked up once per lab run. */
    private List<String> pinned = List.of();
    private int srcPort;

    /** A lab with {@code options} that reports progress to {@code log}. */
    public KernelLab(LabOptions options, PrintWriter log) {
        this.options = options;
        this.log = log;
    }

    /** Runs every cell and returns the rows; the host's rules are checked unchanged at the end. */
    public List<LabRow> run() {
        pinned = pinning();
        int stale = Topology.cleanLeftovers();
        if (stale > 0) {
            log.println("kernel-lab: removed " + stale + " namespaces left by an earlier run");
        }
        log.printf("kernel-lab: first packets: %d warm-up connects, then %d rounds of %d connects per target, "
                + "interleaved; %d KiB read before each connect; prober pinned: %s%n", WARMUP_CONNECTS,
                options.rounds(), options.connectsPerRound(), options.evictBytes() / 1024,
                pinned.isEmpty() ? "no (no taskset)" : String.join(" ", pinned));
        HostRules before = HostRules.capture();
        List<LabRow> rows = new ArrayList<>();
        try {
            for (KernelBackend b : options.backends()) {
                rows.addAll(runBackend(b));
            }
        } finally {
            HostRules.capture().checkUnchangedSince(before);
        }
        log.println("kernel-lab: host iptables/nft rules, addresses and routes unchanged");
        return rows;
    }

    private List<LabRow> runBackend(KernelBackend b) {
        List<LabRow> rows = new ArrayList<>();
        Topology topo = Topology.create(LabNames.fresh());
        Thread hook = new Thread(topo::close, "kernel-lab-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            startResponder(topo);
            for (int n : options.services()) {
                rows.addAll(runCell(topo, b, new LabCluster(n), n));
            }
        } finally {
            topo.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook runs the same close
            }
        }
        return rows;
    }

    private List<LabRow> runCell(Topology topo, KernelBackend b, LabCluster c, int n) {
        String node = topo.names().node();
        for (LabCluster.Target t : c.targets()) {
            topo.addPodIp(t.endpointIp());
            Shell.run(null, Shell.nsArgv(node, "ip", "route", "replace", t.endpointIp() + "/32", "via", "10.251.0.2"));
        }
        Shell.inNs(node, b.flushInput(), b.flush());
        LabCluster.Target t0 = c.targets().get(0);
        String tag = b.cliName() + "-" + n;
        String[] baseProbe = {t0.endpointIp(), "" + PORT, tag + "-baseline-first"};
        InterleavedRounds.Summary base = firstPackets(topo, List.<String[]>of(baseProbe)).get(0);
        double[] baseEst = established(topo, t0.endpointIp(), PORT, tag + "-baseline-established");
        double loadMs = Shell.inNs(node, c.fullLoad(b), b.fullLoad()).nanos() / 1e6;
        log.printf("kernel-lab: %s N=%d loaded in %.0f ms; targets %s%n", b.cliName(), n, loadMs, c.targets());
        var model = c.model(b.mode());
        Shell.run(null, Shell.nsArgv(node, "conntrack", "-F"));
        List<String[]> probes = new ArrayList<>();
        for (LabCluster.Target t : c.targets()) {
            probes.add(new String[] {t.clusterIp(), "" + t.port(), tag + "-" + t.position() + "-first"});
        }
        List<InterleavedRounds.Summary> first = firstPackets(topo, probes);
        List<LabRow> rows = new ArrayList<>();
        for (int i = 0; i < c.targets().size(); i++) {
            LabCluster.Target t = c.targets().get(i);
            InterleavedRounds.Summary f = first.get(i);
            double[] est = established(topo, t.clusterIp(), t.port(), tag + "-" + t.position() + "-established");
            double partialMs = partialMs(node, b, c, t);
            ModelProbe m = ModelProbe.measure(model, t, n);
            LabRow r = new LabRow(b.cliName(), n, t.position(), t.rulesBefore(), f.p50Ns() / 1000.0,
                    f.p99Ns() / 1000.0, base.p50Ns() / 1000.0, est[0], baseEst[0], loadMs, partialMs,
                    m.rulesEvaluated(), m.nsPerClassify(), f.roundMinNs() / 1000.0, f.roundMaxNs() / 1000.0,
                    f.rounds());
            log.println("kernel-lab: " + r.csv());
            rows.add(r);
        }
        return rows;
    }

    private double partialMs(String node, KernelBackend b, LabCluster c, LabCluster.Target t) {
        if (options.partials() < 1) {
            return Double.NaN;
        }
        String text = c.partialLoad(b, t);
        double[] ms = new double[options.partials()];
        for (int i = 0; i < ms.length; i++) {
            ms[i] = Shell.inNs(node, text, b.partialLoad()).nanos() / 1e6;
        }
        Arrays.sort(ms);
        return ms[ms.length / 2];
    }

    /** The established probe's {p50 µs, p99 µs}, or NaNs when the options ask for no requests. */
    private double[] established(Topology topo, String ip, int port, String name) {
        if (options.requests() < 1) {
            return new double[] {Double.NaN, Double.NaN};
        }
        Path hgrm = options.out().resolve(name + ".hgrm").toAbsolutePath();
        int count = options.requests();
        int warm = Math.max(50, count / 5);
        String line = Shell.inNs(topo.names().client(), null, javaArgv(Prober.class.getName(), "established", ip,
                String.valueOf(port), String.valueOf(count), String.valueOf(warm), String.valueOf(srcPort),
                hgrm.toString())).out().strip();
        InterleavedRounds.Summary s = InterleavedRounds.Summary.parse(line.substring(line.lastIndexOf('\n') + 1));
        return new double[] {s.p50Ns() / 1000.0, s.p99Ns() / 1000.0};
    }

    /**
     * Probes the first packets of {@code targets} ({ip, port, histogram name}) in one prober process,
     * interleaved in {@link LabOptions#rounds()} rounds after {@value #WARMUP_CONNECTS} warm-up connects; returns
     * their summaries in order.
     */
    private List<InterleavedRounds.Summary> firstPackets(Topology topo, List<String[]> targets) {
        int perRound = options.connectsPerRound();
        List<String> argv = new ArrayList<>(pinned);
        argv.addAll(List.of(javaArgv(Prober.class.getName(), "first",
                String.valueOf(options.rounds()), String.valueOf(perRound), String.valueOf(WARMUP_CONNECTS),
                String.valueOf(srcPort), String.valueOf(options.evictBytes()))));
        for (String[] t : targets) {
            argv.addAll(List.of(t[0], t[1], options.out().resolve(t[2] + ".hgrm").toAbsolutePath().toString()));
        }
        String out = Shell.inNs(topo.names().client(), null, argv.toArray(new String[0])).out().strip();
        srcPort = (srcPort + WARMUP_CONNECTS + perRound * options.rounds() * targets.size()) % 31744;
        List<String> lines = out.lines().toList();
        if (lines.size() < targets.size()) {
            throw new LabException("the prober printed " + lines.size() + " lines for " + targets.size()
                    + " targets: " + out);
        }
        List<InterleavedRounds.Summary> s = new ArrayList<>();
        for (String line : lines.subList(lines.size() - targets.size(), lines.size())) {
            s.add(InterleavedRounds.Summary.parse(line));
        }
        return s;
    }

    /**
     * {@code taskset -c <last cpu>} when the machine has taskset, else nothing: the prober's eviction empties the
     * caches of the core it runs on, and its SYN is processed on that core, so a prober the scheduler moved
     * between cores could walk rules still held in the other core's L2.
     */
    private static List<String> pinning() {
        if (!Shell.run(null, "taskset", "-V").ok()) {
            return List.of();
        }
        return List.of("taskset", "-c", String.valueOf(Runtime.getRuntime().availableProcessors() - 1));
    }

    private void startResponder(Topology topo) {
        Process p = topo.spawn(topo.names().backend(), List.of(javaArgv(Responder.class.getName(), "" + PORT)));
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = r.readLine();
            if (!"ready".equals(line)) {
                throw new LabException("the responder did not start: " + line);
            }
        } catch (IOException e) {
            throw new LabException("the responder did not start: " + e.getMessage());
        }
    }

    private static String[] javaArgv(String main, String... args) {
        List<String> argv = new ArrayList<>();
        argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        argv.addAll(List.of("-XX:+UseSerialGC", "-Xmx256m", "-cp", System.getProperty("java.class.path"), main));
        argv.addAll(List.of(args));
        return argv.toArray(new String[0]);
    }

    /** The first line of {@code kernel-lab-summary.txt}: the back ends, the sizes and whether IPVS could run. */
    public static String header(List<KernelBackend> backends, List<Integer> services) {
        return "# kernel-lab " + String.join(",", backends.stream().map(KernelBackend::cliName).toList())
                + " services=" + services + (Preflight.ipvsAvailable() ? "" : "; ipvs: unavailable (no ip_vs module)")
                + "\n";
    }

    /**
     * Writes {@code kernel-lab.csv}, {@code kernel-lab-summary.txt} and {@value CalibrationFile#FILE} (the
     * calibration of each back end, {@link CalibrationFile}) into the output folder.
     */
    public static CalibrationFile writeAll(Path out, List<LabRow> rows, String header) throws IOException {
        write(out, rows, header);
        CalibrationFile cal = CalibrationFile.of(rows);
        cal.write(out);
        return cal;
    }

    /** Writes {@code kernel-lab.csv} and {@code kernel-lab-summary.txt} into the output folder. */
    public static void write(Path out, List<LabRow> rows, String header) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(LabRow.HEADER);
        rows.forEach(r -> lines.add(r.csv()));
        Files.write(out.resolve("kernel-lab.csv"), lines, StandardCharsets.UTF_8);
        Files.writeString(out.resolve("kernel-lab-summary.txt"), header + LabSummary.text(rows),
                StandardCharsets.UTF_8);
    }
}
