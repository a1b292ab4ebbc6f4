package io.kpbench.bench;

import io.kpbench.bench.JourneyCluster.Kind;
import io.kpbench.bench.JourneyCluster.Mix;
import io.kpbench.proxy.ProxyMode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * One whole request and reply, in ns/op, for each proxy mode: {@code clusterIP} (a pod to a ClusterIP),
 * {@code nodePort} (an outside client to a node IP:nodePort) and {@code loadBalancer} (the client to a cloud LB,
 * which picks a node). Each op is the FIRST packet of a new connection, the expensive journey: LB pick and
 * conntrack insert, the node's conntrack miss, the proxier's classification and DNAT, the pod, and the reply
 * un-NATed through node and LB (see {@link JourneyCluster} for the cluster and why every op is a new flow).
 *
 * <p>The trial setup builds the cluster and the three seeded request mixes and primes the measured kind (every
 * request of its mix once, within a second), checking that each replied on the slow path; each iteration's
 * teardown checks that again on a few more requests, so a conntrack table that filled up or a flow that hit
 * the fast path fails the run rather than measuring something else.
 */
public class JourneyBenchmark extends BenchmarkDefaults {
    /** A pod to a ClusterIP:port. */
    @Benchmark
    public long clusterIP(Fixture f) {
        return f.cluster.next(f.clusterIp);
    }

    /** The outside client to a node IP:nodePort. */
    @Benchmark
    public long nodePort(Fixture f) {
        return f.cluster.next(f.nodePort);
    }

    /** The outside client to a cloud LB address:port. */
    @Benchmark
    public long loadBalancer(Fixture f) {
        return f.cluster.next(f.loadBalancer);
    }

    /** The cluster and request mixes of one trial (one thread: a {@code PacketPath} is single-threaded). */
    @State(Scope.Thread)
    public static class Fixture {
        private static final long PRIME_NANOS = 1_000_000_000L;

        /** The proxy mode (no values: every mode; BenchMain passes the available ones). */
        @Param
        public ProxyMode mode;
        /** Services in the cluster (90% ClusterIP, 5% NodePort, 5% LoadBalancer). */
        @Param({"1000", "10000"})
        public int services;

        JourneyCluster cluster;
        Mix clusterIp;
        Mix nodePort;
        Mix loadBalancer;
        private Kind measured;

        /** Builds the cluster and the mixes, then primes the measured kind. */
        @Setup(Level.Trial)
        public void setUp(BenchmarkParams bp) {
            cluster = new JourneyCluster(mode, services);
            clusterIp = cluster.mix(Kind.clusterIP);
            nodePort = cluster.mix(Kind.nodePort);
            loadBalancer = cluster.mix(Kind.loadBalancer);
            String name = bp.getBenchmark();
            measured = Kind.valueOf(name.substring(name.lastIndexOf('.') + 1));
            cluster.primeAndCheck(mix(measured), measured, JourneyCluster.MIX_SIZE, PRIME_NANOS);
        }

        /** Checks that the measured requests are still first packets that are replied. */
        @TearDown(Level.Iteration)
        public void check() {
            cluster.primeAndCheck(mix(measured), measured, 256, 0);
        }

        private Mix mix(Kind k) {
            return switch (k) {
                case clusterIP -> clusterIp;
                case nodePort -> nodePort;
                case loadBalancer -> loadBalancer;
            };
        }
    }
}
