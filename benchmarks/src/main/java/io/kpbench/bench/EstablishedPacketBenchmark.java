package io.kpbench.bench;

import io.kpbench.conntrack.ConntrackBuckets;
import io.kpbench.conntrack.ConntrackResult;
import io.kpbench.conntrack.ConntrackTable;
import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.DataPlane;
import io.kpbench.proxy.ProxyMode;
import io.kpbench.proxy.Verdict;
import java.util.HashMap;
import java.util.Map;
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
 * The cost of an established packet (a conntrack hit: lookup and translation into a reused tuple) on a node
 * tracking {@code flows} connections, in ns/op.
 *
 * <p>Mechanism: the node's data plane of the mode classifies each flow's first packet and its DNAT verdict
 * (endpoint, masquerade to the node IP) becomes the flow's {@link ConntrackTable} entry, as
 * {@code io.kpbench.path.PacketPath} does; then packets of those flows, drawn uniformly and shuffled, are looked
 * up. The mode only decides which endpoint each flow was given: in this model every mode's established packets
 * take the node's netfilter conntrack fast path and walk no rule or map, so the figures should agree across
 * modes (in the kernel, IPVS and Cilium's eBPF have tables of their own on this path). The cluster has 100
 * services of 10 endpoints, so that classifying a million first packets stays within the setup budget.
 *
 * <p>The table is the kernel's chained hash with a kube-proxy node's bucket count
 * ({@link ConntrackBuckets#kubeProxyNode}: the {@code kernel}'s default for a node over 4 GiB, raised by kube-proxy to
 * {@code nf_conntrack_max / 4} when smaller, {@code nf_conntrack_max} being the table's capacity). On Linux 5.15 and
 * later that is 262,144 buckets up to 100,000 flows and 312,832 at 1,000,000 (capacity 1,251,024); before 5.15, 65,536
 * up to 100,000 flows and the same 312,832 at 1,000,000. A hit walks its chain to its own tuple, {@code 1 + N/H} nodes
 * on average, of a chain of {@code 2·N/H}; the secondary results {@code chainNodesPerLookup} (measured) and
 * {@code tuplesPerBucket} ({@code 2·N/H}, the mean chain length) show it, so that the cost at 1,000,000 flows can be
 * read against 100,000 with the chain growth beside it.
 */
public class EstablishedPacketBenchmark extends BenchmarkDefaults {
    /**
     * Looks up the next established packet and returns the result. {@code counters} is injected so that JMH
     * reports its secondaries (an {@code @AuxCounters} state that no benchmark method takes is never made); the
     * chain nodes are counted once over the whole mix in the setup, so the measured method counts nothing.
     */
    @Benchmark
    public long lookup(Fixture f, ChainCounters counters) {
        return f.ct.lookup(f.nextTuple(), TrackedFlows.NOW, f.out);
    }

    /** The node's conntrack table, filled through the mode's data plane, and the packets to look up. */
    @State(Scope.Thread)
    public static class Fixture extends PacketStream {
        /** The proxy mode that classified the first packets (no values: every mode). */
        @Param
        public ProxyMode mode;
        /** Tracked connections. */
        @Param({"10000", "100000", "1000000"})
        public int flows;
        /** ClusterIP services. */
        @Param({"100"})
        public int services;
        /** Endpoints per service. */
        @Param({"10"})
        public int endpoints;
        /** The kernel whose default bucket count the node has ({@code -p kernel=BEFORE_5_15} for the older one). */
        @Param({"SINCE_5_15"})
        public ConntrackBuckets.Kernel kernel;

        ConntrackTable ct;
        FiveTuple out = new FiveTuple();

        /** Classifies every flow's first packet, tracks it, and draws the established packets. */
        @Setup(Level.Trial)
        public void setUp() {
            BenchCluster c = BenchCluster.clusterIp(services, endpoints);
            int capacity = TrackedFlows.capacity(flows);
            ct = new ConntrackTable(IpFamily.IPv4, capacity, ConntrackBuckets.kubeProxyNode(kernel, capacity),
                    BenchCluster.SEED);
            use(TrackedFlows.through(ct, c, flows, c.syncedDataPlane(mode)).lookups());
            long nodes = 0;
            int n = packets.mask() + 1;
            for (int i = 0; i < n; i++) {
                nodes += ConntrackResult.chainNodes(ct.lookupCounted(nextTuple(), TrackedFlows.NOW, out));
            }
            chainNodesPerLookup = (double) nodes / n;
            use(packets);
        }

        /** Chain nodes a lookup of the mix visits on average ({@code lookupCounted} over every packet once). */
        double chainNodesPerLookup;
    }

    /**
     * The secondary results of the fixture: a separate thread-scoped state, as JMH allows {@code @AuxCounters} on
     * thread-scoped states only. Both are properties of the table and the mix, counted in the setup and read
     * after each iteration, never in the measured method; each is divided by (threads x measurement iterations x
     * forks), as {@link PacketStream} explains, so the score JMH writes is the mean.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class ChainCounters {
        private Fixture fixture;
        private double share;

        /** Binds to the thread's fixture and takes the iteration's share of the score. */
        @Setup(Level.Iteration)
        public void start(Fixture f, BenchmarkParams bp, IterationParams ip) {
            fixture = f;
            share = 1.0 / Math.max(1, ip.getCount()) / Math.max(1, bp.getForks()) / Math.max(1, bp.getThreads());
        }

        /** Chain nodes a lookup visits, over the fixture's mix (about {@code 1 + N/H} for hits). */
        public double chainNodesPerLookup() {
            return fixture == null ? Double.NaN : share * fixture.chainNodesPerLookup;
        }

        /** Tuples per bucket, {@code 2·N/H}: the mean chain length of the fixture's table. */
        public double tuplesPerBucket() {
            return fixture == null ? Double.NaN : share * 2.0 * fixture.ct.size() / fixture.ct.buckets();
        }
    }
}
