package io.kpbench.bench;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.proxy.DataPlane;
import io.kpbench.proxy.ProxyMode;
import io.kpbench.proxy.SyncStats;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Control;

/**
 * First-packet classify while the control plane applies endpoint churn (a rolling update): two figures, the
 * reader's ns per packet ({@code churn:classify}) and the writer's ns per rolling-update step
 * ({@code churn:rollingUpdate}), the two secondary results of JMH group {@code churn} (sample 15). JMH's primary
 * score for the group is the mean of those two ns/op (a packet and a sync step averaged, e.g. "289,291,461
 * ns/op"): it means nothing and is never shown; {@code summary.md} gives a row per figure instead.
 *
 * <p>Mechanism: the {@link DataPlane} seam allows no sync concurrent with classify (nftables and IPVS mutate
 * their tables in place), while the kernel never lets a packet see half a ruleset: iptables-restore and nft
 * swap a whole table or transaction atomically. The benchmark models that as double-buffered RCU in
 * {@link Planes}: two data planes of the mode in the same state, one published through a volatile reference
 * the reader loads per packet. Each writer op applies one {@link RollingUpdate} step (alternating with its
 * inverse) to the standby plane, publishes it, waits a grace period until the reader can no longer be inside a
 * packet that uses the old plane, then applies the same step to the old plane; a writer op is thus two
 * incremental syncs plus a grace period.
 *
 * <p>The grace period is acknowledged, not polled per packet (quiescent-state RCU, as the kernel's
 * {@code synchronize_rcu} waits for each CPU to pass a quiescent state). The reader loads the published plane at
 * the start of each packet and compares it with the plane of its previous packet (a thread-private field);
 * only when the plane has changed does it store that plane into {@link ReaderAck}, before classifying. Its
 * previous packet, the last that could use the old plane, has then finished (one thread, program order; the
 * volatile store releases it and the writer's volatile load acquires it), so the writer may update the old
 * plane once the acknowledgement names the plane it published. The reader's side therefore costs one volatile
 * load per packet (a plain load on x86, of a line the writer writes once per op) and one store per
 * publication, against the kernel read side's {@code rcu_read_lock}, which costs about nothing. The
 * acknowledgement sits in its own object, padded to 128 bytes on each side (two 64-byte lines, for the adjacent
 * line prefetcher), so the line the writer spins on holds nothing else: an earlier design stored a sequence per
 * packet into a field beside the published reference, on the very line the writer spun on, and paid a cache
 * line transfer per packet.
 */
public class ChurnBenchmark extends BenchmarkDefaults {
    /** The reader: classifies its next packet against the published plane, acknowledging a new plane once. */
    @Benchmark
    @Group("churn")
    @GroupThreads(1)
    public long classify(Planes p, Reader r) {
        DataPlane dp = p.live;
        if (dp != r.seen) {
            r.seen = dp;
            p.ack.plane = dp;
        }
        return r.classifyNext(dp);
    }

    /** The writer: one step of the rolling update, published RCU-style. */
    @Benchmark
    @Group("churn")
    @GroupThreads(1)
    public SyncStats rollingUpdate(Planes p, Control control) {
        if (p.pendingStep >= 0) {
            if (!p.awaitGracePeriod(control)) {
                return null;
            }
            apply(p, p.live == p.a ? p.b : p.a, p.pendingStep);
            p.pendingStep = -1;
        }
        int k = p.step++;
        DataPlane old = p.live;
        DataPlane standby = old == p.a ? p.b : p.a;
        apply(p, standby, k);
        p.live = standby;
        if (!p.awaitGracePeriod(control)) {
            p.pendingStep = k;
            return null;
        }
        return apply(p, old, k);
    }

    /** Applies step {@code k}: the rolling update's step {@code k / 2}, forward when k is even, else back. */
    private static SyncStats apply(Planes p, DataPlane dp, int k) {
        RollingUpdate u = p.steps[(k >>> 1) & (p.steps.length - 1)];
        return (k & 1) == 0 ? dp.sync(u.changed(), u.forward()) : dp.sync(p.base, u.back());
    }

    /** The two data planes, the published one, and the reader's acknowledgement. */
    @State(Scope.Group)
    public static class Planes {
        /** The longest grace period tolerated before the benchmark fails (a stuck reader). */
        private static final long GRACE_LIMIT_NANOS = 30_000_000_000L;

        /** The proxy mode (no values: every mode). */
        @Param
        public ProxyMode mode;
        /** ClusterIP services. */
        @Param({"1000", "10000", "30000"})
        public int services;
        /** Endpoints per service. */
        @Param({"10"})
        public int endpoints;

        BenchCluster cluster;
        ClusterSnapshot base;
        RollingUpdate[] steps;
        DataPlane a;
        DataPlane b;
        volatile DataPlane live;
        final ReaderAck ack = new ReaderAck();
        int step;
        int pendingStep = -1;

        /** Builds both planes in the base state and the rolling-update steps. */
        @Setup(Level.Trial)
        public void setUp() {
            cluster = BenchCluster.clusterIp(services, endpoints);
            base = cluster.snapshot();
            a = cluster.syncedDataPlane(mode);
            b = cluster.syncedDataPlane(mode);
            steps = RollingUpdate.steps(base, SyncBenchmark.Fixture.STEPS, BenchCluster.SEED);
            live = a;
        }

        /**
         * Waits until the reader has acknowledged the published plane: every packet it starts from then on uses
         * that plane, and the one in flight when it was published has finished. Returns false, without waiting,
         * once the measurement is over and the reader may have left the iteration (JMH's warmdown ends when the
         * last thread arrives); the writer then defers the old plane's update to its next op, which waits again
         * before touching it.
         */
        boolean awaitGracePeriod(Control control) {
            DataPlane published = live;
            long deadline = System.nanoTime() + GRACE_LIMIT_NANOS;
            for (int spins = 0; ack.plane != published; spins++) {
                if (control.stopMeasurement) {
                    return false;
                }
                if ((spins & 0xFF) == 0xFF) {
                    Thread.yield();
                    if (System.nanoTime() - deadline > 0) {
                        throw new IllegalStateException("the reader made no progress for 30 s");
                    }
                } else {
                    Thread.onSpinWait();
                }
            }
            return true;
        }
    }

    /** 128 bytes ahead of {@link ReaderAck}'s field (hierarchy padding: the JVM lays superclass fields first). */
    abstract static class AckPadBefore {
        long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
    }

    /** The field the reader writes once per publication and the writer spins on. */
    abstract static class AckField extends AckPadBefore {
        /** The plane the reader last began a packet with. */
        volatile DataPlane plane;
    }

    /** The reader's acknowledgement of a published plane, alone on its cache lines (128 bytes after it too). */
    static final class ReaderAck extends AckField {
        long q00, q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;
    }

    /**
     * The reader's packet stream and the plane of its last packet. Not primed: priming would change one plane's
     * state and not the other's. The reader counts no work ({@link PacketStream#classifyNext}), so its side does no
     * more than before.
     */
    @State(Scope.Thread)
    public static class Reader extends PacketStream {
        /** The plane the previous packet used; written and read by the reader only. */
        DataPlane seen;

        /** Draws the packet mix. */
        @Setup(Level.Trial)
        public void setUp(Planes p) {
            use(PacketMix.of(p.cluster, null, BenchInput.current().trafficOrUniform(), PacketMix.SIZE,
                    BenchCluster.SEED));
        }
    }
}
