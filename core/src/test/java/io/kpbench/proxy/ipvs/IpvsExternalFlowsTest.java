package io.kpbench.proxy.ipvs;

import static io.kpbench.proxy.ipvs.Fixtures.expect;
import static io.kpbench.proxy.ipvs.Fixtures.ip;
import static io.kpbench.proxy.ipvs.Fixtures.synced6;
import static io.kpbench.proxy.ipvs.Fixtures.synced;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.ServiceType;
import io.kpbench.proxy.ModeTestCluster;
import io.kpbench.proxy.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * externalIP and LoadBalancer packet flows after kube-proxy\'s {@code pkg/proxy/ipvs/proxier_test.go}
 * ({@code TestClusterIPGeneral}, {@code TestNodePort*}, {@code TestLoadBalancer*}, {@code TestNodePortIPv6},
 * {@code TestIPv6Proxier}, ...), on an IPv4 proxier and, for the IPv6 cases, an IPv6 one: one packet path serves
 * both.
 */
class IpvsExternalFlowsTest {
    private static final String POD = "fd00:10::5";
    private static final String NODE_IP = "2001:db8::1:1";

    @Test
    void onlyLocalExternalIPsGetLocalEndpointsAndKeepTheClientAddress() {
        ModeTestCluster s = Fixtures.svc().type(ServiceType.NodePort).externalLocal().externalIP("192.168.99.11");
        IpvsDataPlane p = synced(Fixtures.node(), s.endpoint("10.180.0.1", Fixtures.NODE)
                .endpoint("10.180.1.1", "other"));
        expect(p, "203.0.113.2", "192.168.99.11", 80, Verdict.DNAT, List.of("10.180.0.1:80"), false);
        assertTrue(Fixtures.ipsetList(p).contains("Name: KUBE-EXTERNAL-IP-LOCAL\nType: hash:ip,port\n"));
        assertTrue(Fixtures.ipsetList(p).contains("192.168.99.11,tcp:80\n"));
    }

    @Test
    void externalIPsWithClusterPolicyAreMasqueraded() {
        ModeTestCluster s = Fixtures.svc().externalIP("192.168.99.11");
        IpvsDataPlane p = synced(Fixtures.node(), s.endpoint("10.180.1.1", "other"));
        expect(p, "203.0.113.2", "192.168.99.11", 80, Verdict.DNAT, List.of("10.180.1.1:80"), true);
    }

    @Test
    void loadBalancerSourceRangesDropOtherSourcesButNotTheNodePort() {
        ModeTestCluster s = Fixtures.svc().type(ServiceType.LoadBalancer).nodePort(3002).vip("5.6.7.8")
                .sourceRange("203.0.113.0/25");
        IpvsDataPlane p = synced(Fixtures.node(), s.endpoint("10.180.0.3", null));
        expect(p, "203.0.113.2", "5.6.7.8", 80, Verdict.DNAT, List.of("10.180.0.3:80"), true);
        expect(p, "203.0.113.130", "5.6.7.8", 80, Verdict.DROP, List.of(), false);
        expect(p, "10.0.0.2", "5.6.7.8", 80, Verdict.DROP, List.of(), false);
        expect(p, "203.0.113.130", "192.168.0.2", 3002, Verdict.DNAT, List.of("10.180.0.3:80"), true);
        assertTrue(Fixtures.restoreText(p).contains("-A KUBE-IPVS-OUT-FILTER -s 5.6.7.8 -m ipvs"
                + " --vaddr 5.6.7.8 --vproto tcp --vport 80 -j DROP"));
    }

    @Test
    void aSourceRangeHoldingTheNodeIPAlsoAllowsTheVipAsSource() {
        ModeTestCluster s = Fixtures.svc().type(ServiceType.LoadBalancer).vip("5.6.7.8")
                .sourceRange("192.168.0.0/24");
        IpvsDataPlane p = synced(Fixtures.node(), s.endpoint("10.180.0.3", null));
        expect(p, "5.6.7.8", "5.6.7.8", 80, Verdict.DNAT, List.of("10.180.0.3:80"), true);
        assertTrue(Fixtures.ipsetList(p).contains("5.6.7.8,tcp:80,5.6.7.8\n"));
    }

    @Test
    void loadBalancerLocalPolicySkipsTheMasqueradeMark() {
        ModeTestCluster s = Fixtures.svc().type(ServiceType.LoadBalancer).externalLocal().healthCheckNodePort(30000)
                .vip("1.2.3.4");
        IpvsDataPlane p = synced(Fixtures.node(), s.endpoint("10.180.0.2", Fixtures.NODE));
        expect(p, "203.0.113.2", "1.2.3.4", 80, Verdict.DNAT, List.of("10.180.0.2:80"), false);
        expect(p, "203.0.113.2", "192.168.0.2", 30000, Verdict.ACCEPT, List.of(), false);
    }

    @Test
    void loadBalancerSourceRangesWithIpv6CidrsDropOtherSourcesButNotTheNodePort() {
        ModeTestCluster s = Fixtures.svc6().type(ServiceType.LoadBalancer).nodePort(3002).vip("2001:db8:5::8")
                .sourceRange("2001:db8:ff::/48");
        IpvsDataPlane p = synced6(Fixtures.node6(), s.endpoint("fd00:10::3", null));
        expect(p, "2001:db8:ff::2", "2001:db8:5::8", 80, Verdict.DNAT, List.of("[fd00:10::3]:80"), true);
        expect(p, "2001:db8:fe::2", "2001:db8:5::8", 80, Verdict.DROP, List.of(), false);
        expect(p, POD, "2001:db8:5::8", 80, Verdict.DROP, List.of(), false);
        expect(p, "2001:db8:fe::2", NODE_IP, 3002, Verdict.DNAT, List.of("[fd00:10::3]:80"), true);
        String sets = Fixtures.ipsetList(p);
        assertTrue(sets.contains("Name: KUBE-6-LOAD-BALANCER-SOURCE-CID\nType: hash:ip,port,net\n"), sets);
        assertTrue(sets.contains("2001:db8:5::8,tcp:80,2001:db8:ff::/48\n"), sets);
        assertTrue(Fixtures.restoreText(p).contains("-A KUBE-IPVS-OUT-FILTER -s 2001:db8:5::8 -m ipvs"
                + " --vaddr 2001:db8:5::8 --vproto tcp --vport 80 -j DROP"));
        expect(p, "2001:db8:5::8", "2001:db8:5::8", 80, Verdict.DROP, List.of(), false);
    }

    @Test
    void anIpv6SourceRangeHoldingTheNodeIPAlsoAllowsTheVipAsSource() {
        ModeTestCluster s = Fixtures.svc6().type(ServiceType.LoadBalancer).vip("2001:db8:5::8")
                .sourceRange("2001:db8::/64");
        IpvsDataPlane p = synced6(Fixtures.node6(), s.endpoint("fd00:10::3", null));
        expect(p, "2001:db8:5::8", "2001:db8:5::8", 80, Verdict.DNAT, List.of("[fd00:10::3]:80"), true);
        assertTrue(Fixtures.ipsetList(p).contains("2001:db8:5::8,tcp:80,2001:db8:5::8\n"));
    }
}
