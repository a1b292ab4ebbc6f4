package io.kpbench.bench;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;

/**
 * The secondary metric {@code rulesPerPacket}: rules (or map lookups, or hash-chain nodes) the data plane
 * evaluated per packet, summed from the {@link io.kpbench.proxy.Classification#work} of each result by the one
 * thread that owns a {@link PacketStream}. Each benchmark extends it with a thread-scoped
 * {@code @AuxCounters(EVENTS)} state whose iteration setup calls {@link #begin} and whose public
 * {@code rulesPerPacket()} returns {@link #perPacket}.
 *
 * <p>Mechanism (JMH sample 23): an {@code EVENTS} counter is read once after each iteration's measurement loop,
 * so nothing is added to the measured method; its value is the iteration's work delta over the packets
 * classified. JMH reports {@code EVENTS} as totals: it sums them over threads and, in the run's score, over
 * every measurement iteration of every fork. So each thread reports its ratio divided by (threads x
 * measurement iterations x forks), and the score JMH writes to {@code jmh.json} is exactly the mean over
 * threads of the rules per packet; the per-iteration values printed in the log are that fraction of it.
 */
abstract class WorkPerPacket {
    private PacketStream stream;
    private long workAtStart;
    private long packetsAtStart;
    private double share;

    /** Starts the iteration's count on {@code s}. */
    final void begin(PacketStream s, BenchmarkParams bp, IterationParams ip) {
        stream = s;
        workAtStart = s.work;
        packetsAtStart = s.cursor;
        share = 1.0 / Math.max(1, ip.getCount()) / Math.max(1, bp.getForks()) / Math.max(1, bp.getThreads());
    }

    /** Work per packet since {@link #begin}, times this thread's and iteration's share of the score. */
    final double perPacket() {
        long packets = stream == null ? 0 : stream.cursor - packetsAtStart;
        return packets == 0 ? Double.NaN : share * (stream.work - workAtStart) / (double) packets;
    }
}
