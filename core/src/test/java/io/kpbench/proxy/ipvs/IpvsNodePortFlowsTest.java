package io.kpbench.proxy.ipvs;

import static io.kpbench.proxy.ipvs.Fixtures.expect;
import static io.kpbench.proxy.ipvs.Fixtures.ip;
import static io.kpbench.proxy.ipvs.Fixtures.synced6;
import static io.kpbench.proxy.ipvs.Fixtures.synced;
import static io.kpbench.proxy.ipvs.Fixtures.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.ServiceType;
import io.kpbench.net.Cidr;
import io.kpbench.net.Protocol;
import io.kpbench.proxy.Explanation;
import io.kpbench.proxy.ModeTestCluster;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * NodePort packet flows after kube-proxy\'s {@code pkg/proxy/ipvs/proxier_test.go}
 * ({@code TestClusterIPGeneral}, {@code TestNodePort*}, {@code TestLoadBalancer*}, {@code TestNodePortIPv6},
 * {@code TestIPv6Proxier}, ...), on an IPv4 proxier and, for the IPv6 cases, an IPv6 one: one packet path serves
 * both.
 */
class IpvsNodePortFlowsTest {
    private static final String CLIENT = "2001:db8:ffff::7";
    private static final String POD = "fd00:10::5";
    private static final String NODE_IP = "2001:db8::1:1";

    @Test
    void serviceWithoutEndpointsHasAVirtualServerThatRejectsWithIcmp() {
        IpvsDataPlane p = synced(Fixtures.node(), Fixtures.svc().type(ServiceType.NodePort).nodePort(3001));
        expect(p, "10.0.0.2", "172.30.0.41", 80, Verdict.REJECT, List.of(), false);
        expect(p, "203.0.113.2", "192.168.0.2", 3001, Verdict.REJECT, List.of(), false);
        assertTrue(IpvsRenderer.ipvsadm(p.tables()).contains("TCP  172.30.0.41:80 rr\n"));
    }

    @Test
    void nodePortOnEveryNodeAddressMasqueradesButNotLocalhost() {
        ModeTestCluster s = Fixtures.svc().type(ServiceType.NodePort).nodePort(3001);
        IpvsDataPlane p = synced(Fixtures.node(), s.endpoint("10.180.0.1", null));
        expect(p, "203.0.113.2", "192.168.0.2", 3001, Verdict.DNAT, List.of("10.180.0.1:80"), true);
        expect(p, "203.0.113.2", "192.168.1.2", 3001, Verdict.DNAT, List.of("10.180.0.1:80"), true);
        expect(p, "127.0.0.1", "127.0.0.1", 3001, Verdict.NONE, List.of(), false);
        expect(p, "203.0.113.2", "192.168.0.2", 3002, Verdict.NONE, List.of(), false);
    }

    @Test
    void nodePortAddressesLimitTheNodePortVirtualServers() {
        ModeTestCluster s = Fixtures.svc().type(ServiceType.NodePort).nodePort(3001);
        NodeConfig n = Fixtures.node();
        n = new NodeConfig(n.nodeName(), n.nodeIPs(), null, n.clusterCIDRs(), false, 14,
                List.of(Cidr.parse("192.168.0.0/24")), true, List.of(), true);
        IpvsDataPlane p = synced(n, s.endpoint("10.180.0.1", null));
        expect(p, "203.0.113.2", "192.168.0.2", 3001, Verdict.DNAT, List.of("10.180.0.1:80"), true);
        expect(p, "203.0.113.2", "192.168.1.2", 3001, Verdict.NONE, List.of(), false);
    }

    @Test
    void nodePortLocalUsesOnlyLocalEndpointsWithoutMasquerade() {
        ModeTestCluster s = Fixtures.svc().type(ServiceType.NodePort).nodePort(3001).externalLocal();
        IpvsDataPlane p = synced(Fixtures.node(), s.endpoint("10.180.0.1", Fixtures.NODE)
                .endpoint("10.180.1.1", "other"));
        expect(p, "203.0.113.2", "192.168.0.2", 3001, Verdict.DNAT, List.of("10.180.0.1:80"), false);
        // no pod short-circuit in IPVS mode: pods reaching the node port also only get the local endpoint
        expect(p, "10.0.0.3", "192.168.0.2", 3001, Verdict.DNAT, List.of("10.180.0.1:80"), false);
        expect(p, "10.0.0.3", "172.30.0.41", 80, Verdict.DNAT, List.of("10.180.0.1:80", "10.180.1.1:80"), false);
    }

    @Test
    void externalLocalPolicyWithoutLocalEndpointsFallsBackToClusterEndpoints() {
        ModeTestCluster s = Fixtures.svc().type(ServiceType.NodePort).nodePort(3001).externalLocal();
        IpvsDataPlane p = synced(Fixtures.node(), s.endpoint("10.180.1.1", "other"));
        expect(p, "203.0.113.2", "192.168.0.2", 3001, Verdict.DNAT, List.of("10.180.1.1:80"), false);
    }

    @Test
    void nodePortIPv6ProgramsTheIpv6NodeAddressAndClusterIPWithOnlyTheIpv6Endpoint() {
        ModeTestCluster s = Fixtures.nodePort6();
        NodeConfig node = NodeConfig.of(Fixtures.NODE, List.of(ip("100.101.102.103"), ip(NODE_IP)));
        IpvsDataPlane p = synced6(node, s.endpoint("10.180.0.1", null).endpoint("1002:ab8::2:10", null));
        String dest = String.format("  -> %-28s %-7s %-6d %-10d %-10d%n", "[1002:ab8::2:10]:80", "Masq", 1, 0, 0);
        assertTrue(IpvsRenderer.ipvsadm(p.tables()).endsWith("TCP  [2001:db8::1:1]:3001 rr\n" + dest
                + "TCP  [2020::1]:80 rr\n" + dest), IpvsRenderer.ipvsadm(p.tables()));
        expect(p, CLIENT, NODE_IP, 3001, Verdict.DNAT, List.of("[1002:ab8::2:10]:80"), true);
        expect(p, CLIENT, "2020::1", 80, Verdict.DNAT, List.of("[1002:ab8::2:10]:80"), false);
    }

    @Test
    void aNodePortServiceWithoutEndpointsHasIpv6VirtualServersThatReject() {
        IpvsDataPlane p = synced6(Fixtures.node6(), Fixtures.nodePort6());
        assertEquals(3, p.tables().vst.size(), "ClusterIP and both node addresses");
        expect(p, CLIENT, NODE_IP, 3001, Verdict.REJECT, List.of(), false);
        expect(p, POD, "2020::1", 80, Verdict.REJECT, List.of(), false);
    }

    @Test
    void sctpNodePortsListEveryIpv6NodeAddressInTheHashIpPortSet() {
        ModeTestCluster s = Fixtures.nodePort6().protocol(Protocol.SCTP);
        IpvsDataPlane p = synced6(Fixtures.node6(), s.endpoint("2001::1", null));
        String sets = Fixtures.ipsetList(p);
        assertTrue(sets.contains("Name: KUBE-6-NODE-PORT-SCTP-HASH\nType: hash:ip,port\nRevision: 7\n"
                + "Header: family inet6 hashsize 1024 maxelem 65536 comment\n"), sets);
        assertTrue(sets.contains("Members:\n2001:db8::1:1,sctp:3001\n2001:db8::1:2,sctp:3001\n"), sets);
        assertTrue(IpvsRenderer.ipvsadm(p.tables()).contains("SCTP  [2001:db8::1:2]:3001 rr\n"));
    }

    @Test
    void loopbackSourcesReturnEarlyAndLocalhostHasNoNodePort() {
        ModeTestCluster s = Fixtures.nodePort6();
        IpvsDataPlane p = synced6(Fixtures.node6(), s.endpoint("fd00:10::1:1", null));
        Explanation e = p.explain(tcp("::1", 40000, "::1", 3001));
        assertEquals(Verdict.NONE, e.verdict(), e.path().toString());
        assertTrue(e.path().get(0).startsWith("nat KUBE-SERVICES -s ::1/128 -j RETURN  [match]"), e.path().toString());
        assertFalse(IpvsRenderer.ipvsadm(p.tables()).contains("[::1]"));
        expect(p, "::1", NODE_IP, 3001, Verdict.DNAT, List.of("[fd00:10::1:1]:80"), false);
    }

    @Test
    void nodePortLocalUsesOnlyLocalIpv6EndpointsWithoutMasquerade() {
        ModeTestCluster s = Fixtures.nodePort6().externalLocal();
        IpvsDataPlane p = synced6(Fixtures.node6(), s.endpoint("fd00:10::1:1", Fixtures.NODE)
                .endpoint("fd00:10::2:1", "other"));
        expect(p, CLIENT, NODE_IP, 3001, Verdict.DNAT, List.of("[fd00:10::1:1]:80"), false);
        expect(p, POD, "2020::1", 80, Verdict.DNAT, List.of("[fd00:10::1:1]:80", "[fd00:10::2:1]:80"), false);
        assertTrue(Fixtures.ipsetList(p).contains("Name: KUBE-6-NODE-PORT-LOCAL-TCP\nType: bitmap:port\n"));
    }
}
