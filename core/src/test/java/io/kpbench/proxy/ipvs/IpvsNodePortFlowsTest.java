package io.kpbench.proxy.ipvs;

import static io.kpbench.proxy.ipvs.Fixtures.ep;
import static io.kpbench.proxy.ipvs.Fixtures.expect;
import static io.kpbench.proxy.ipvs.Fixtures.ip;
import static io.kpbench.proxy.ipvs.Fixtures.slice;
import static io.kpbench.proxy.ipvs.Fixtures.synced6;
import static io.kpbench.proxy.ipvs.Fixtures.synced;
import static io.kpbench.proxy.ipvs.Fixtures.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.Service;
import io.kpbench.cluster.ServiceType;
import io.kpbench.cluster.TrafficPolicy;
import io.kpbench.net.Cidr;
import io.kpbench.net.IpFamily;
import io.kpbench.net.Protocol;
import io.kpbench.proxy.Explanation;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * NodePort packet flows after kube-proxy's {@code pkg/proxy/ipvs/proxier_test.go} ({@code TestClusterIPGeneral},
 * {@code TestNodePort*}, {@code TestLoadBalancer*}, {@code TestNodePortIPv6}, {@code TestIPv6Proxier}, ...), on an
 * IPv4 proxier and, for the IPv6 cases, an IPv6 one: one packet path serves both.
 */
class IpvsNodePortFlowsTest {
    private static final String CLIENT = "2001:db8:ffff::7";
    private static final String POD = "fd00:10::5";
    private static final String NODE_IP = "2001:db8::1:1";

    @Test
    void serviceWithoutEndpointsHasAVirtualServerThatRejectsWithIcmp() {
        Fixtures.Svc d = Fixtures.svc();
        d.type = ServiceType.NodePort;
        d.nodePort = 3001;
        IpvsDataPlane p = synced(Fixtures.node(), d.build());
        expect(p, "10.0.0.2", "172.30.0.41", 80, Verdict.REJECT, List.of(), false);
        expect(p, "203.0.113.2", "192.168.0.2", 3001, Verdict.REJECT, List.of(), false);
        assertTrue(IpvsRenderer.ipvsadm(p.tables()).contains("TCP  172.30.0.41:80 rr\n"));
    }

    @Test
    void nodePortOnEveryNodeAddressMasqueradesButNotLocalhost() {
        Fixtures.Svc d = Fixtures.svc();
        d.type = ServiceType.NodePort;
        d.nodePort = 3001;
        Service s = d.build();
        IpvsDataPlane p = synced(Fixtures.node(), s, slice(s, ep("10.180.0.1", null, false)));
        expect(p, "203.0.113.2", "192.168.0.2", 3001, Verdict.DNAT, List.of("10.180.0.1:80"), true);
        expect(p, "203.0.113.2", "192.168.1.2", 3001, Verdict.DNAT, List.of("10.180.0.1:80"), true);
        expect(p, "127.0.0.1", "127.0.0.1", 3001, Verdict.NONE, List.of(), false);
        expect(p, "203.0.113.2", "192.168.0.2", 3002, Verdict.NONE, List.of(), false);
    }

    @Test
    void nodePortAddressesLimitTheNodePortVirtualServers() {
        Fixtures.Svc d = Fixtures.svc();
        d.type = ServiceType.NodePort;
        d.nodePort = 3001;
        Service s = d.build();
        NodeConfig n = Fixtures.node();
        n = new NodeConfig(n.nodeName(), n.nodeIPs(), null, n.clusterCIDRs(), false, 14,
                List.of(Cidr.parse("192.168.0.0/24")), true, List.of(), true);
        IpvsDataPlane p = synced(n, s, slice(s, ep("10.180.0.1", null, false)));
        expect(p, "203.0.113.2", "192.168.0.2", 3001, Verdict.DNAT, List.of("10.180.0.1:80"), true);
        expect(p, "203.0.113.2", "192.168.1.2", 3001, Verdict.NONE, List.of(), false);
    }

    @Test
    void nodePortLocalUsesOnlyLocalEndpointsWithoutMasquerade() {
        Fixtures.Svc d = Fixtures.svc();
        d.type = ServiceType.NodePort;
        d.nodePort = 3001;
        d.etp = TrafficPolicy.Local;
        Service s = d.build();
        IpvsDataPlane p = synced(Fixtures.node(), s,
                slice(s, ep("10.180.0.1", Fixtures.NODE, false), ep("10.180.1.1", "other", false)));
        expect(p, "203.0.113.2", "192.168.0.2", 3001, Verdict.DNAT, List.of("10.180.0.1:80"), false);
        // no pod short-circuit in IPVS mode: pods reaching the node port also only get the local endpoint
        expect(p, "10.0.0.3", "192.168.0.2", 3001, Verdict.DNAT, List.of("10.180.0.1:80"), false);
        expect(p, "10.0.0.3", "172.30.0.41", 80, Verdict.DNAT, List.of("10.180.0.1:80", "10.180.1.1:80"), false);
    }

    @Test
    void externalLocalPolicyWithoutLocalEndpointsFallsBackToClusterEndpoints() {
        Fixtures.Svc d = Fixtures.svc();
        d.type = ServiceType.NodePort;
        d.nodePort = 3001;
        d.etp = TrafficPolicy.Local;
        Service s = d.build();
        IpvsDataPlane p = synced(Fixtures.node(), s, slice(s, ep("10.180.1.1", "other", false)));
        expect(p, "203.0.113.2", "192.168.0.2", 3001, Verdict.DNAT, List.of("10.180.1.1:80"), false);
    }

    @Test
    void nodePortIPv6ProgramsTheIpv6NodeAddressAndClusterIPWithOnlyTheIpv6Endpoint() {
        Service s = Fixtures.nodePort6().build();
        NodeConfig node = NodeConfig.of(Fixtures.NODE, List.of(ip("100.101.102.103"), ip(NODE_IP)));
        IpvsDataPlane p = synced6(node, s, slice(s, ep("10.180.0.1", null, false)),
                slice(s, IpFamily.IPv6, ep("1002:ab8::2:10", null, false)));
        String dest = String.format("  -> %-28s %-7s %-6d %-10d %-10d%n", "[1002:ab8::2:10]:80", "Masq", 1, 0, 0);
        assertTrue(IpvsRenderer.ipvsadm(p.tables()).endsWith("TCP  [2001:db8::1:1]:3001 rr\n" + dest
                + "TCP  [2020::1]:80 rr\n" + dest), IpvsRenderer.ipvsadm(p.tables()));
        expect(p, CLIENT, NODE_IP, 3001, Verdict.DNAT, List.of("[1002:ab8::2:10]:80"), true);
        expect(p, CLIENT, "2020::1", 80, Verdict.DNAT, List.of("[1002:ab8::2:10]:80"), false);
    }

    @Test
    void aNodePortServiceWithoutEndpointsHasIpv6VirtualServersThatReject() {
        IpvsDataPlane p = synced6(Fixtures.node6(), Fixtures.nodePort6().build());
        assertEquals(3, p.tables().vst.size(), "ClusterIP and both node addresses");
        expect(p, CLIENT, NODE_IP, 3001, Verdict.REJECT, List.of(), false);
        expect(p, POD, "2020::1", 80, Verdict.REJECT, List.of(), false);
    }

    @Test
    void sctpNodePortsListEveryIpv6NodeAddressInTheHashIpPortSet() {
        Fixtures.Svc d = Fixtures.nodePort6();
        d.protocol = Protocol.SCTP;
        Service s = d.build();
        IpvsDataPlane p = synced6(Fixtures.node6(), s, slice(s, IpFamily.IPv6, ep("2001::1", null, false)));
        String sets = IpvsRenderer.ipsetList(p.node(), p.tables());
        assertTrue(sets.contains("Name: KUBE-6-NODE-PORT-SCTP-HASH\nType: hash:ip,port\nRevision: 7\n"
                + "Header: family inet6 hashsize 1024 maxelem 65536 comment\n"), sets);
        assertTrue(sets.contains("Members:\n2001:db8::1:1,sctp:3001\n2001:db8::1:2,sctp:3001\n"), sets);
        assertTrue(IpvsRenderer.ipvsadm(p.tables()).contains("SCTP  [2001:db8::1:2]:3001 rr\n"));
    }

    @Test
    void loopbackSourcesReturnEarlyAndLocalhostHasNoNodePort() {
        Service s = Fixtures.nodePort6().build();
        IpvsDataPlane p = synced6(Fixtures.node6(), s, slice(s, IpFamily.IPv6, ep("fd00:10::1:1", null, false)));
        Explanation e = p.explain(tcp("::1", 40000, "::1", 3001));
        assertEquals(Verdict.NONE, e.verdict(), e.path().toString());
        assertTrue(e.path().get(0).startsWith("nat KUBE-SERVICES -s ::1/128 -j RETURN  [match]"), e.path().toString());
        assertFalse(IpvsRenderer.ipvsadm(p.tables()).contains("[::1]"));
        expect(p, "::1", NODE_IP, 3001, Verdict.DNAT, List.of("[fd00:10::1:1]:80"), false);
    }

    @Test
    void nodePortLocalUsesOnlyLocalIpv6EndpointsWithoutMasquerade() {
        Fixtures.Svc d = Fixtures.nodePort6();
        d.etp = TrafficPolicy.Local;
        Service s = d.build();
        IpvsDataPlane p = synced6(Fixtures.node6(), s, slice(s, IpFamily.IPv6,
                ep("fd00:10::1:1", Fixtures.NODE, false), ep("fd00:10::2:1", "other", false)));
        expect(p, CLIENT, NODE_IP, 3001, Verdict.DNAT, List.of("[fd00:10::1:1]:80"), false);
        expect(p, POD, "2020::1", 80, Verdict.DNAT, List.of("[fd00:10::1:1]:80", "[fd00:10::2:1]:80"), false);
        assertTrue(IpvsRenderer.ipsetList(p.node(), p.tables()).contains("Name: KUBE-6-NODE-PORT-LOCAL-TCP\nType: bitmap:port\n"));
    }
}
