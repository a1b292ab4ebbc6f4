package io.kpbench.proxy.ipvs;

import static io.kpbench.proxy.ipvs.Fixtures.cluster;
import static io.kpbench.proxy.ipvs.Fixtures.ep;
import static io.kpbench.proxy.ipvs.Fixtures.ip;
import static io.kpbench.proxy.ipvs.Fixtures.lb;
import static io.kpbench.proxy.ipvs.Fixtures.slice;
import static io.kpbench.proxy.ipvs.Fixtures.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.Service;
import io.kpbench.cluster.ServiceType;
import io.kpbench.cluster.TrafficPolicy;
import io.kpbench.net.Cidr;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.Explanation;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Packet-flow cases after kube-proxy's {@code pkg/proxy/ipvs/proxier_test.go}. */
class IpvsProxierTest {
    private static Explanation trace(IpvsDataPlane p, String src, String dst, int port) {
        return p.explain(tcp(src, 40000, dst, port));
    }

    private static void expect(IpvsDataPlane p, String src, String dst, int port, Verdict v, List<String> eps,
            boolean masq) {
        Explanation e = trace(p, src, dst, port);
        assertEquals(v, e.verdict(), src + " -> " + dst + ":" + port + " " + e.path());
        assertEquals(eps, e.endpoints().stream().sorted().toList(), e.path().toString());
        assertEquals(masq, e.masquerade(), src + " -> " + dst + ":" + port + " " + e.path());
    }

    private static IpvsDataPlane synced(NodeConfig node, Service s, EndpointSlice... slices) {
        IpvsDataPlane p = new IpvsDataPlane(node, IpFamily.IPv4, IpvsConfig.defaults());
        p.sync(cluster(List.of(s), List.of(slices)));
        return p;
    }

    @Test
    void clusterIPGeneralMasqueradesNonPodSourcesAndRejectsOtherPortsOfTheVip() {
        Service s = Fixtures.svc().build();
        IpvsDataPlane p = synced(Fixtures.node(), s, slice(s, ep("10.180.0.1", null, false)));
        expect(p, "10.0.0.2", "172.30.0.41", 80, Verdict.DNAT, List.of("10.180.0.1:80"), false);
        expect(p, "192.168.0.2", "172.30.0.41", 80, Verdict.DNAT, List.of("10.180.0.1:80"), true);
        expect(p, "203.0.113.2", "172.30.0.41", 80, Verdict.DNAT, List.of("10.180.0.1:80"), true);
        expect(p, "10.0.0.2", "172.30.0.41", 81, Verdict.REJECT, List.of(), false);
        expect(p, "10.0.0.2", "172.30.0.99", 80, Verdict.NONE, List.of(), false);
    }

    @Test
    void masqueradeAllMasqueradesPodTrafficToClusterIPs() {
        Service s = Fixtures.svc().build();
        IpvsDataPlane p = synced(Fixtures.node().withMasqueradeAll(true), s, slice(s, ep("10.180.0.1", null, false)));
        expect(p, "10.0.0.2", "172.30.0.41", 80, Verdict.DNAT, List.of("10.180.0.1:80"), true);
    }

    @Test
    void withoutALocalDetectorClusterIPTrafficIsNotMasqueraded() {
        Service s = Fixtures.svc().build();
        IpvsDataPlane p = synced(Fixtures.node().withClusterCIDRs(List.of()), s, slice(s, ep("10.180.0.1", null, false)));
        expect(p, "203.0.113.2", "172.30.0.41", 80, Verdict.DNAT, List.of("10.180.0.1:80"), false);
    }

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
    void internalLocalPolicyWithoutLocalEndpointsRejects() {
        Fixtures.Svc d = Fixtures.svc();
        d.itp = TrafficPolicy.Local;
        Service s = d.build();
        IpvsDataPlane p = synced(Fixtures.node(), s, slice(s, ep("10.180.1.1", "other", false)));
        expect(p, "10.0.0.2", "172.30.0.41", 80, Verdict.REJECT, List.of(), false);
    }

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
    void anEndpointReachingItselfThroughItsServiceIsMasqueradedByKubeLoopBack() {
        Service s = Fixtures.svc().build();
        IpvsDataPlane p = synced(Fixtures.node(), s, slice(s, ep("10.180.0.1", Fixtures.NODE, false)));
        expect(p, "10.180.0.1", "172.30.0.41", 80, Verdict.DNAT, List.of("10.180.0.1:80"), true);
        expect(p, "10.180.0.9", "172.30.0.41", 80, Verdict.DNAT, List.of("10.180.0.1:80"), false);
    }

    @Test
    void terminatingEndpointsServeOnlyWhenNoReadyOneExists() {
        Service s = Fixtures.svc().build();
        IpvsDataPlane p = synced(Fixtures.node(), s,
                slice(s, ep("10.180.0.1", null, true), ep("10.180.0.2", null, false)));
        expect(p, "10.0.0.2", "172.30.0.41", 80, Verdict.DNAT, List.of("10.180.0.2:80"), false);
        IpvsDataPlane q = synced(Fixtures.node(), s, slice(s, ep("10.180.0.1", null, true)));
        expect(q, "10.0.0.2", "172.30.0.41", 80, Verdict.DNAT, List.of("10.180.0.1:80"), false);
    }
}
