package io.kpbench.bench;

import io.kpbench.proxy.DataPlane;
import io.kpbench.proxy.ProxyMode;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;

/**
 * The cost of classifying one NEW packet in each proxy mode, in ns/op, with the rules evaluated per packet as the
 * secondary metric {@code rulesPerPacket} ({@link RulesCounter}), on each {@link ServicePath}: a pod to a
 * ClusterIP:port, or an outside client to a node port, a LoadBalancer or an externalIP.
 *
 * <p>The trial setup ({@link Fixture}) generates a seeded synthetic cluster of services of the path's type on 100
 * nodes ({@link BenchCluster#forPath}; the given cluster with {@code -Dbench.cluster}),
 * fully syncs the first node's data plane, precomputes a shuffled {@link PacketMix} (uniform or Zipf over
 * services; {@link PacketMix#SIZE} packets at every scale, so only the mode's tables grow) and classifies
 * the packets once (within a second), so every slow path has run before measurement. The measured method
 * classifies the next packet of the fixture's {@link PacketStream} and returns the packed classification. See
 * {@link PacketClock} for why time advances.
 *
 * <p>The full sweep is services x endpoints x traffic x path; combinations above 1M endpoints do not fit the forked
 * JVM's 2 GiB heap and are left out of the profiles (see {@link ProfilePasses}), not skipped at run time.
 */
public class FirstPacketClassifyBenchmark extends BenchmarkDefaults {
    /** Classifies the next packet of the mix: independent packets, throughput per packet. */
    @Benchmark
    public long classify(Fixture f, RulesCounter counters) {
        return f.next(f.dp);
    }

    /**
     * Classifies the next packet of the mix once the previous result is known: dependent packets, latency per
     * packet (see {@link PacketStream#nextDependent}).
     */
    @Benchmark
    public long classifyDependent(Fixture f, RulesCounter counters) {
        return f.nextDependent(f.dp);
    }

    /**
     * The data plane and the packet stream of one trial. Benchmark-scoped so that the counters' setup and the
     * measured method share one instance (JMH makes a thread-scoped state per injection site); the benchmark
     * runs one thread, which owns the stream.
     */
    @State(Scope.Benchmark)
    public static class Fixture extends PacketStream {
        /** The proxy mode (no values: every mode; BenchMain passes the available ones). */
        @Param
        public ProxyMode mode;
        /** ClusterIP services in the cluster. */
        @Param({"100", "1000", "10000", "30000", "100000"})
        public int services;
        /** Endpoints per service. */
        @Param({"1", "10", "100"})
        public int endpoints;
        /** How packets spread over services. */
        @Param
        public Traffic traffic;
        /** The frontend the packets hit: ClusterIP, node port, LoadBalancer or externalIP ({@link ServicePath}). */
        @Param
        public ServicePath path;

        DataPlane dp;

        /**
         * Builds the cluster, the data plane and the packet mix, then primes the data plane. Refuses more than one
         * thread: the stream is the benchmark's one state, which two threads would race on (ThroughputBenchmark
         * gives each thread its own stream).
         */
        @Setup(Level.Trial)
        public void setUp(BenchmarkParams bp) {
            if (bp.getThreads() != 1) {
                throw new IllegalStateException("FirstPacketClassifyBenchmark runs one thread (its packet stream is "
                        + "shared), not " + bp.getThreads() + "; ThroughputBenchmark measures threads");
            }
            BenchCluster c = BenchCluster.forPath(services, endpoints, path);
            dp = c.syncedDataPlane(mode);
            use(PacketMix.of(c, path, traffic, PacketMix.SIZE, BenchCluster.SEED));
            prime(dp);
        }
    }

    /**
     * The secondary metric {@code rulesPerPacket} of the fixture's stream (see {@link PacketStream}): a separate
     * thread-scoped state, as JMH allows {@code @AuxCounters} on thread-scoped states only.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class RulesCounter {
        private Fixture fixture;

        /** Starts the iteration's count. */
        @Setup(Level.Iteration)
        public void start(Fixture f, BenchmarkParams bp, IterationParams ip) {
            fixture = f;
            f.beginIteration(bp, ip);
        }

        /** Rules evaluated per packet since {@link #start}, times this iteration's share of the score. */
        public double rulesPerPacket() {
            return fixture == null ? Double.NaN : fixture.workPerPacket();
        }
    }
}
