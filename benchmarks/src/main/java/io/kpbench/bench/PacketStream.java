package io.kpbench.bench;

import io.kpbench.net.FiveTuple;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.DataPlane;

/**
 * One thread's stream of packets: a precomputed {@link PacketMix} read with {@code cursor & mask} into a reused
 * {@link FiveTuple}, the {@link PacketClock} time of the current packet, and the sum of the
 * {@link Classification#work} of every packet it classified. Each benchmark's per-thread (or, single-threaded,
 * per-benchmark) {@code @State} extends it, so that every first-packet benchmark draws, primes and counts packets
 * the same way, and {@link WorkPerPacket} reads the work of any of them.
 *
 * <p>All fields are written by the one thread that owns the stream: the work sum is never a shared field.
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

    /** Classifies the next packet through {@code dp} one {@link PacketClock#STEP_NANOS} later, counting nothing. */
    final long classifyNext(DataPlane dp) {
        int i = (int) cursor++ & mask;
        now += PacketClock.STEP_NANOS;
        return dp.classify(packets.load(i, tuple), now, packets.random(i));
    }

    /** Classifies the next packet through {@code dp} and adds its work to {@link #work}. */
    final long next(DataPlane dp) {
        long r = classifyNext(dp);
        work += Classification.work(r);
        return r;
    }

    /**
     * Classifies the stream's packets through {@code dp} from the current one: every packet once, or at least
     * {@value #PRIME_MIN} and as many as fit in {@link #PRIME_NANOS}, so that every slow path (table growth,
     * affinity and connection entries, JIT) has run before measurement.
     */
    final void prime(DataPlane dp) {
        long deadline = System.nanoTime() + PRIME_NANOS;
        for (int i = 0; i < packets.size() && (i < PRIME_MIN || System.nanoTime() - deadline < 0); i++) {
            next(dp);
        }
    }
}
