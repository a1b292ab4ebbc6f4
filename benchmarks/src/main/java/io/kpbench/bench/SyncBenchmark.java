package io.kpbench.bench;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.proxy.DataPlane;
import io.kpbench.proxy.ProxyMode;
import io.kpbench.proxy.SyncStats;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The control-plane cost of each mode: a full sync of a fresh data plane (ms/op) and a one-endpoint partial
 * sync (us/op), with the lines, rules and elements each sync writes ({@link SyncCounters}).
 *
 * <p>Mechanism: the cluster is ClusterIP services of 10 endpoints on 100 nodes. {@code partialSync} applies
 * the steps of a rolling update ({@link RollingUpdate}: one service's first endpoint replaced by a new pod) and
 * alternates each step with its inverse, on 16 seeded services in turn, so the data plane never drifts from the
 * base cluster; the figure is the mean of a forward and a backward change. Both call the
 * {@link DataPlane#sync} seam, i.e. compile and write into the model's tables, not a kernel.
 */
public class SyncBenchmark extends BenchmarkDefaults {
    /** A fresh data plane of the mode, fully synced with the whole cluster. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public SyncStats fullSync(Fixture f, SyncCounters c) {
        SyncStats s = f.cluster.newDataPlane(f.mode).sync(f.cluster.snapshot());
        c.add(s);
        return s;
    }

    /** The next step of the rolling update, or its inverse, applied to the synced data plane. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public SyncStats partialSync(Fixture f, SyncCounters c) {
        int k = f.step++;
        RollingUpdate u = f.steps[(k >>> 1) & (f.steps.length - 1)];
        SyncStats s = (k & 1) == 0 ? f.dp.sync(u.changed(), u.forward()) : f.dp.sync(f.base, u.back());
        c.add(s);
        return s;
    }

    /** The cluster, the synced data plane and the rolling-update steps. */
    @State(Scope.Thread)
    public static class Fixture {
        /** Steps of the rolling update (a power of two). */
        static final int STEPS = 16;

        /** The proxy mode (no values: every mode). */
        @Param
        public ProxyMode mode;
        /** ClusterIP services of 10 endpoints. */
        @Param({"1000", "10000", "30000", "100000"})
        public int services;
        /** Endpoints per service. */
        @Param({"10"})
        public int endpoints;

        BenchCluster cluster;
        ClusterSnapshot base;
        DataPlane dp;
        RollingUpdate[] steps;
        int step;

        /** Builds the cluster, syncs the data plane and precomputes the steps, then runs each once. */
        @Setup(Level.Trial)
        public void setUp() {
            cluster = BenchCluster.clusterIp(services, endpoints);
            base = cluster.snapshot();
            dp = cluster.syncedDataPlane(mode);
            steps = RollingUpdate.steps(base, STEPS, BenchCluster.SEED);
            if (Integer.bitCount(steps.length) != 1) {
                throw new IllegalStateException("need " + STEPS + " services with endpoints, got " + steps.length);
            }
            for (RollingUpdate u : steps) {
                dp.sync(u.changed(), u.forward());
                dp.sync(base, u.back());
            }
        }
    }
}
