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
 * First-packet classify while the control plane applies endpoint churn (a rolling update), in ns/op for the
 * reader ({@code churn:classify}) and the writer ({@code churn:rollingUpdate}) of JMH group {@code churn}
 * (sample 15).
 *
 * <p>Mechanism: the {@link DataPlane} seam allows no sync concurrent with classify (nftables and IPVS mutate
 * their tables in place), while the kernel never lets a packet see half a ruleset: iptables-restore and nft
 * swap a whole table or transaction atomically. The benchmark models that as double-buffered RCU in
 * {@link Planes}: two data planes of the mode in the same state, one published through a volatile reference
 * the reader loads per packet. Each writer op applies one {@link RollingUpdate} step (alternating with its
 * inverse) to the standby plane, publishes it, waits a grace period until the reader has finished every packet
 * that might still use the old plane, then applies the same step to the old plane; a writer op is thus two
 * incremental syncs plus a grace period. The reader's side costs a volatile load and a volatile store per
 * packet (its grace-period sequence), which the kernel's RCU read side does not pay.
 */
public class ChurnBenchmark extends BenchmarkDefaults {
    /** The reader: classifies its next packet against the published plane. */
    @Benchmark
    @Group("churn")
    @GroupThreads(1)
    public long classify(Planes p, Reader r) {
        long v = r.classifyNext(p.live);
        p.readerSeq = r.cursor;
        return v;
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

    /** The two data planes, the published one, and the reader's grace-period sequence. */
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
        volatile long readerSeq;
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
         * Waits until the reader can no longer be inside a packet that loaded the previous plane: the reader
         * stores its sequence (volatile) after each packet, so once it has advanced by two past the value read
         * after the publication, the packet in flight then has finished and every later one loaded the new
         * plane. Returns false, without waiting, once the measurement is over and the reader may have left the
         * iteration (JMH's warmdown ends when the last thread arrives); the writer then defers the old plane's
         * update to its next op, which waits again before touching it.
         */
        boolean awaitGracePeriod(Control control) {
            long seen = readerSeq;
            long deadline = System.nanoTime() + GRACE_LIMIT_NANOS;
            for (int spins = 0; readerSeq - seen < 2; spins++) {
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

    /**
     * The reader's packet stream. Not primed: priming would change one plane's state and not the other's. The
     * reader counts no work ({@link PacketStream#classifyNext}), so its side does no more than before.
     */
    @State(Scope.Thread)
    public static class Reader extends PacketStream {
        /** Draws the packet mix. */
        @Setup(Level.Trial)
        public void setUp(Planes p) {
            use(PacketMix.of(p.cluster.snapshot(), Traffic.UNIFORM, PacketMix.SIZE, BenchCluster.SEED));
        }
    }
}
