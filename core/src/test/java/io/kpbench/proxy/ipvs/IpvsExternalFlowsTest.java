package io.kpbench.proxy.ipvs;

import static io.kpbench.proxy.ipvs.Fixtures.ep;
import static io.kpbench.proxy.ipvs.Fixtures.expect;
import static io.kpbench.proxy.ipvs.Fixtures.ip;
import static io.kpbench.proxy.ipvs.Fixtures.lb;
import static io.kpbench.proxy.ipvs.Fixtures.slice;
import static io.kpbench.proxy.ipvs.Fixtures.synced6;
import static io.kpbench.proxy.ipvs.Fixtures.synced;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.Service;
import io.kpbench.cluster.ServiceType;
import io.kpbench.cluster.TrafficPolicy;
import io.kpbench.net.Cidr;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * externalIP and LoadBalancer packet flows after kube-proxy's {@code pkg/proxy/ipvs/proxier_test.go} ({@code TestClusterIPGeneral},
 * {@code TestNodePort*}, {@code TestLoadBalancer*}, {@code TestNodePortIPv6}, {@code TestIPv6Proxier}, ...), on an
 * IPv4 proxier and, for the IPv6 cases, an IPv6 one: one packet path serves both.
 */
class IpvsExternalFlowsTest {
    private static final String POD = "fd00:10::5";
    private static final String NODE_IP = "2001:db8::1:1";

    @Test
    void onlyLocalExternalIPsGetLocalEndpointsAndKeepTheClientAddress() {
        Fixtures.Svc d = Fixtures.svc();
        d.type = ServiceType.NodePort;
        d.etp = TrafficPolicy.Local;
        d.externalIPs = List.of(ip("192.168.99.11"));
        Service s = d.build();
        IpvsDataPlane p = synced(Fixtures.node(), s,
                slice(s, ep("10.180.0.1", Fixtures.NODE, false), ep("10.180.1.1", "other", false)));
        expect(p, "203.0.113.2", "192.168.99.11", 80, Verdict.DNAT, List.of("10.180.0.1:80"), false);
        assertTrue(IpvsRenderer.ipsetList(p.node(), p.tables()).contains("Name: KUBE-EXTERNAL-IP-LOCAL\nType: hash:ip,port\n"));
        assertTrue(IpvsRenderer.ipsetList(p.node(), p.tables()).contains("192.168.99.11,tcp:80\n"));
    }

    @Test
    void externalIPsWithClusterPolicyAreMasqueraded() {
        Fixtures.Svc d = Fixtures.svc();
        d.externalIPs = List.of(ip("192.168.99.11"));
        Service s = d.build();
        IpvsDataPlane p = synced(Fixtures.node(), s, slice(s, ep("10.180.1.1", "other", false)));
        expect(p, "203.0.113.2", "192.168.99.11", 80, Verdict.DNAT, List.of("10.180.1.1:80"), true);
    }

    @Test
    void loadBalancerSourceRangesDropOtherSourcesButNotTheNodePort() {
        Fixtures.Svc d = Fixtures.svc();
        d.type = ServiceType.LoadBalancer;
        d.nodePort = 3002;
        d.ingress = List.of(lb("5.6.7.8"));
        d.ranges = List.of(Cidr.parse("203.0.113.0/25"));
        Service s = d.build();
        IpvsDataPlane p = synced(Fixtures.node(), s, slice(s, ep("10.180.0.3", null, false)));
        expect(p, "203.0.113.2", "5.6.7.8", 80, Verdict.DNAT, List.of("10.180.0.3:80"), true);
        expect(p, "203.0.113.130", "5.6.7.8", 80, Verdict.DROP, List.of(), false);
        expect(p, "10.0.0.2", "5.6.7.8", 80, Verdict.DROP, List.of(), false);
        expect(p, "203.0.113.130", "192.168.0.2", 3002, Verdict.DNAT, List.of("10.180.0.3:80"), true);
        assertTrue(IpvsRenderer.iptablesRestore(p.node(), p.tables()).text().contains("-A KUBE-IPVS-OUT-FILTER -s 5.6.7.8 -m ipvs"
                + " --vaddr 5.6.7.8 --vproto tcp --vport 80 -j DROP"));
    }

    @Test
    void aSourceRangeHoldingTheNodeIPAlsoAllowsTheVipAsSource() {
        Fixtures.Svc d = Fixtures.svc();
        d.type = ServiceType.LoadBalancer;
        d.ingress = List.of(lb("5.6.7.8"));
        d.ranges = List.of(Cidr.parse("192.168.0.0/24"));
        Service s = d.build();
        IpvsDataPlane p = synced(Fixtures.node(), s, slice(s, ep("10.180.0.3", null, false)));
        expect(p, "5.6.7.8", "5.6.7.8", 80, Verdict.DNAT, List.of("10.180.0.3:80"), true);
        assertTrue(IpvsRenderer.ipsetList(p.node(), p.tables()).contains("5.6.7.8,tcp:80,5.6.7.8\n"));
    }

    @Test
    void loadBalancerLocalPolicySkipsTheMasqueradeMark() {
        Fixtures.Svc d = Fixtures.svc();
        d.type = ServiceType.LoadBalancer;
        d.etp = TrafficPolicy.Local;
        d.hcnp = 30000;
        d.ingress = List.of(lb("1.2.3.4"));
        Service s = d.build();
        IpvsDataPlane p = synced(Fixtures.node(), s, slice(s, ep("10.180.0.2", Fixtures.NODE, false)));
        expect(p, "203.0.113.2", "1.2.3.4", 80, Verdict.DNAT, List.of("10.180.0.2:80"), false);
        expect(p, "203.0.113.2", "192.168.0.2", 30000, Verdict.ACCEPT, List.of(), false);
    }

    @Test
    void loadBalancerSourceRangesWithIpv6CidrsDropOtherSourcesButNotTheNodePort() {
        Fixtures.Svc d = Fixtures.svc6();
        d.type = ServiceType.LoadBalancer;
        d.nodePort = 3002;
        d.ingress = List.of(lb("2001:db8:5::8"));
        d.ranges = List.of(Cidr.parse("2001:db8:ff::/48"));
        Service s = d.build();
        IpvsDataPlane p = synced6(Fixtures.node6(), s, slice(s, IpFamily.IPv6, ep("fd00:10::3", null, false)));
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
        IpvsDataPlane p = synced6(Fixtures.node6(), s, slice(s, IpFamily.IPv6, ep("fd00:10::3", null, false)));
        expect(p, "2001:db8:5::8", "2001:db8:5::8", 80, Verdict.DNAT, List.of("[fd00:10::3]:80"), true);
        assertTrue(IpvsRenderer.ipsetList(p.node(), p.tables()).contains("2001:db8:5::8,tcp:80,2001:db8:5::8\n"));
    }
}
