package io.kpbench.proxy.nftables;

import static io.kpbench.proxy.ModeTestCluster.cluster;
import static io.kpbench.proxy.ModeTestCluster.nftablesFakeNode;
import static io.kpbench.proxy.ModeTestCluster.slice;
import static io.kpbench.proxy.ModeTestCluster.svc;
import static io.kpbench.proxy.PacketFlow.flow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.net.Protocol;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.DataPlane;
import io.kpbench.proxy.Explanation;
import io.kpbench.proxy.ProxyMode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Session affinity, IPv6 tables and dual-stack through the ProxyMode registry. */
class AffinityAndFamiliesTest {

    private static ClusterSnapshot dualStackAffinity() {
        return cluster(List.of(svc("ns1", "svc1").clusterIP("172.30.0.41", "fd00:10:96::41")
                .tcp("p80", 80, 0).affinity(10).build()),
                List.of(slice("ns1", "svc1", 1).tcp("p80", 80).ep("10.180.0.1", null).ep("10.180.0.2", null)
                        .ep("10.180.0.3", null).build(),
                        slice("ns1", "svc1", 2).tcp("p80", 80).ep("fd00:10:180::1", null).ep("fd00:10:180::2", null)
                                .build()));
    }

    @Test
    void clientIpAffinityPinsAClientToItsFirstEndpointUntilTheTimeout() {
        DataPlane p = ProxyMode.NFTABLES.create(nftablesFakeNode(), IpFamily.IPv4);
        p.sync(dualStackAffinity());
        FiveTuple t = new FiveTuple().set(IpAddress.parse("10.0.0.9"), 1, IpAddress.parse("172.30.0.41"), 80,
                Protocol.TCP);
        int first = Classification.endpoint(p.classify(t, 0, 0xFFFF_FFFFL));
        for (long r = 0; r < 50; r++) {
            assertEquals(first, Classification.endpoint(p.classify(t, 1_000_000_000L, r * 0x1234_5678L)));
        }
        Set<Integer> later = new HashSet<>();
        for (long r = 0; r < 50; r++) {
            later.add(Classification.endpoint(p.classify(t.set(IpAddress.parse("10.0.0.9"), 1,
                    IpAddress.parse("172.30.0.41"), 80, Protocol.TCP), 100_000_000_000L * (r + 1), r * 0x3333_3333L)));
        }
        assertTrue(later.size() > 1, "after the timeout the client is balanced again");
        FiveTuple other = new FiveTuple().set(IpAddress.parse("10.0.0.10"), 1, IpAddress.parse("172.30.0.41"), 80,
                Protocol.TCP);
        assertNotEquals(-1, Classification.endpoint(p.classify(other, 0, 0)));
    }

    @Test
    void ipv6ProxierRendersIp6TableAndDispatchesIpv6Only() {
        DataPlane p = ProxyMode.NFTABLES.create(nftablesFakeNode(), IpFamily.IPv6);
        p.sync(dualStackAffinity());
        String r = p.render();
        assertTrue(r.contains("add table ip6 kube-proxy { comment \"rules for kube-proxy\" ; }"));
        assertTrue(r.contains("add rule ip6 kube-proxy cluster-ips-check ip6 daddr { fd00:10:96::/112 } drop"));
        assertTrue(r.contains("add element ip6 kube-proxy nodeport-ips { 2001:db8::1 }"));
        assertTrue(r.contains("{ type ipv6_addr ; flags dynamic,timeout ; timeout 10s ; }"));
        assertTrue(r.contains("ns1/svc1/tcp/p80__fd00.10.180..1/80 meta l4proto tcp dnat to [fd00:10:180::1]:80"));
        assertTrue(!r.contains("10.180.0.1"));
        PacketFlows.check(p, List.of(
                flow("pod to IPv6 cluster IP", "fd00:10::2", "fd00:10:96::41", 80,
                        "[fd00:10:180::1]:80, [fd00:10:180::2]:80", false),
                flow("node to IPv6 cluster IP is masqueraded", "2001:db8::1", "fd00:10:96::41", 80,
                        "[fd00:10:180::1]:80, [fd00:10:180::2]:80", true),
                flow("wrong port on IPv6 cluster IP", "fd00:10::2", "fd00:10:96::41", 81, "REJECT", false),
                flow("unallocated IPv6 service address", "fd00:10::2", "fd00:10:96::99", 80, "DROP", false)));
    }

    @Test
    void explainListsEveryChainAndMapVisitedAndCountsRules() {
        DataPlane p = ProxyMode.NFTABLES.create(nftablesFakeNode(), IpFamily.IPv4);
        p.sync(dualStackAffinity());
        Explanation e = p.explain(new FiveTuple().set(IpAddress.parse("10.0.0.9"), 1,
                IpAddress.parse("172.30.0.41"), 80, Protocol.TCP));
        assertEquals(List.of("10.180.0.1:80", "10.180.0.2:80", "10.180.0.3:80"), e.endpoints());
        assertTrue(e.path().stream().anyMatch(l -> l.startsWith("services: ip daddr . meta l4proto . th dport vmap "
                + "@service-ips -> goto service-")), String.join("\n", e.path()));
        assertTrue(e.path().stream().anyMatch(l -> l.contains("numgen random mod 3 vmap")));
        assertTrue(e.rulesEvaluated() > 0);
        assertTrue(ProxyMode.NFTABLES.available());
    }
}
