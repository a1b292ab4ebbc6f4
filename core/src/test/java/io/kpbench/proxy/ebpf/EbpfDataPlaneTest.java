package io.kpbench.proxy.ebpf;

import static io.kpbench.proxy.ModeTestCluster.CLUSTER_IP;
import static io.kpbench.proxy.ModeTestCluster.EXTERNAL_CLIENT;
import static io.kpbench.proxy.ModeTestCluster.LOCAL_POD;
import static io.kpbench.proxy.ModeTestCluster.NODE_A;
import static io.kpbench.proxy.ModeTestCluster.NODE_PORT;
import static io.kpbench.proxy.ModeTestCluster.packet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.ServiceType;
import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.DataPlane;
import io.kpbench.proxy.Explanation;
import io.kpbench.proxy.ModeTestCluster;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.ProxyMode;
import io.kpbench.proxy.Verdict;
import io.kpbench.proxy.ebpf.maps.LbMapFullException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EbpfDataPlaneTest {
    private static final long SECOND = 1_000_000_000L;

    private static EbpfDataPlane plane(EbpfConfig cfg, ModeTestCluster c) {
        EbpfDataPlane p = new EbpfDataPlane(ModeTestCluster.nodeConfig(), IpFamily.IPv4, cfg);
        p.sync(c.build());
        return p;
    }

    private static Set<String> endpoints(DataPlane p, FiveTuple t, int draws) {
        Set<String> out = new HashSet<>();
        for (long r = 0; r < draws; r++) {
            long c = p.classify(t, 0, r * 0x9E3779B97F4A7C15L);
            out.add(Classification.verdict(c) == Verdict.DNAT ? p.endpoint(Classification.endpoint(c))
                    : Classification.verdict(c).name());
        }
        return out;
    }

    @Test
    void registryCreatesTheEbpfMode() {
        assertTrue(ProxyMode.EBPF.available());
        assertTrue(ProxyMode.EBPF.create(ModeTestCluster.nodeConfig(), IpFamily.IPv4) instanceof EbpfDataPlane);
    }

    @Test
    void clusterIpFromLocalPodIsTranslatedAtConnectWithoutMasquerade() {
        EbpfDataPlane p = plane(EbpfConfig.defaults(), new ModeTestCluster().remoteEndpoints(3));
        FiveTuple t = packet(LOCAL_POD, CLUSTER_IP, 80);
        long c = p.classify(t, 0, 1);
        assertEquals(Verdict.DNAT, Classification.verdict(c));
        assertFalse(Classification.masquerade(c));
        assertEquals(Set.of("10.244.2.1:8080", "10.244.2.2:8080", "10.244.2.3:8080"), endpoints(p, t, 64));
        Explanation e = p.explain(t);
        assertTrue(e.path().contains("sock4_connect: translated (connect-time; later packets need no per-packet NAT)"),
                e.path().toString());
        assertEquals(3, e.endpoints().size());
    }

    @Test
    void clusterIpFromOutsideTheClusterIsDropped() {
        EbpfDataPlane p = plane(EbpfConfig.defaults(), new ModeTestCluster().remoteEndpoints(2));
        assertEquals(Verdict.DROP, Classification.verdict(p.classify(packet(EXTERNAL_CLIENT, CLUSTER_IP, 80), 0, 0)));
    }

    @Test
    void aPodOnAnotherNodeIsInsideTheClusterEvenWithoutKubeProxysClusterCidr() {
        NodeConfig noClusterCidr = NodeConfig.of(ModeTestCluster.THIS_NODE, List.of(NODE_A));
        EbpfDataPlane p = new EbpfDataPlane(noClusterCidr, IpFamily.IPv4, EbpfConfig.defaults());
        p.sync(new ModeTestCluster().remoteEndpoints(2).build());
        Explanation e = p.explain(packet(IpAddress.parse("10.244.2.50"), CLUSTER_IP, 80));
        assertEquals(Verdict.DNAT, e.verdict(), "node-b's pod CIDR is a cluster source: " + e.path());
        assertEquals(Verdict.DROP, p.explain(packet(EXTERNAL_CLIENT, CLUSTER_IP, 80)).verdict());
    }

    @Test
    void unknownDestinationIsNotTouched() {
        EbpfDataPlane p = plane(EbpfConfig.defaults(), new ModeTestCluster().remoteEndpoints(2));
        long miss = p.classify(packet(LOCAL_POD, CLUSTER_IP, 81), 0, 0);
        assertEquals(Verdict.NONE, Classification.verdict(miss));
        assertEquals(1, Classification.work(miss), "one service-map lookup");
    }

    @Test
    void eachPacketReturnsItsMapLookups() {
        EbpfDataPlane p = plane(EbpfConfig.defaults(), new ModeTestCluster().remoteEndpoints(2));
        assertEquals(3, Classification.work(p.classify(packet(LOCAL_POD, CLUSTER_IP, 80), 0, 0)),
                "service, slot, backend (socket LB: no service conntrack)");
        assertEquals(1, Classification.work(p.classify(packet(EXTERNAL_CLIENT, CLUSTER_IP, 80), 0, 0)),
                "service, then non-routable");
        EbpfDataPlane sticky = plane(EbpfConfig.defaults(), new ModeTestCluster().affinity(10).remoteEndpoints(2));
        FiveTuple t = packet(LOCAL_POD, CLUSTER_IP, 80);
        assertEquals(5, Classification.work(sticky.classify(t, 0, 0)),
                "service, affinity miss, slot, backend, affinity update");
        assertEquals(5, Classification.work(sticky.classify(t, SECOND, 0)),
                "service, affinity hit, affinity match, backend, affinity update");
        EbpfDataPlane scoped = plane(EbpfConfig.defaults(), new ModeTestCluster().type(ServiceType.NodePort)
                .externalLocal().remoteEndpoints(2));
        assertEquals(4, Classification.work(scoped.classify(packet(LOCAL_POD, NODE_A, NODE_PORT), 0, 0)),
                "service, internal scope, slot, backend");
    }

    @Test
    void nodePortFromExternalClientIsSnatedToRemoteBackendsOnly() {
        EbpfDataPlane p = plane(EbpfConfig.defaults(), new ModeTestCluster().type(ServiceType.NodePort)
                .endpoint("10.244.1.5", "node-a").endpoint("10.244.2.5", "node-b"));
        FiveTuple t = packet(EXTERNAL_CLIENT, NODE_A, NODE_PORT);
        for (long r = 0; r < 16; r++) {
            long c = p.classify(t, 0, r);
            boolean remote = p.endpoint(Classification.endpoint(c)).startsWith("10.244.2.");
            assertEquals(remote, Classification.masquerade(c));
        }
        assertEquals(Verdict.NONE, Classification.verdict(p.classify(packet(EXTERNAL_CLIENT, ModeTestCluster.NODE_B,
                NODE_PORT), 0, 0)), "only this node's addresses carry NodePort frontends");
    }

    @Test
    void externalLocalPolicySendsExternalClientsToLocalBackendsWithoutSnat() {
        EbpfDataPlane p = plane(EbpfConfig.defaults(), new ModeTestCluster().type(ServiceType.NodePort)
                .externalLocal().endpoint("10.244.1.5", "node-a").endpoint("10.244.2.5", "node-b"));
        FiveTuple ext = packet(EXTERNAL_CLIENT, NODE_A, NODE_PORT);
        assertEquals(Set.of("10.244.1.5:8080"), endpoints(p, ext, 32));
        assertFalse(Classification.masquerade(p.classify(ext, 0, 0)));
        Set<String> inCluster = endpoints(p, packet(LOCAL_POD, NODE_A, NODE_PORT), 64);
        assertEquals(Set.of("10.244.1.5:8080", "10.244.2.5:8080"), inCluster, "internal scope reaches all");
        assertTrue(p.render().contains("/i "), p.render());
    }

    @Test
    void externalLocalPolicyWithoutLocalBackendsRejectsOrDropsAsConfigured() {
        ModeTestCluster c = new ModeTestCluster().type(ServiceType.NodePort).externalLocal().remoteEndpoints(2);
        FiveTuple ext = packet(EXTERNAL_CLIENT, NODE_A, NODE_PORT);
        assertEquals(Verdict.REJECT, Classification.verdict(plane(EbpfConfig.defaults(), c).classify(ext, 0, 0)));
        EbpfDataPlane drop = plane(EbpfConfig.defaults().withNoBackendReject(false), c);
        assertEquals(Verdict.DROP, Classification.verdict(drop.classify(ext, 0, 0)));
        assertEquals(Verdict.DNAT, Classification.verdict(drop.classify(packet(LOCAL_POD, NODE_A, NODE_PORT), 0, 0)));
    }

    @Test
    void internalLocalPolicyKeepsPodsOnLocalBackends() {
        EbpfDataPlane p = plane(EbpfConfig.defaults(), new ModeTestCluster().internalLocal()
                .endpoint("10.244.1.5", "node-a").endpoint("10.244.2.5", "node-b"));
        assertEquals(Set.of("10.244.1.5:8080"), endpoints(p, packet(LOCAL_POD, CLUSTER_IP, 80), 32));
    }

    @Test
    void serviceWithoutBackendsIsRejectedByDefault() {
        EbpfDataPlane p = plane(EbpfConfig.defaults(), new ModeTestCluster());
        assertEquals(Verdict.REJECT, Classification.verdict(p.classify(packet(LOCAL_POD, CLUSTER_IP, 80), 0, 0)));
        assertTrue(p.explain(packet(LOCAL_POD, CLUSTER_IP, 80)).path().get(1).contains("DROP_NO_SERVICE"));
    }

    @Test
    void affinitySticksWithinTimeoutAndExpiresAfter() {
        EbpfDataPlane p = plane(EbpfConfig.defaults(), new ModeTestCluster().affinity(10).remoteEndpoints(8));
        FiveTuple t = packet(LOCAL_POD, CLUSTER_IP, 80);
        int first = Classification.endpoint(p.classify(t, 0, 3));
        for (long r = 0; r < 50; r++) {
            assertEquals(first, Classification.endpoint(p.classify(t, (r % 9) * SECOND, r)), "sticky at " + r);
        }
        Set<Integer> after = new HashSet<>();
        long now = 8 * SECOND;
        for (long r = 0; r < 50; r++) {
            now += 11 * SECOND;
            after.add(Classification.endpoint(p.classify(t, now, r)));
        }
        assertTrue(after.size() > 1, "after 10 s idle a new backend is chosen: " + after);
    }

    @Test
    void sourceRangesDropExternalClientsOutsideThemButNotPods() {
        IpAddress vip = IpAddress.parse("198.51.100.10");
        EbpfDataPlane p = plane(EbpfConfig.defaults(), new ModeTestCluster().type(ServiceType.LoadBalancer)
                .vip("198.51.100.10").sourceRange("203.0.113.0/28").remoteEndpoints(2));
        assertEquals(Verdict.DNAT, Classification.verdict(p.classify(packet(EXTERNAL_CLIENT, vip, 80), 0, 0)));
        assertEquals(Verdict.DROP, Classification.verdict(p.classify(packet(IpAddress.parse("203.0.113.77"), vip,
                80), 0, 0)));
        assertEquals(Verdict.DNAT, Classification.verdict(p.classify(packet(LOCAL_POD, vip, 80), 0, 0)));
        assertEquals(Verdict.DNAT, Classification.verdict(p.classify(packet(IpAddress.parse("203.0.113.77"),
                NODE_A, NODE_PORT), 0, 0)), "the NodePort of the same service is not filtered");
    }

    @Test
    void terminatingBackendsServeNewConnectionsOnlyWhenNothingIsReady() {
        EbpfDataPlane p = plane(EbpfConfig.defaults(), new ModeTestCluster()
                .endpoint("10.244.2.1", "node-b", true, true, false)
                .endpoint("10.244.2.2", "node-b", false, true, true));
        assertEquals(Set.of("10.244.2.1:8080"), endpoints(p, packet(LOCAL_POD, CLUSTER_IP, 80), 32));
        assertEquals(2, p.backends(), "the terminating backend stays in the backend map");
        EbpfDataPlane only = plane(EbpfConfig.defaults(), new ModeTestCluster()
                .endpoint("10.244.2.2", "node-b", false, true, true));
        assertEquals(Set.of("10.244.2.2:8080"), endpoints(only, packet(LOCAL_POD, CLUSTER_IP, 80), 8));
    }

    @Test
    void maglevGivesExternalFlowsAStableBackend() {
        EbpfDataPlane p = plane(EbpfConfig.defaults().withMaglev(251), new ModeTestCluster()
                .type(ServiceType.NodePort).remoteEndpoints(10));
        FiveTuple t = packet(EXTERNAL_CLIENT, NODE_A, NODE_PORT);
        Set<String> seen = endpoints(p, t, 64);
        assertEquals(1, seen.size(), "the random draw does not matter, the 5-tuple does");
        assertTrue(p.explain(t).path().stream().anyMatch(l -> l.startsWith("lb4_select_backend_id: maglev M=251")));
    }

    @Test
    void overflowingTheServiceMapIsAClearErrorAndKeepsTheOldMaps() {
        EbpfDataPlane p = new EbpfDataPlane(ModeTestCluster.nodeConfig(), IpFamily.IPv4,
                EbpfConfig.defaults().withLbMapMax(16));
        p.sync(new ModeTestCluster().remoteEndpoints(3).build());
        LbMapFullException e = assertThrows(LbMapFullException.class,
                () -> p.sync(new ModeTestCluster().type(ServiceType.NodePort).remoteEndpoints(9).build()));
        assertEquals("ebpf: service map full: 30 entries > bpf-lb-map-max 16", e.getMessage());
        assertEquals(4, p.serviceEntries());
        assertEquals(Verdict.DNAT, Classification.verdict(p.classify(packet(LOCAL_POD, CLUSTER_IP, 80), 0, 0)));
    }

    @Test
    void renderLooksLikeCiliumBpfLbList() {
        EbpfDataPlane p = plane(EbpfConfig.defaults(), new ModeTestCluster().remoteEndpoints(2));
        List<String> lines = p.render().lines().toList();
        assertEquals("SERVICE ADDRESS     BACKEND ADDRESS (REVNAT_ID) (SLOT)", lines.get(0));
        assertEquals("10.96.0.10:80/TCP   0.0.0.0:0 (1) (0) [ClusterIP, non-routable]", lines.get(1));
        assertEquals("                    10.244.2.1:8080/TCP (1) (1)", lines.get(2));
        assertEquals("                    10.244.2.2:8080/TCP (1) (2)", lines.get(3));
    }
}
