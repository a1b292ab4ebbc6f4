package io.kpbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.Endpoint;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.Service;
import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.ProxyMode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The rare-path packets that every plane classifies before the paired benchmark primes it. */
class RarePathsTest {
    private final BenchCluster cluster = BenchCluster.clusterIp(100, 10);

    @Test
    void eachHairpinComesFromALocalEndpointOfItsServiceAndIsFollowedByItsClientPortToAnotherService() {
        ClusterSnapshot c = cluster.snapshot();
        Map<Integer, Set<Integer>> endpointsByClusterIp = new HashMap<>();
        for (Service s : c.services().values()) {
            Set<Integer> own = new HashSet<>();
            for (EndpointSlice slice : c.slicesOf(s.ref())) {
                for (Endpoint e : slice.endpoints()) {
                    if (cluster.node().nodeName().equals(e.nodeName())) {
                        own.add(e.address().v4());
                    }
                }
            }
            endpointsByClusterIp.put(s.clusterIP(IpFamily.IPv4).v4(), own);
        }
        RarePaths h = RarePaths.of(c, cluster.node().nodeName(), 512, 7);
        assertEquals(512, h.size());
        FiveTuple t = new FiveTuple();
        FiveTuple next = new FiveTuple();
        for (int i = 0; i < h.size(); i += 2) {
            h.load(i, t);
            Set<Integer> own = endpointsByClusterIp.get(t.dstV4());
            assertTrue(own != null && own.contains(t.srcV4()), "packet " + i + " is not a hairpin: " + t);
            h.load(i + 1, next);
            assertEquals(t.srcV4(), next.srcV4(), "packet " + (i + 1) + " reuses the hairpin's client");
            assertEquals(t.srcPort(), next.srcPort(), "packet " + (i + 1) + " reuses the hairpin's client port");
            assertTrue(t.dstV4() != next.dstV4(), "packet " + (i + 1) + " goes to another service");
        }
    }

    @ParameterizedTest
    @EnumSource(value = ProxyMode.class, names = {"IPTABLES", "NFTABLES", "IPVS"})
    void aboutATenthOfThemAreMasqueradedBackToTheirSenderInTheNetfilterModes(ProxyMode mode) {
        RarePaths h = RarePaths.of(cluster.snapshot(), cluster.node().nodeName(), RarePaths.COUNT, 7);
        int masqueraded = h.classifyAll(cluster.syncedDataPlane(mode), 0);
        assertTrue(masqueraded > RarePaths.COUNT / 40 && masqueraded < RarePaths.COUNT / 10,
                mode + ": " + masqueraded + " of " + RarePaths.COUNT / 2 + " hairpins masqueraded; with 10 "
                        + "endpoints a service picks its own sender about one time in ten");
    }

    @Test
    void eBpfMasqueradesNoneBecauseItsSocketLoadBalancerTranslatesAPodsConnectBeforeAnyPacket() {
        RarePaths h = RarePaths.of(cluster.snapshot(), cluster.node().nodeName(), RarePaths.COUNT, 7);
        assertEquals(0, h.classifyAll(cluster.syncedDataPlane(ProxyMode.EBPF), 0));
    }

    @Test
    void theUserspaceProxyMasqueradesEveryOneBecauseItReoriginatesEveryConnection() {
        RarePaths h = RarePaths.of(cluster.snapshot(), cluster.node().nodeName(), RarePaths.COUNT, 7);
        assertEquals(RarePaths.COUNT / 2, h.classifyAll(cluster.syncedDataPlane(ProxyMode.USERSPACE), 0));
    }
}
