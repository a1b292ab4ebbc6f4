package io.kpbench.proxy.ipvs;

import static io.kpbench.proxy.ipvs.Fixtures.expect;
import static io.kpbench.proxy.ipvs.Fixtures.ip;
import static io.kpbench.proxy.ipvs.Fixtures.synced6;
import static io.kpbench.proxy.ipvs.Fixtures.synced;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.ServiceType;
import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpFamily;
import io.kpbench.net.Protocol;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.ModeTestCluster;
import io.kpbench.proxy.Verdict;
import io.kpbench.proxy.ipvs.companion.IpSets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ClusterIP packet flows after kube-proxy\'s {@code pkg/proxy/ipvs/proxier_test.go}
 * ({@code TestClusterIPGeneral}, {@code TestNodePort*}, {@code TestLoadBalancer*}, {@code TestNodePortIPv6},
 * {@code TestIPv6Proxier}, ...), on an IPv4 proxier and, for the IPv6 cases, an IPv6 one: one packet path serves
 * both.
 */
class IpvsClusterIpFlowsTest {
    private static final String CLIENT = "2001:db8:ffff::7";
    private static final String POD = "fd00:10::5";
    private static final String NODE_IP = "2001:db8::1:1";

    @Test
    void clusterIPGeneralMasqueradesNonPodSourcesAndRejectsOtherPortsOfTheVip() {
        ModeTestCluster s = Fixtures.svc();
        IpvsDataPlane p = synced(Fixtures.node(), s.endpoint("10.180.0.1", null));
        expect(p, "10.0.0.2", "172.30.0.41", 80, Verdict.DNAT, List.of("10.180.0.1:80"), false);
        expect(p, "192.168.0.2", "172.30.0.41", 80, Verdict.DNAT, List.of("10.180.0.1:80"), true);
        expect(p, "203.0.113.2", "172.30.0.41", 80, Verdict.DNAT, List.of("10.180.0.1:80"), true);
        expect(p, "10.0.0.2", "172.30.0.41", 81, Verdict.REJECT, List.of(), false);
        expect(p, "10.0.0.2", "172.30.0.99", 80, Verdict.NONE, List.of(), false);
    }

    @Test
    void masqueradeAllMasqueradesPodTrafficToClusterIPs() {
        ModeTestCluster s = Fixtures.svc();
        IpvsDataPlane p = synced(Fixtures.node().withMasqueradeAll(true), s.endpoint("10.180.0.1", null));
        expect(p, "10.0.0.2", "172.30.0.41", 80, Verdict.DNAT, List.of("10.180.0.1:80"), true);
    }

    @Test
    void withoutALocalDetectorClusterIPTrafficIsNotMasqueraded() {
        ModeTestCluster s = Fixtures.svc();
        IpvsDataPlane p = synced(Fixtures.node().withClusterCIDRs(List.of()), s.endpoint("10.180.0.1", null));
        expect(p, "203.0.113.2", "172.30.0.41", 80, Verdict.DNAT, List.of("10.180.0.1:80"), false);
    }

    @Test
    void internalLocalPolicyWithoutLocalEndpointsRejects() {
        ModeTestCluster s = Fixtures.svc().internalLocal();
        IpvsDataPlane p = synced(Fixtures.node(), s.endpoint("10.180.1.1", "other"));
        expect(p, "10.0.0.2", "172.30.0.41", 80, Verdict.REJECT, List.of(), false);
    }

    @ParameterizedTest
    @MethodSource(Fixtures.BOTH_FAMILIES)
    void anEndpointReachingItselfThroughItsServiceIsMasqueradedByKubeLoopBack(Fixtures.Family f) {
        IpvsDataPlane p = f.synced(f.svc().endpoint(f.ep1(), Fixtures.NODE));
        List<String> ep = List.of(f.endpoint(f.ep1(), 80));
        expect(p, f.ep1(), f.vip(), 80, Verdict.DNAT, ep, true);
        expect(p, f.client2(), f.vip(), 80, Verdict.DNAT, ep, false);
    }

    @Test
    void terminatingEndpointsServeOnlyWhenNoReadyOneExists() {
        IpvsDataPlane p = synced(Fixtures.node(), Fixtures.svc().endpoint("10.180.0.1", null, false, true, true)
                .endpoint("10.180.0.2", null));
        expect(p, "10.0.0.2", "172.30.0.41", 80, Verdict.DNAT, List.of("10.180.0.2:80"), false);
        IpvsDataPlane q = synced(Fixtures.node(), Fixtures.svc().endpoint("10.180.0.1", null, false, true, true));
        expect(q, "10.0.0.2", "172.30.0.41", 80, Verdict.DNAT, List.of("10.180.0.1:80"), false);
    }

    @Test
    void clusterIPMasqueradesSourcesOutsideTheIpv6ClusterCidr() {
        ModeTestCluster s = Fixtures.svc6();
        IpvsDataPlane p = synced6(Fixtures.node6(), s.endpoint("fd00:10::1:1", null));
        expect(p, POD, "2020::1", 80, Verdict.DNAT, List.of("[fd00:10::1:1]:80"), false);
        expect(p, NODE_IP, "2020::1", 80, Verdict.DNAT, List.of("[fd00:10::1:1]:80"), true);
        expect(p, CLIENT, "2020::1", 80, Verdict.DNAT, List.of("[fd00:10::1:1]:80"), true);
        expect(p, POD, "2020::1", 81, Verdict.REJECT, List.of(), false);
        expect(p, POD, "2020::99", 80, Verdict.NONE, List.of(), false);
        IpvsDataPlane all = synced6(Fixtures.node6().withMasqueradeAll(true), s.endpoint("fd00:10::1:1", null));
        expect(all, POD, "2020::1", 80, Verdict.DNAT, List.of("[fd00:10::1:1]:80"), true);
    }

    @Test
    void clientIPAffinityPinsAnIpv6ClientThroughAPersistenceTemplate() {
        ModeTestCluster s = Fixtures.svc6().affinity(60);
        IpvsDataPlane p = synced6(Fixtures.node6(), s.endpoint("fd00:10::1:1", null)
                .endpoint("fd00:10::1:2", null).endpoint("fd00:10::1:3", null));
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

    @Test
    void ipv6ProxierProgramsOnlyTheIpv6ServiceOfAMixedSet() {
        ModeTestCluster s1 = Fixtures.svc().clusterIPs("10.20.30.41").endpoint("10.180.0.1", null);
        ModeTestCluster s2 = Fixtures.svc6().named("ns2", "svc2").clusterIPs("1002:ab8::2:1")
                .port("p8080", 8080, 8080).endpoint("1009:ab8::5:6", null);
        IpvsDataPlane p = new IpvsDataPlane(Fixtures.node6(), IpFamily.IPv6, IpvsConfig.defaults());
        p.sync(ModeTestCluster.of(List.of(s1, s2)));
        assertEquals(1, p.tables().vst.size());
        expect(p, POD, "1002:ab8::2:1", 8080, Verdict.DNAT, List.of("[1009:ab8::5:6]:8080"), false);
    }

    @Test
    void anIpv4OnlyServiceGetsNothingFromTheIpv6Proxier() {
        ModeTestCluster s = Fixtures.svc().type(ServiceType.NodePort).nodePort(3001).protocol(Protocol.UDP);
        IpvsDataPlane p = synced6(Fixtures.node6(), s.endpoint("10.180.0.1", null));
        assertEquals(0, p.tables().vst.size());
        assertTrue(p.tables().ipsets.isEmpty(IpSets.NODE_PORT_UDP));
        expect(p, "10.0.0.2", "172.30.0.41", 80, Verdict.NONE, List.of(), false);
    }
}
