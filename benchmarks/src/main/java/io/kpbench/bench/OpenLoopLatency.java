package io.kpbench.bench;

import io.kpbench.bench.JourneyCluster.Kind;
import io.kpbench.bench.JourneyCluster.Mix;
import io.kpbench.proxy.ProxyMode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.Recorder;

/**
 * Open-loop latency of whole first-packet journeys through the cloud LB ({@link JourneyCluster}, scenario
 * {@code loadBalancer}), per available proxy mode, on one thread: requests are due at a fixed rate and each
 * latency is measured from its INTENDED send time, not from when the previous one finished (free of coordinated
 * omission, as wrk2), so a mode slower than the rate shows its growing queue instead of hiding it.
 *
 * <p>Values are recorded in nanoseconds into an HdrHistogram {@link Recorder}. Writes, into the run folder,
 * {@code latency-<mode>-loadBalancer.hgrm} (the percentile distribution scaled to MICROSECONDS, as the reports
 * expect) and one {@code latency.hlog} with an interval per mode tagged {@code <mode>-loadBalancer} (in
 * nanoseconds); every file goes through a temporary file and a rename. Prints p50 to max per mode.
 */
final class OpenLoopLatency {
    static final String SCENARIO = "loadBalancer";
    private static final long PRIME_NANOS = 1_000_000_000L;

    private OpenLoopLatency() {
    }

    /** Runs every available mode at {@code services} services, {@code rate} requests/s for {@code nanos} ns. */
    static void run(Path dir, int services, int rate, long nanos) throws IOException {
        Path hlog = dir.resolve("latency.hlog");
        Path hlogTmp = dir.resolve(".latency.hlog.tmp");
        try (OutputStream os = Files.newOutputStream(hlogTmp);
                PrintStream ps = new PrintStream(os, false, StandardCharsets.UTF_8)) {
            HistogramLogWriter log = new HistogramLogWriter(ps);
            log.outputLogFormatVersion();
            log.outputComment("kpbench open-loop latency, ns, " + services + " services, " + rate + " requests/s");
            log.outputLegend();
            for (ProxyMode mode : ProxyMode.values()) {
                if (!mode.available()) {
                    continue;
                }
                Histogram h = measure(mode, services, rate, nanos);
                String tag = mode.cliName() + "-" + SCENARIO;
                h.setTag(tag);
                log.outputIntervalHistogram(h);
                writeHgrm(dir.resolve("latency-" + tag + ".hgrm"), h);
                System.out.printf("kpbench bench: latency %-9s %s at %d/s: p50 %.1f p90 %.1f p99 %.1f p99.9 %.1f "
                        + "p99.99 %.1f max %.1f us (%d requests)%n", mode.cliName(), SCENARIO, rate,
                        us(h, 50), us(h, 90), us(h, 99), us(h, 99.9), us(h, 99.99), h.getMaxValue() / 1e3,
                        h.getTotalCount());
            }
        }
        Files.move(hlogTmp, hlog, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
}
