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

/** The hairpin packets that every plane classifies before the paired benchmark primes it. */
class HairpinsTest {
    private final BenchCluster cluster = BenchCluster.clusterIp(100, 10);

    @Test
    void everyPacketComesFromAnEndpointOnTheProxiersNodeOfTheServiceItIsSentTo() {
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
        Hairpins h = Hairpins.of(c, cluster.node().nodeName(), 512, 7);
        assertEquals(512, h.size());
        FiveTuple t = new FiveTuple();
        for (int i = 0; i < h.size(); i++) {
            h.load(i, t);
            Set<Integer> own = endpointsByClusterIp.get(t.dstV4());
            assertTrue(own != null && own.contains(t.srcV4()), "packet " + i + " is not a hairpin: " + t);
        }
    }

    @ParameterizedTest
    @EnumSource(value = ProxyMode.class, names = {"IPTABLES", "NFTABLES", "IPVS"})
    void aboutATenthOfThemAreMasqueradedBackToTheirSenderInTheNetfilterModes(ProxyMode mode) {
        Hairpins h = Hairpins.of(cluster.snapshot(), cluster.node().nodeName(), Hairpins.COUNT, 7);
        int masqueraded = h.classifyAll(cluster.syncedDataPlane(mode), 0);
        assertTrue(masqueraded > Hairpins.COUNT / 20 && masqueraded < Hairpins.COUNT / 5,
                mode + ": " + masqueraded + " of " + Hairpins.COUNT + " masqueraded; with 10 endpoints a service picks "
                        + "its own sender about one time in ten");
    }

    @Test
    void eBpfMasqueradesNoneBecauseItsSocketLoadBalancerTranslatesAPodsConnectBeforeAnyPacket() {
        Hairpins h = Hairpins.of(cluster.snapshot(), cluster.node().nodeName(), Hairpins.COUNT, 7);
        assertEquals(0, h.classifyAll(cluster.syncedDataPlane(ProxyMode.EBPF), 0));
    }

    @Test
    void theUserspaceProxyMasqueradesEveryOneBecauseItReoriginatesEveryConnection() {
        Hairpins h = Hairpins.of(cluster.snapshot(), cluster.node().nodeName(), Hairpins.COUNT, 7);
        assertEquals(Hairpins.COUNT, h.classifyAll(cluster.syncedDataPlane(ProxyMode.USERSPACE), 0));
    }
}
