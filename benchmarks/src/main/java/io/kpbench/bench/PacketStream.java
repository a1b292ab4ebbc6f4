package io.kpbench.bench;

import io.kpbench.net.FiveTuple;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.DataPlane;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;

/**
 * One thread's stream of packets: a precomputed {@link PacketMix} read with {@code cursor & mask} into a reused
 * {@link FiveTuple}, the {@link PacketClock} time of the current packet, and the sum of the
 * {@link Classification#work} of every packet it classified. Each benchmark's per-thread (or, single-threaded,
 * per-benchmark) {@code @State} extends it, so that every benchmark draws, primes and counts packets the same way.
 * All fields are written by the one thread that owns the stream: the work sum is never a shared field.
 *
 * <p>The work sum feeds the secondary metric {@code rulesPerPacket}: rules (or map lookups, or hash-chain nodes)
 * evaluated per packet. A thread-scoped {@code @AuxCounters(EVENTS)} state (JMH sample 23) calls
 * {@link #beginIteration} in its iteration setup and returns {@link #workPerPacket} from its public
 * {@code rulesPerPacket()}; JMH reads that once after each iteration's measurement loop, so nothing is added to
 * the measured method. JMH reports {@code EVENTS} as totals: it sums them over threads and, in the run's score,
 * over every measurement iteration of every fork. So each thread reports its ratio divided by (threads x
 * measurement iterations x forks), and the score JMH writes to {@code jmh.json} is exactly the mean over threads
 * of the rules per packet; the per-iteration values printed in the log are that fraction of it.
 */
abstract class PacketStream {
    /** The priming budget: every packet once, or at least {@value #PRIME_MIN} and as many as fit in it. */
    static final long PRIME_NANOS = 1_000_000_000L;
    /** Packets primed whatever the budget. */
    static final int PRIME_MIN = 4096;

    PacketMix packets;
    FiveTuple tuple = new FiveTuple();
    int mask;
    long cursor;
    long now;
    /** The work ({@link Classification#work}) of every packet {@link #next} classified so far. */
    long work;
    /** The previous result of a dependent packet. */
    long last;
    /**
     * 0, in a field the compiler cannot fold: {@link #dependent} adds {@code last & zero} to the index, so the
     * next packet's loads wait for the previous result (a data dependency worth nothing) and the index sequence
     * stays the independent one.
     */
    long zero;
    /** The index of the current packet. */
    int index;
    private long workAtIteration;
    private long packetsAtIteration;
    private double share;

    /** Streams {@code mix} from its first packet. */
    final void use(PacketMix mix) {
        packets = mix;
        mask = mix.mask();
        cursor = 0;
    }

    /** Loads the next packet into {@link #tuple} without classifying it (conntrack hits); returns the tuple. */
    final FiveTuple nextTuple() {
        return packets.load((int) cursor++ & mask, tuple);
    }

    /** The next packet one {@link PacketClock#STEP_NANOS} later, independent of the previous result. */
    final FiveTuple independent() {
        index = (int) cursor++ & mask;
        now += PacketClock.STEP_NANOS;
        return packets.load(index, tuple);
    }

    /** The next packet one {@link PacketClock#STEP_NANOS} later, whose index waits for the previous result. */
    final FiveTuple dependent() {
        index = (int) (cursor++ + (last & zero)) & mask;
        now += PacketClock.STEP_NANOS;
        return packets.load(index, tuple);
    }

    /** The random value of the current packet. */
    final long random() {
        return packets.random(index);
    }

    /** Classifies the next packet through {@code dp}, counting nothing. */
    final long classifyNext(DataPlane dp) {
        return dp.classify(independent(), now, random());
    }

    /** Classifies the next packet through {@code dp} and adds its work to {@link #work}. */
    final long next(DataPlane dp) {
        long r = dp.classify(independent(), now, random());
        work += Classification.work(r);
        return r;
    }

    /**
     * Classifies the next packet through {@code dp} once the previous result is known (latency per packet, not
     * throughput: the core cannot overlap this packet's cache misses with the previous one's) and adds its work.
     */
    final long nextDependent(DataPlane dp) {
        long r = dp.classify(dependent(), now, random());
        last = r;
        work += Classification.work(r);
        return r;
    }

    /**
     * Classifies the stream's packets through {@code dp} from the current one: every packet once, or at least
     * {@value #PRIME_MIN} and as many as fit in {@link #PRIME_NANOS}, so that every slow path (table growth,
     * affinity and connection entries, JIT) has run before measurement.
     */
    final void prime(DataPlane dp) {
        prime(PRIME_NANOS, () -> next(dp));
    }

    /**
     * Runs {@code packet} once per packet of the stream: every packet once, or at least {@value #PRIME_MIN} and as
     * many as fit in {@code budgetNanos}. Setup only: the lambda is never on a measured path.
     */
    final void prime(long budgetNanos, Runnable packet) {
        long deadline = System.nanoTime() + budgetNanos;
        for (int i = 0; i < packets.size() && (i < PRIME_MIN || System.nanoTime() - deadline < 0); i++) {
            packet.run();
        }
    }

    /** Starts an iteration's {@code rulesPerPacket} count (call from a {@code Level.Iteration} setup). */
    final void beginIteration(BenchmarkParams bp, IterationParams ip) {
        workAtIteration = work;
        packetsAtIteration = cursor;
        share = 1.0 / Math.max(1, ip.getCount()) / Math.max(1, bp.getForks()) / Math.max(1, bp.getThreads());
    }

    /** Work per packet since {@link #beginIteration}, times this thread's and iteration's share of the score. */
    final double workPerPacket() {
        long n = cursor - packetsAtIteration;
        return n == 0 ? Double.NaN : share * (work - workAtIteration) / (double) n;
    }
}
