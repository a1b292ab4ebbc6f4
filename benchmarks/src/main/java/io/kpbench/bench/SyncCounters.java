package io.kpbench.bench;

import io.kpbench.proxy.SyncStats;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;

/**
 * The secondary metrics of {@link SyncBenchmark}: {@code gcMs}, the garbage-collection time one sync cost on
 * average (ms), and {@code lines}, {@code rules} and {@code elements}, what one sync wrote on average (restore or
 * transaction lines, rules, and set/map elements or virtual/real servers or BPF entries), from the
 * {@link SyncStats} each sync returns.
 *
 * <p>Mechanism (JMH sample 23): {@code EVENTS} counters are totals, summed over every measurement iteration of
 * every fork in the score; each iteration therefore reports its per-sync mean divided by (measurement
 * iterations x forks), so that the score in {@code jmh.json} is the mean per sync. The GC time is the growth,
 * over the iteration (one single shot), of the summed {@link GarbageCollectorMXBean#getCollectionTime} of every
 * collector (the forks' parallel collector reports stop-the-world time in ms); it is read before the shot (in
 * iteration setup, after a {@link System#gc} that leaves every shot the same heap) and after it (when JMH reads
 * the counters, after the timed region), so neither the reading nor that collection is in the score.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class SyncCounters {
    private static final List<GarbageCollectorMXBean> COLLECTORS = ManagementFactory.getGarbageCollectorMXBeans();

    private long syncs;
    private long lineSum;
    private long ruleSum;
    private long elementSum;
    private long gcMillisAtStart;
    private double share;

    /**
     * Starts the iteration's sums, collects the heap (so that every single shot starts from the same heap: the
     * last shot's garbage and its dropped data plane are gone), then starts the GC clock.
     */
    @Setup(Level.Iteration)
    public void start(BenchmarkParams bp, IterationParams ip) {
        syncs = 0;
        lineSum = 0;
        ruleSum = 0;
        elementSum = 0;
        share = 1.0 / Math.max(1, ip.getCount()) / Math.max(1, bp.getForks());
        System.gc();
        gcMillisAtStart = gcMillis();
    }

    /** Adds one sync's figures. */
    void add(SyncStats s) {
        syncs++;
        lineSum += s.lines();
        ruleSum += s.rules();
        elementSum += s.mapElements();
    }

    /** GC time per sync, ms. */
    public double gcMs() {
        return mean(gcMillis() - gcMillisAtStart);
    }

    /** Restore/transaction lines per sync. */
    public double lines() {
        return mean(lineSum);
    }

    /** Rules per sync. */
    public double rules() {
        return mean(ruleSum);
    }

    /** Set/map elements per sync. */
    public double elements() {
        return mean(elementSum);
    }

    private double mean(long sum) {
        return syncs == 0 ? Double.NaN : share * sum / syncs;
    }

    /** The collectors' summed collection time so far, ms (a collector that cannot tell counts 0). */
    static long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : COLLECTORS) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }
}
