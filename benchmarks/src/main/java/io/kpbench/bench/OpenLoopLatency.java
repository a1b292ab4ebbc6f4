package io.kpbench.bench;

import io.kpbench.bench.JourneyCluster.Kind;
import io.kpbench.bench.JourneyCluster.Mix;
import io.kpbench.proxy.ProxyMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.Recorder;

/**
 * Open-loop latency of whole first-packet journeys through the cloud LB ({@link JourneyCluster}, scenario
 * {@code loadBalancer}), per available proxy mode, on one thread: requests are due at a fixed rate and each
 * latency is measured from its INTENDED send time, not from when the previous one finished (free of coordinated
 * omission, as wrk2), so a mode slower than the rate shows its growing queue instead of hiding it.
 *
 * <p>Each mode runs in its own JVM ({@link #main}), started by {@link #run} with the benchmark forks' flags, as
 * a JMH fork would be: in one JVM the journey's call sites would see every mode in turn and turn megamorphic
 * after the third, and the later modes would run on the first ones' heap and JIT state. The child writes its
 * histogram into a part file (an HdrHistogram log of one tagged interval); the driver then merges the parts
 * ({@link #merge}) into the run folder: {@code latency-<mode>-loadBalancer.hgrm} (the percentile distribution
 * scaled to MICROSECONDS, as the reports expect) and one {@code latency.hlog} with an interval per mode tagged
 * {@code <mode>-loadBalancer} (in nanoseconds); every file goes through a temporary file and a rename. Each child
 * prints p50 to max for its mode; a child that fails costs one line and fails the run.
 *
 * <p>Values are recorded in nanoseconds into an HdrHistogram {@link Recorder}.
 */
public final class OpenLoopLatency {
    static final String SCENARIO = "loadBalancer";
    private static final long PRIME_NANOS = 1_000_000_000L;
    private static final String PARTS = ".latency-parts";

    private OpenLoopLatency() {
    }

    /**
     * One mode in this JVM: {@code args} are the part file to write, the mode's CLI name, services, requests per
     * second and run time in ns. Exits 1 with one line on failure.
     */
    public static void main(String[] args) {
        String mode = args.length > 1 ? args[1] : "?";
        try {
            if (args.length != 5) {
                throw new IllegalArgumentException("usage: <part file> <mode> <services> <rate> <nanos>");
            }
            ProxyMode m = ProxyMode.parse(mode);
            int rate = Integer.parseInt(args[3]);
            Histogram h = measure(m, Integer.parseInt(args[2]), rate, Long.parseLong(args[4]));
            h.setTag(tag(m));
            writePart(Path.of(args[0]), h);
            System.out.printf("kpbench bench: latency %-9s %s at %d/s: p50 %.1f p90 %.1f p99 %.1f p99.9 %.1f "
                    + "p99.99 %.1f max %.1f us (%d requests)%n", m.cliName(), SCENARIO, rate,
                    us(h, 50), us(h, 90), us(h, 99), us(h, 99.9), us(h, 99.99), h.getMaxValue() / 1e3,
                    h.getTotalCount());
        } catch (IOException | RuntimeException e) {
            System.err.println("kpbench bench: open-loop latency of " + mode + ": "
                    + (e.getMessage() == null ? "an internal error" : e.getMessage()));
            System.exit(1);
        }
    }

    /**
     * Runs every available mode, each in its own JVM with {@code jvmArgs}, at {@code services} services,
     * {@code rate} requests/s for {@code nanos} ns, and merges what they wrote into {@code dir}; false when a
     * mode's JVM failed (after one line saying so; the other modes are still run and merged).
     */
    static boolean run(Path dir, List<String> jvmArgs, int services, int rate, long nanos) throws IOException {
        BenchInput in = BenchInput.current();
        if (in.given() && !in.params().get("path").contains(SCENARIO)) {
            System.out.println("kpbench bench: open-loop latency skipped: the cluster has no LoadBalancer frontend");
            return true;
        }
        return run(dir, concat(jvmArgs, in.jvmArgs()), in.given() ? in.base().services().size() : services, rate,
                nanos, in);
    }

    private static boolean run(Path dir, List<String> jvmArgs, int services, int rate, long nanos, BenchInput in)
            throws IOException {
        Path partDir = dir.resolve(PARTS);
        return ModeJvms.run("open-loop latency", OpenLoopLatency.class, jvmArgs, partDir,
                mode -> List.of(partDir.resolve(mode.cliName() + ".hlog").toString(), mode.cliName(),
                        String.valueOf(services), String.valueOf(rate), String.valueOf(nanos)),
                mode -> partDir.resolve(mode.cliName() + ".hlog"), parts -> merge(parts, dir,
                        "kpbench open-loop latency, ns, " + (in.given() ? ClusterRecord.headline(in) + ", " : "")
                                + services + " services, " + rate + " requests/s, one JVM per mode"));
    }

    /**
     * Merges the children's part files, in order, into {@code dir}: {@code latency.hlog} (the comment, then each
     * part's tagged interval) and a {@code latency-<tag>.hgrm} per part. Returns the histograms read.
     */
    static List<Histogram> merge(List<Path> parts, Path dir, String comment) throws IOException {
        List<Histogram> hs = new ArrayList<>();
        for (Path part : parts) {
            hs.add(readPart(part));
        }
        Path hlogTmp = dir.resolve(".latency.hlog.tmp");
        try (OutputStream os = Files.newOutputStream(hlogTmp);
                PrintStream ps = new PrintStream(os, false, StandardCharsets.UTF_8)) {
            HistogramLogWriter log = new HistogramLogWriter(ps);
            log.outputLogFormatVersion();
            log.outputComment(comment);
            log.outputLegend();
            for (Histogram h : hs) {
                log.outputIntervalHistogram(h);
            }
        }
        for (Histogram h : hs) {
            writeHgrm(dir.resolve("latency-" + h.getTag() + ".hgrm"), h);
        }
        Files.move(hlogTmp, dir.resolve("latency.hlog"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        return hs;
    }

    /** A child's part: an HdrHistogram log holding the one tagged interval {@code h}. */
    static void writePart(Path part, Histogram h) throws IOException {
        Path tmp = part.resolveSibling("." + part.getFileName() + ".tmp");
        try (OutputStream os = Files.newOutputStream(tmp);
                PrintStream ps = new PrintStream(os, false, StandardCharsets.UTF_8)) {
            HistogramLogWriter log = new HistogramLogWriter(ps);
            log.outputLogFormatVersion();
            log.outputLegend();
            log.outputIntervalHistogram(h);
        }
        Files.move(tmp, part, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The one tagged interval of a part file. */
    static Histogram readPart(Path part) throws IOException {
        try (InputStream in = Files.newInputStream(part); HistogramLogReader r = new HistogramLogReader(in)) {
            EncodableHistogram e = r.nextIntervalHistogram();
            if (!(e instanceof Histogram h) || h.getTag() == null) {
                throw new IOException(part.getFileName() + " holds no tagged latency histogram");
            }
            return h;
        }
    }

    /** The tag of a mode's interval: {@code <mode>-loadBalancer}. */
    static String tag(ProxyMode mode) {
        return mode.cliName() + "-" + SCENARIO;
    }

    /** One mode's open-loop run; the histogram of latencies from intended send time, in ns. */
    static Histogram measure(ProxyMode mode, int services, int rate, long nanos) {
        JourneyCluster c = new JourneyCluster(mode, services);
        Mix mix = c.mix(Kind.loadBalancer);
        c.primeAndCheck(mix, Kind.loadBalancer, JourneyCluster.MIX_SIZE, PRIME_NANOS);
        Recorder recorder = new Recorder(3);
        long count = rate * nanos / 1_000_000_000L;
        double interval = 1e9 / rate;
        recorder.getIntervalHistogram(); // starts the interval now
        long start = System.nanoTime();
        for (long i = 0; i < count; i++) {
            long intended = start + (long) (i * interval);
            while (System.nanoTime() - intended < 0) {
                Thread.onSpinWait();
            }
            c.next(mix); // mutates the conntrack tables: not dead code
            recorder.recordValue(System.nanoTime() - intended);
        }
        Histogram h = recorder.getIntervalHistogram();
        c.primeAndCheck(mix, Kind.loadBalancer, 256, 0);
        return h;
    }

    private static void writeHgrm(Path file, Histogram h) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try (OutputStream os = Files.newOutputStream(tmp);
                PrintStream ps = new PrintStream(os, false, StandardCharsets.UTF_8)) {
            h.outputPercentileDistribution(ps, 5, 1000.0);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static double us(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1e3;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
