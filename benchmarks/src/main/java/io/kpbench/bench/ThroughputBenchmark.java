package io.kpbench.bench;

import io.kpbench.proxy.DataPlane;
import io.kpbench.proxy.ProxyMode;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * First-packet classify throughput (ops/us, all threads together) with one data plane shared by the
 * benchmark's threads, as every CPU of a node shares the kernel's tables, with each thread's rules evaluated per
 * packet as the secondary metric {@code rulesPerPacket} ({@link Sender}: the mean over threads).
 *
 * <p>Mechanism: the data plane is benchmark-scoped and synced once; each thread has its own seeded, shuffled
 * {@link PacketMix} (seed + thread index, so threads send different flows), cursor, {@link PacketClock} and work
 * sum in its {@link PacketStream}, primed through the shared data plane.
 * The thread count is not in the name: {@link BenchMain} runs this benchmark in one JMH pass per thread count
 * (1 and 2, see {@link ProfilePasses}), and the JMH {@code threads} field of each result says which, so that
 * the reports can put 1 and 2 threads side by side under {@code ThroughputBenchmark.classify}. Run from the
 * jar, {@code -t 2} does the same. What the threads share is measured too: IPVS inserts every scheduled
 * connection under its table's monitor. No mode writes a shared counter per packet: the work a packet cost
 * comes back in its {@link io.kpbench.proxy.Classification} result.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ThroughputBenchmark extends BenchmarkDefaults {
    /** Classifies this thread's next packet. */
    @Benchmark
    public long classify(Shared s, Sender t) {
        return t.next(s.dp);
    }

    /** The cluster and the data plane every thread classifies against. */
    @State(Scope.Benchmark)
    public static class Shared {
        /** The proxy mode (no values: every mode). */
        @Param
        public ProxyMode mode;
        /** ClusterIP services. */
        @Param({"1000", "10000", "100000"})
        public int services;
        /** Endpoints per service. */
        @Param({"10"})
        public int endpoints;

        BenchCluster cluster;
        DataPlane dp;

        /** Builds and syncs the data plane. */
        @Setup(Level.Trial)
        public void setUp() {
            cluster = BenchCluster.clusterIp(services, endpoints);
            dp = cluster.syncedDataPlane(mode);
        }
    }

    /**
     * One thread's packet stream (its own mix, cursor, clock and work sum), and the thread's secondary metric
     * {@code rulesPerPacket} (see {@link PacketStream}; JMH averages it over threads through the share).
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Sender extends PacketStream {
        /** Draws this thread's packet mix and primes it through the shared data plane (at most a second). */
        @Setup(Level.Trial)
        public void setUp(Shared s, ThreadParams tp) {
            long seed = BenchCluster.SEED + tp.getThreadIndex();
            use(PacketMix.of(s.cluster, null, BenchInput.current().trafficOrUniform(), PacketMix.SIZE, seed));
            prime(s.dp);
        }

        /** Starts the iteration's count. */
        @Setup(Level.Iteration)
        public void start(BenchmarkParams bp, IterationParams ip) {
            beginIteration(bp, ip);
        }

        /** Rules evaluated per packet by this thread since {@link #start}, times its share of the score. */
        public double rulesPerPacket() {
            return workPerPacket();
        }
    }
}
