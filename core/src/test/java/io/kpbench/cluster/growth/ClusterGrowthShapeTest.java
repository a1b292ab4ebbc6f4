package io.kpbench.cluster.growth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.Service;
import io.kpbench.cluster.ServicePort;
import io.kpbench.cluster.TrafficPolicy;
import io.kpbench.cluster.synthetic.SyntheticCluster;
import io.kpbench.cluster.synthetic.SyntheticSpec;
import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.net.Ports;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** Growth keeps the shape of random clusters, and its ClusterIPs and node ports never collide. */
class ClusterGrowthShapeTest {
    @Property(tries = 40)
    void theShapeAtX1AndX5Agrees(@ForAll @IntRange(min = 1, max = 40) int services,
            @ForAll @IntRange(min = 1, max = 5) int nodes, @ForAll @IntRange(min = 1, max = 3) int ports,
            @ForAll @IntRange(min = 0, max = 10) int clusterIP, @ForAll @IntRange(min = 0, max = 10) int nodePort,
            @ForAll @IntRange(min = 0, max = 10) int loadBalancer, @ForAll @DoubleRange(max = 1) double local,
            @ForAll @DoubleRange(max = 1) double affinity, @ForAll long seed) {
        ClusterSnapshot c = cluster(services, nodes, ports, clusterIP, nodePort, loadBalancer, local, affinity, seed);
        ClusterSnapshot x5 = ClusterGrowth.scale(c, 5);
        assertEquals(5 * c.services().size(), x5.services().size());
        assertSameShape(ClusterShape.of(c), ClusterShape.of(x5));
        assertUniqueAddressesAndPorts(x5, Ports.Range.DEFAULT_NODE_PORTS);
    }

    /** A synthetic cluster with some iTP=Local services and source ranges added, so every field varies. */
    static ClusterSnapshot cluster(int services, int nodes, int ports, int clusterIP, int nodePort, int lb,
            double local, double affinity, long seed) {
        String types = "ClusterIP:" + (clusterIP + 1) + "+NodePort:" + nodePort + "+LoadBalancer:" + lb;
        ClusterSnapshot c = SyntheticCluster.generate(SyntheticSpec.parse("services=" + services
                + ",endpoints=uniform:0-6,nodes=" + nodes + ",ports=" + ports + ",types=" + types + ",local=" + local
                + ",affinity=" + affinity + ",seed=" + seed));
        List<Service> out = new ArrayList<>();
        int i = 0;
        for (Service s : c.services().values()) {
            boolean iLocal = i % 3 == 1;
            boolean ranges = i++ % 4 == 2;
            out.add(new Service(s.ref(), s.type(), s.clusterIPs(), s.headless(), s.ipFamilies(), s.ports(),
                    s.externalIPs(), s.ingress(), s.externalTrafficPolicy(),
                    iLocal ? TrafficPolicy.Local : s.internalTrafficPolicy(), s.sessionAffinity(),
                    s.sessionAffinityTimeoutSeconds(), ranges ? List.of(Cidr.parse("192.0.2.0/24"))
                    : s.loadBalancerSourceRanges(), s.healthCheckNodePort(), s.externalName(), s.selector()));
        }
        return ClusterSnapshot.of(out, c.slices().values(), c.nodes().values());
    }

    static void assertSameShape(ClusterShape a, ClusterShape b) {
        assertShares(a.types(), b.types());
        assertShares(a.portsPerService(), b.portsPerService());
        assertShares(a.endpointsPerService(), b.endpointsPerService());
        assertEquals(a.externalLocal(), b.externalLocal(), 1e-9);
        assertEquals(a.internalLocal(), b.internalLocal(), 1e-9);
        assertEquals(a.affinity(), b.affinity(), 1e-9);
        assertEquals(a.sourceRanges(), b.sourceRanges(), 1e-9);
        assertEquals(a.nodePortShare(), b.nodePortShare(), 1e-9);
        assertEquals(a.nodes(), b.nodes());
    }

    private static <K> void assertShares(Map<K, Double> a, Map<K, Double> b) {
        assertEquals(a.keySet(), b.keySet());
        a.forEach((k, v) -> assertEquals(v, b.get(k), 1e-9, String.valueOf(k)));
    }

    static void assertUniqueAddressesAndPorts(ClusterSnapshot c, Ports.Range range) {
        Set<IpAddress> clusterIPs = new HashSet<>();
        Set<Integer> nodePorts = new HashSet<>();
        for (Service s : c.services().values()) {
            for (IpAddress ip : s.clusterIPs()) {
                assertTrue(clusterIPs.add(ip), "ClusterIP " + ip + " twice");
            }
            Set<Integer> own = new HashSet<>();
            for (ServicePort p : s.ports()) {
                if (p.nodePort() != 0 && own.add(p.nodePort())) {
                    assertTrue(range.contains(p.nodePort()), "node port " + p.nodePort() + " out of range");
                    assertTrue(nodePorts.add(p.nodePort()), "node port " + p.nodePort() + " in two services");
                }
            }
            if (s.healthCheckNodePort() != 0) {
                assertTrue(nodePorts.add(s.healthCheckNodePort()), "health-check port twice");
            }
        }
        for (EndpointSlice sl : c.slices().values()) {
            assertTrue(c.services().containsKey(sl.serviceRef()), sl.ref() + " has its service");
        }
    }
}
