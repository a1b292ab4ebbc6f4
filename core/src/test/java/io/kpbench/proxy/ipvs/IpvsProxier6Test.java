package io.kpbench.proxy.ipvs;

import static io.kpbench.proxy.ipvs.Fixtures.cluster;
import static io.kpbench.proxy.ipvs.Fixtures.ep;
import static io.kpbench.proxy.ipvs.Fixtures.ip;
import static io.kpbench.proxy.ipvs.Fixtures.lb;
import static io.kpbench.proxy.ipvs.Fixtures.slice;
import static io.kpbench.proxy.ipvs.Fixtures.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.proxy.ipvs.companion.IpSets;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.Service;
import io.kpbench.cluster.ServiceType;
import io.kpbench.cluster.TrafficPolicy;
import io.kpbench.net.Cidr;
import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpFamily;
import io.kpbench.net.Protocol;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.Explanation;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * IPv6 packet-flow cases after kube-proxy's {@code pkg/proxy/ipvs/proxier_test.go} ({@code TestNodePortIPv6},
 * {@code TestIPv6Proxier}) and the IPv4 cases of {@link IpvsProxierTest} on an IPv6 node.
 */
class IpvsProxier6Test {
    private static final String CLIENT = "2001:db8:ffff::7";
    private static final String POD = "fd00:10::5";
    private static final String NODE_IP = "2001:db8::1:1";

    static void expect(IpvsDataPlane p, String src, String dst, int port, Verdict v, List<String> eps,
            boolean masq) {
        Explanation e = p.explain(tcp(src, 40000, dst, port));
        String what = src + " -> [" + dst + "]:" + port + " " + e.path();
        assertEquals(v, e.verdict(), what);
        assertEquals(eps, e.endpoints().stream().sorted().toList(), what);
        assertEquals(masq, e.masquerade(), what);
    }

    static IpvsDataPlane synced(NodeConfig node, Service s, EndpointSlice... slices) {
        IpvsDataPlane p = new IpvsDataPlane(node, IpFamily.IPv6, IpvsConfig.defaults());
        p.sync(cluster(List.of(s), List.of(slices)));
        return p;
    }

    private static Fixtures.Svc nodePort6() {
        Fixtures.Svc d = Fixtures.svc6();
        d.type = ServiceType.NodePort;
        d.nodePort = 3001;
        return d;
    }

    @Test
    void nodePortIPv6ProgramsTheIpv6NodeAddressAndClusterIPWithOnlyTheIpv6Endpoint() {
        Service s = nodePort6().build();
        NodeConfig node = NodeConfig.of(Fixtures.NODE, List.of(ip("100.101.102.103"), ip(NODE_IP)));
        IpvsDataPlane p = synced(node, s, slice(s, ep("10.180.0.1", null, false)),
                slice(s, IpFamily.IPv6, ep("1002:ab8::2:10", null, false)));
        String dest = String.format("  -> %-28s %-7s %-6d %-10d %-10d%n", "[1002:ab8::2:10]:80", "Masq", 1, 0, 0);
        assertTrue(IpvsRenderer.ipvsadm(p.tables()).endsWith("TCP  [2001:db8::1:1]:3001 rr\n" + dest
                + "TCP  [2020::1]:80 rr\n" + dest), IpvsRenderer.ipvsadm(p.tables()));
        expect(p, CLIENT, NODE_IP, 3001, Verdict.DNAT, List.of("[1002:ab8::2:10]:80"), true);
        expect(p, CLIENT, "2020::1", 80, Verdict.DNAT, List.of("[1002:ab8::2:10]:80"), false);
    }

    @Test
    void anIpv4OnlyServiceGetsNothingFromTheIpv6Proxier() {
        Fixtures.Svc d = Fixtures.svc();
        d.type = ServiceType.NodePort;
        d.nodePort = 3001;
        d.protocol = Protocol.UDP;
        Service s = d.build();
        IpvsDataPlane p = synced(Fixtures.node6(), s, slice(s, IpFamily.IPv6, ep("10.180.0.1", null, false)));
        assertEquals(0, p.tables().vst.size());
        assertTrue(p.tables().ipsets.isEmpty(IpSets.NODE_PORT_UDP));
        expect(p, "10.0.0.2", "172.30.0.41", 80, Verdict.NONE, List.of(), false);
    }

    @Test
    void aNodePortServiceWithoutEndpointsHasIpv6VirtualServersThatReject() {
        IpvsDataPlane p = synced(Fixtures.node6(), nodePort6().build());
        assertEquals(3, p.tables().vst.size(), "ClusterIP and both node addresses");
        expect(p, CLIENT, NODE_IP, 3001, Verdict.REJECT, List.of(), false);
        expect(p, POD, "2020::1", 80, Verdict.REJECT, List.of(), false);
    }

    @Test
    void sctpNodePortsListEveryIpv6NodeAddressInTheHashIpPortSet() {
        Fixtures.Svc d = nodePort6();
        d.protocol = Protocol.SCTP;
        Service s = d.build();
        IpvsDataPlane p = synced(Fixtures.node6(), s, slice(s, IpFamily.IPv6, ep("2001::1", null, false)));
        String sets = IpvsRenderer.ipsetList(p.node(), p.tables());
        assertTrue(sets.contains("Name: KUBE-6-NODE-PORT-SCTP-HASH\nType: hash:ip,port\nRevision: 7\n"
                + "Header: family inet6 hashsize 1024 maxelem 65536 comment\n"), sets);
        assertTrue(sets.contains("Members:\n2001:db8::1:1,sctp:3001\n2001:db8::1:2,sctp:3001\n"), sets);
        assertTrue(IpvsRenderer.ipvsadm(p.tables()).contains("SCTP  [2001:db8::1:2]:3001 rr\n"));
    }

    @Test
    void ipv6ProxierProgramsOnlyTheIpv6ServiceOfAMixedSet() {
        Fixtures.Svc a = Fixtures.svc();
        a.clusterIP = "10.20.30.41";
        Fixtures.Svc b = Fixtures.svc6().named("svc2", "ns2");
        b.clusterIP = "1002:ab8::2:1";
        b.port = 8080;
        Service s1 = a.build();
        Service s2 = b.build();
        IpvsDataPlane p = new IpvsDataPlane(Fixtures.node6(), IpFamily.IPv6, IpvsConfig.defaults());
        p.sync(cluster(List.of(s1, s2), List.of(slice(s1, ep("10.180.0.1", null, false)),
                slice(s2, IpFamily.IPv6, ep("1009:ab8::5:6", null, false)))));
        assertEquals(1, p.tables().vst.size());
        expect(p, POD, "1002:ab8::2:1", 8080, Verdict.DNAT, List.of("[1009:ab8::5:6]:8080"), false);
    }

    @Test
    void clusterIPMasqueradesSourcesOutsideTheIpv6ClusterCidr() {
        Service s = Fixtures.svc6().build();
        IpvsDataPlane p = synced(Fixtures.node6(), s, slice(s, IpFamily.IPv6, ep("fd00:10::1:1", null, false)));
        expect(p, POD, "2020::1", 80, Verdict.DNAT, List.of("[fd00:10::1:1]:80"), false);
        expect(p, NODE_IP, "2020::1", 80, Verdict.DNAT, List.of("[fd00:10::1:1]:80"), true);
        expect(p, CLIENT, "2020::1", 80, Verdict.DNAT, List.of("[fd00:10::1:1]:80"), true);
        expect(p, POD, "2020::1", 81, Verdict.REJECT, List.of(), false);
        expect(p, POD, "2020::99", 80, Verdict.NONE, List.of(), false);
        IpvsDataPlane all = synced(Fixtures.node6().withMasqueradeAll(true), s,
                slice(s, IpFamily.IPv6, ep("fd00:10::1:1", null, false)));
        expect(all, POD, "2020::1", 80, Verdict.DNAT, List.of("[fd00:10::1:1]:80"), true);
    }

    @Test
    void loopbackSourcesReturnEarlyAndLocalhostHasNoNodePort() {
        Service s = nodePort6().build();
        IpvsDataPlane p = synced(Fixtures.node6(), s, slice(s, IpFamily.IPv6, ep("fd00:10::1:1", null, false)));
        Explanation e = p.explain(tcp("::1", 40000, "::1", 3001));
        assertEquals(Verdict.NONE, e.verdict(), e.path().toString());
        assertTrue(e.path().get(0).startsWith("nat KUBE-SERVICES -s ::1/128 -j RETURN  [match]"), e.path().toString());
        assertFalse(IpvsRenderer.ipvsadm(p.tables()).contains("[::1]"));
        expect(p, "::1", NODE_IP, 3001, Verdict.DNAT, List.of("[fd00:10::1:1]:80"), false);
    }

    @Test
    void nodePortLocalUsesOnlyLocalIpv6EndpointsWithoutMasquerade() {
        Fixtures.Svc d = nodePort6();
        d.etp = TrafficPolicy.Local;
        Service s = d.build();
        IpvsDataPlane p = synced(Fixtures.node6(), s, slice(s, IpFamily.IPv6,
                ep("fd00:10::1:1", Fixtures.NODE, false), ep("fd00:10::2:1", "other", false)));
        expect(p, CLIENT, NODE_IP, 3001, Verdict.DNAT, List.of("[fd00:10::1:1]:80"), false);
        expect(p, POD, "2020::1", 80, Verdict.DNAT, List.of("[fd00:10::1:1]:80", "[fd00:10::2:1]:80"), false);
        assertTrue(IpvsRenderer.ipsetList(p.node(), p.tables()).contains("Name: KUBE-6-NODE-PORT-LOCAL-TCP\nType: bitmap:port\n"));
    }

    @Test
    void loadBalancerSourceRangesWithIpv6CidrsDropOtherSourcesButNotTheNodePort() {
        Fixtures.Svc d = Fixtures.svc6();
        d.type = ServiceType.LoadBalancer;
        d.nodePort = 3002;
        d.ingress = List.of(lb("2001:db8:5::8"));
        d.ranges = List.of(Cidr.parse("2001:db8:ff::/48"));
        Service s = d.build();
        IpvsDataPlane p = synced(Fixtures.node6(), s, slice(s, IpFamily.IPv6, ep("fd00:10::3", null, false)));
        expect(p, "2001:db8:ff::2", "2001:db8:5::8", 80, Verdict.DNAT, List.of("[fd00:10::3]:80"), true);
        expect(p, "2001:db8:fe::2", "2001:db8:5::8", 80, Verdict.DROP, List.of(), false);
        expect(p, POD, "2001:db8:5::8", 80, Verdict.DROP, List.of(), false);
        expect(p, "2001:db8:fe::2", NODE_IP, 3002, Verdict.DNAT, List.of("[fd00:10::3]:80"), true);
        String sets = IpvsRenderer.ipsetList(p.node(), p.tables());
        assertTrue(sets.contains("Name: KUBE-6-LOAD-BALANCER-SOURCE-CID\nType: hash:ip,port,net\n"), sets);
        assertTrue(sets.contains("2001:db8:5::8,tcp:80,2001:db8:ff::/48\n"), sets);
        assertTrue(IpvsRenderer.iptablesRestore(p.node(), p.tables()).text().contains("-A KUBE-IPVS-OUT-FILTER -s 2001:db8:5::8 -m ipvs"
                + " --vaddr 2001:db8:5::8 --vproto tcp --vport 80 -j DROP"));
        expect(p, "2001:db8:5::8", "2001:db8:5::8", 80, Verdict.DROP, List.of(), false);
    }

    @Test
    void anIpv6SourceRangeHoldingTheNodeIPAlsoAllowsTheVipAsSource() {
        Fixtures.Svc d = Fixtures.svc6();
        d.type = ServiceType.LoadBalancer;
        d.ingress = List.of(lb("2001:db8:5::8"));
        d.ranges = List.of(Cidr.parse("2001:db8::/64"));
        Service s = d.build();
        IpvsDataPlane p = synced(Fixtures.node6(), s, slice(s, IpFamily.IPv6, ep("fd00:10::3", null, false)));
        expect(p, "2001:db8:5::8", "2001:db8:5::8", 80, Verdict.DNAT, List.of("[fd00:10::3]:80"), true);
        assertTrue(IpvsRenderer.ipsetList(p.node(), p.tables()).contains("2001:db8:5::8,tcp:80,2001:db8:5::8\n"));
    }

    @Test
    void anIpv6EndpointReachingItselfThroughItsServiceIsMasqueradedByKube6LoopBack() {
        Service s = Fixtures.svc6().build();
        IpvsDataPlane p = synced(Fixtures.node6(), s,
                slice(s, IpFamily.IPv6, ep("fd00:10::1:1", Fixtures.NODE, false)));
        expect(p, "fd00:10::1:1", "2020::1", 80, Verdict.DNAT, List.of("[fd00:10::1:1]:80"), true);
        expect(p, "fd00:10::1:9", "2020::1", 80, Verdict.DNAT, List.of("[fd00:10::1:1]:80"), false);
    }

    @Test
    void clientIPAffinityPinsAnIpv6ClientThroughAPersistenceTemplate() {
        Fixtures.Svc d = Fixtures.svc6();
        d.affinity = 60;
        Service s = d.build();
        IpvsDataPlane p = synced(Fixtures.node6(), s, slice(s, IpFamily.IPv6, ep("fd00:10::1:1", null, false),
                ep("fd00:10::1:2", null, false), ep("fd00:10::1:3", null, false)));
        FiveTuple t = new FiveTuple();
        long first = p.classify(t.set(ip(POD), 1000, ip("2020::1"), 80, Protocol.TCP), 0, 0);
        for (int port = 1001; port < 1010; port++) {
            long r = p.classify(t.set(ip(POD), port, ip("2020::1"), 80, Protocol.TCP), port, 0);
            assertEquals(Classification.endpoint(first), Classification.endpoint(r));
        }
        long other = p.classify(t.set(ip("fd00:10::9"), 1000, ip("2020::1"), 80, Protocol.TCP), 0, 0);
        assertEquals(Verdict.DNAT, Classification.verdict(other));
        assertTrue(IpvsRenderer.ipvsadm(p.tables()).contains("TCP  [2020::1]:80 rr persistent 60\n"));
    }
}
