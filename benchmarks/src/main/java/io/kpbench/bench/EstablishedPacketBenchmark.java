package io.kpbench.bench;

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
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

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
 */
public class EstablishedPacketBenchmark extends BenchmarkDefaults {
    /** Looks up the next established packet and returns the packed conntrack result. */
    @Benchmark
    public long lookup(Fixture f) {
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

        ConntrackTable ct;
        FiveTuple out = new FiveTuple();

        /** Classifies every flow's first packet, tracks it, and draws the established packets. */
        @Setup(Level.Trial)
        public void setUp() {
            BenchCluster c = BenchCluster.clusterIp(services, endpoints);
            ct = new ConntrackTable(TrackedFlows.capacity(flows), BenchCluster.SEED);
            use(TrackedFlows.through(ct, c, flows, c.syncedDataPlane(mode)).lookups());
        }
    }
}
