package io.kpbench.bench;

import io.kpbench.net.FiveTuple;
import io.kpbench.proxy.Classification;
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
 * The cost of classifying one NEW packet (pod to ClusterIP:port) in each proxy mode, in ns/op, with the rules
 * evaluated per packet as the secondary metric {@code rulesPerPacket} ({@link RulesCounter}).
 *
 * <p>The trial setup ({@link Fixture}) generates a seeded synthetic cluster of ClusterIP services on 100 nodes,
 * fully syncs the first node's data plane, precomputes a shuffled {@link PacketMix} (uniform or Zipf over
 * services; at least 64Ki packets and 4 per service, so the working set grows with the cluster) and classifies
 * the packets once (within a second), so every slow path has run before measurement. The measured method loads
 * the next packet into a reused {@link FiveTuple} and returns the packed classification. See
 * {@link PacketClock} for why time advances.
 *
 * <p>The full sweep is services x endpoints x traffic; combinations above 1M endpoints do not fit the forked
 * JVM's 2 GiB heap and are left out of the profiles (see {@link ProfilePasses}), not skipped at run time.
 */
public class FirstPacketClassifyBenchmark extends BenchmarkDefaults {
    /** Classifies the next packet of the mix. */
    @Benchmark
    public long classify(Fixture f, RulesCounter counters) {
        return f.next();
    }

    /**
     * The data plane and the packet mix of one trial. Benchmark-scoped so that the counters' setup and the
     * measured method share one instance (JMH makes a thread-scoped state per injection site); the benchmark
     * runs one thread.
     */
    @State(Scope.Benchmark)
    public static class Fixture {
        /** The priming budget: every packet once, or at least 4096 and as many as fit in a second. */
        private static final long PRIME_NANOS = 1_000_000_000L;

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

        DataPlane dp;
        PacketMix packets;
        FiveTuple tuple = new FiveTuple();
        int mask;
        long cursor;
        long now;
        /** The work ({@link Classification#work}) of every packet classified so far: written by the one thread. */
        long work;

        /** Builds the cluster, the data plane and the packet mix, then primes the data plane. */
        @Setup(Level.Trial)
        public void setUp() {
            BenchCluster c = BenchCluster.clusterIp(services, endpoints);
            dp = c.syncedDataPlane(mode);
            int size = Integer.highestOneBit(Math.max(1 << 16, Math.min(1 << 20, services * 4)) * 2 - 1);
            packets = PacketMix.of(c.snapshot(), traffic, size, BenchCluster.SEED);
            mask = packets.mask();
            long deadline = System.nanoTime() + PRIME_NANOS;
            for (int i = 0; i < packets.size() && (i < 4096 || System.nanoTime() - deadline < 0); i++) {
                next();
            }
        }

        long next() {
            int i = (int) cursor++ & mask;
            now += PacketClock.STEP_NANOS;
            long r = dp.classify(packets.load(i, tuple), now, packets.random(i));
            work += Classification.work(r);
            return r;
        }
    }

    /**
     * The secondary metric {@code rulesPerPacket}: rules (or map lookups, or hash-chain nodes) the data plane
     * evaluated per packet, summed from the {@link Classification#work} of each result by the fixture's one thread.
     *
     * <p>Mechanism (JMH sample 23): an {@code EVENTS} counter is read once after each iteration's measurement
     * loop, so nothing is added to the measured method; its value is the iteration's counter delta over the
     * packets classified. JMH reports {@code EVENTS} as totals: it sums them over threads (this benchmark has
     * one) and, in the run's score, over every measurement iteration of every fork. So each iteration reports
     * its ratio divided by (measurement iterations x forks), and the score JMH writes to {@code jmh.json} is
     * exactly the mean rules per packet; the per-iteration values printed in the log are that fraction of it.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class RulesCounter {
        private Fixture fixture;
        private long rulesAtStart;
        private long packetsAtStart;
        private double share;

        /** Starts the iteration's count. */
        @Setup(Level.Iteration)
        public void start(Fixture f, BenchmarkParams bp, IterationParams ip) {
            fixture = f;
            rulesAtStart = f.work;
            packetsAtStart = f.cursor;
            share = 1.0 / Math.max(1, ip.getCount()) / Math.max(1, bp.getForks());
        }

        /** Rules evaluated per packet since {@link #start}, times this iteration's share of the score. */
        public double rulesPerPacket() {
            long packets = fixture == null ? 0 : fixture.cursor - packetsAtStart;
            return packets == 0 ? Double.NaN
                    : share * (fixture.work - rulesAtStart) / (double) packets;
        }
    }
}
