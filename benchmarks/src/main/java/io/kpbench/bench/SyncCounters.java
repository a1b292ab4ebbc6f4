package io.kpbench.bench;

import io.kpbench.proxy.SyncStats;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;

/**
 * The secondary metrics {@code lines}, {@code rules} and {@code elements}: what one sync wrote on average
 * (restore or transaction lines, rules, and set/map elements or virtual/real servers or BPF entries), from the
 * {@link SyncStats} each sync returns.
 *
 * <p>Mechanism (JMH sample 23): {@code EVENTS} counters are totals, summed over every measurement iteration of
 * every fork in the score; each iteration therefore reports its per-sync mean divided by (measurement
 * iterations x forks), so that the score in {@code jmh.json} is the mean per sync.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class SyncCounters {
    private long syncs;
    private long lineSum;
    private long ruleSum;
    private long elementSum;
    private double share;

    /** Starts the iteration's sums. */
    @Setup(Level.Iteration)
    public void start(BenchmarkParams bp, IterationParams ip) {
        syncs = 0;
        lineSum = 0;
        ruleSum = 0;
        elementSum = 0;
        share = 1.0 / Math.max(1, ip.getCount()) / Math.max(1, bp.getForks());
    }

    /** Adds one sync's figures. */
    void add(SyncStats s) {
        syncs++;
        lineSum += s.lines();
        ruleSum += s.rules();
        elementSum += s.mapElements();
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
}
