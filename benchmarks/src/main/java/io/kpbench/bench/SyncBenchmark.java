package io.kpbench.bench;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.proxy.DataPlane;
import io.kpbench.proxy.ProxyMode;
import io.kpbench.proxy.SyncStats;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The control-plane cost of each mode, one timed shot at a time ({@link Mode#SingleShotTime}): a full sync of a
 * fresh data plane (ms/op) and a one-endpoint partial sync (us/op), with the GC time each sync cost
 * ({@code gcMs}) and the lines, rules and elements it wrote ({@link SyncCounters}).
 *
 * <p>Why single shots: a full sync allocates hundreds of MB (iptables at 10k services: about 587 MB per op), so
 * a 1 s AverageTime iteration held about 3 ops and a GC pause or not at random. Here every shot starts from the
 * same state and a collected heap ({@link SyncCounters} runs {@link System#gc} before each shot, as JMH's
 * {@code -gc true} would), {@value #ITERATIONS} measured shots (after {@value #WARMUPS} warmup shots) give the
 * interval, and the GC time the shot itself paid ({@code gcMs}, from the collectors' MXBeans, read outside the
 * timed region) is reported beside the score, which includes it: the reader sees how much of a sync is
 * collection. {@link ProfilePasses} sets the same counts
 * for the quick and full profiles (profile options override these annotations).
 *
 * <p>{@code fullSync}: a shot is one full sync (milliseconds: well above the timer's resolution). The empty
 * plane is made outside the timed shot by the fixture's iteration setup, and the previous shot's plane is
 * dropped before the collection, so that each shot syncs an empty plane into the same heap.
 *
 * <p>{@code partialSync}: the warm figure, the acceptance figure of issue 16. A shot runs {@value #PAIRS} steps of
 * a rolling update ({@link RollingUpdate}: one service's first endpoint replaced by a new pod) each followed by its
 * inverse, {@value #PAIRS_SYNCS} one-endpoint partial syncs in all, and {@code @OperationsPerInvocation} of the
 * same number divides the shot's time into a per-sync score. kube-proxy and the Cilium agent are compiled Go
 * whose syncs run back to back under churn, so the faithful figure is compiled code on warm caches: the fixture's
 * setup compiles the path (see {@link Fixture#setUp}), and the collection before each shot is paid once per
 * {@value #PAIRS_SYNCS} syncs, not per sync. Every mode but iptables (the profiles leave it out: at hundreds of ms
 * a sync, a shot would take a minute).
 *
 * <p>{@code partialSyncCold}: a shot is one step and its inverse ({@value #PARTIAL_BATCH} syncs, a JMH batch, the
 * score per sync) right after a collection, so with cold caches: every mode, and iptables' partial-sync figure
 * (kube-proxy's partial restore: the changed service chains plus the whole {@code KUBE-SERVICES} chain, hundreds of
 * ms at 10k services, with its {@code lines} per sync). The fastest cold syncs take tens of microseconds, still a
 * hundred times the resolution of {@link System#nanoTime}.
 *
 * <p>Shots take up to {@value Fixture#STEPS} seeded services in turn (a power of two: a small dump has fewer), so the data plane never drifts from the base
 * cluster; each figure is the mean of forward and backward changes. The secondary counters stay per sync.
 *
 * <p>Both call the {@link DataPlane#sync} seam, i.e. compile and write into the model's tables, not a kernel.
 */
@BenchmarkMode(Mode.SingleShotTime)
@Warmup(iterations = SyncBenchmark.WARMUPS, batchSize = 1)
@Measurement(iterations = SyncBenchmark.ITERATIONS, batchSize = 1)
public class SyncBenchmark extends BenchmarkDefaults {
    /** Warmup shots. */
    static final int WARMUPS = 3;
    /** Measured shots. */
    static final int ITERATIONS = 20;
    /** {@code partialSyncCold}'s syncs per shot: one step of the rolling update and its inverse. */
    static final int PARTIAL_BATCH = 2;
    /** {@code partialSync}'s rolling-update steps per shot, each followed by its inverse. */
    static final int PAIRS = 64;
    /** {@code partialSync}'s syncs per shot. */
    static final int PAIRS_SYNCS = 2 * PAIRS;

    /** A full sync of a fresh, empty data plane of the mode with the whole cluster. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public SyncStats fullSync(Fixture f, SyncCounters c) {
        SyncStats s = f.fresh.sync(f.base);
        c.add(s);
        return s;
    }

    /** The next {@value #PAIRS} steps of the rolling update, each followed by its inverse, on the synced plane. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @OperationsPerInvocation(PAIRS_SYNCS)
    public void partialSync(Fixture f, SyncCounters c, Blackhole bh) {
        for (int i = 0; i < PAIRS_SYNCS; i++) {
            bh.consume(step(f, c));
        }
    }

    /** The next step of the rolling update, or its inverse, applied to the synced data plane after a collection. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = WARMUPS, batchSize = PARTIAL_BATCH)
    @Measurement(iterations = ITERATIONS, batchSize = PARTIAL_BATCH)
    @OperationsPerInvocation(PARTIAL_BATCH)
    public SyncStats partialSyncCold(Fixture f, SyncCounters c) {
        return step(f, c);
    }

    /** One partial sync: the next step of the rolling update if the plane is at the base cluster, else its inverse. */
    private static SyncStats step(Fixture f, SyncCounters c) {
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
        /** {@code fullSync}'s empty plane for the next shot (partialSync ignores it). */
        DataPlane fresh;
        RollingUpdate[] steps;
        int step;

        /**
         * Builds the cluster, syncs the data plane and precomputes the steps, then compiles the partial-sync path:
         * the steps and their inverses in turn for {@value #COMPILE_NANOS} ns or {@value #COMPILE_SYNCS} syncs,
         * whichever ends first. A single shot cannot warm itself: {@value SyncBenchmark#WARMUPS} warmup shots of
         * {@value SyncBenchmark#PARTIAL_BATCH} syncs (or of {@value SyncBenchmark#PAIRS_SYNCS}) are far below the
         * thousands after which
         * HotSpot's C2 compiles a method, so without this loop a microsecond partial sync ran interpreted and
         * measured its interpreter (hundreds of us at 10k services) rather than the model. kube-proxy's syncs run
         * compiled Go; the shots still run cold-cached after a collection, as a real sync does. The loop ends on a
         * whole cycle, so the plane is back at the base cluster.
         */
        @Setup(Level.Trial)
        public void setUp() {
            cluster = BenchCluster.clusterIp(services, endpoints);
            base = cluster.snapshot();
            dp = cluster.syncedDataPlane(mode);
            RollingUpdate[] all = RollingUpdate.steps(base, STEPS, BenchCluster.SEED);
            if (all.length == 0) {
                throw new IllegalStateException("the cluster has no service with an endpoint to update");
            }
            // a power of two, for the shots' index mask: all 16 on the synthetic clusters, fewer on a small dump
            steps = Arrays.copyOf(all, Integer.highestOneBit(all.length));
            long deadline = System.nanoTime() + COMPILE_NANOS;
            int syncs = 0;
            do {
                for (RollingUpdate u : steps) {
                    dp.sync(u.changed(), u.forward());
                    dp.sync(base, u.back());
                }
                syncs += 2 * steps.length;
            } while (syncs < COMPILE_SYNCS && System.nanoTime() < deadline);
        }

        /** The compiling loop's time budget: iptables' partial sync (hundreds of ms) stops here. */
        static final long COMPILE_NANOS = 3_000_000_000L;
        /** The compiling loop's sync budget: past C2's thresholds for every method on the path. */
        static final int COMPILE_SYNCS = 20_000;

        /**
         * Makes {@code fullSync}'s empty plane for the shot, outside the timed region (an empty plane is a few
         * arrays: allocating it does not trigger a collection).
         */
        @Setup(Level.Iteration)
        public void makeFreshPlane() {
            fresh = cluster.newDataPlane(mode);
        }

        /** Drops the shot's synced plane, so that the collection before the next shot frees it. */
        @TearDown(Level.Iteration)
        public void dropFreshPlane() {
            fresh = null;
        }
    }
}
