package io.kpbench.proxy.userspace;

import static io.kpbench.proxy.ModeTestCluster.CLUSTER_IP;
import static io.kpbench.proxy.ModeTestCluster.EXTERNAL_CLIENT;
import static io.kpbench.proxy.ModeTestCluster.LOCAL_POD;
import static io.kpbench.proxy.ModeTestCluster.NODE_A;
import static io.kpbench.proxy.ModeTestCluster.NODE_PORT;
import static io.kpbench.proxy.ModeTestCluster.packet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.ServiceType;
import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpFamily;
import io.kpbench.net.Protocol;
import io.kpbench.proxy.AllocationProbe;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.ModeTestCluster;
import io.kpbench.proxy.ProxyMode;
import io.kpbench.proxy.Verdict;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UserspaceDataPlaneTest {
    private static final long SECOND = 1_000_000_000L;
    private static final String WEB = "ns/web/TCP";

    private static UserspaceDataPlane plane(ModeTestCluster c) {
        UserspaceDataPlane p = (UserspaceDataPlane) ProxyMode.USERSPACE.create(ModeTestCluster.nodeConfig(),
                IpFamily.IPv4);
        p.sync(c.build());
        return p;
    }

    @Test
    void roundRobinCyclesThroughEndpointsInOrder() {
        UserspaceDataPlane p = plane(new ModeTestCluster().remoteEndpoints(5));
        List<String> rotation = p.rotation(WEB);
        assertEquals(5, rotation.size());
        FiveTuple t = packet(LOCAL_POD, CLUSTER_IP, 80);
        for (int i = 0; i < 15; i++) {
            long c = p.classify(t, 0, 0);
            assertEquals(Verdict.DNAT, Classification.verdict(c));
            assertTrue(Classification.masquerade(c), "the proxy connects from the node IP");
            assertEquals(rotation.get(i % 5), p.endpoint(Classification.endpoint(c)));
        }
    }

    @Test
    void unchangedEndpointsKeepOrderAndCursorAcrossSyncsAndChangedOnesReset() {
        ModeTestCluster c = new ModeTestCluster().remoteEndpoints(4);
        UserspaceDataPlane p = plane(c);
        FiveTuple t = packet(LOCAL_POD, CLUSTER_IP, 80);
        List<String> rotation = p.rotation(WEB);
        p.classify(t, 0, 0);
        p.sync(c.build());
        assertEquals(rotation.get(1), p.endpoint(Classification.endpoint(p.classify(t, 0, 0))));
        p.sync(new ModeTestCluster().remoteEndpoints(3).build());
        assertEquals(p.rotation(WEB).get(0), p.endpoint(Classification.endpoint(p.classify(t, 0, 0))));
    }

    @Test
    void clientIpAffinitySticksWithinTimeoutAndExpiresAfter() {
        UserspaceDataPlane p = plane(new ModeTestCluster().affinity(10).remoteEndpoints(4));
        FiveTuple t = packet(LOCAL_POD, CLUSTER_IP, 80);
        int first = Classification.endpoint(p.classify(t, 0, 0));
        for (int i = 1; i < 20; i++) {
            assertEquals(first, Classification.endpoint(p.classify(t, i * SECOND / 2, 0)));
        }
        assertTrue(first != Classification.endpoint(p.classify(t, 100 * SECOND, 0)), "expired: round robin moved on");
    }

    @Test
    void eachConnectionReturnsItsLookupsPortalAffinityAndRoundRobin() {
        UserspaceDataPlane plain = plane(new ModeTestCluster().remoteEndpoints(2));
        assertEquals(1, Classification.work(plain.classify(packet(LOCAL_POD, CLUSTER_IP, 81), 0, 0)), "portal miss");
        assertEquals(2, Classification.work(plain.classify(packet(LOCAL_POD, CLUSTER_IP, 80), 0, 0)),
                "portal and round robin");
        UserspaceDataPlane sticky = plane(new ModeTestCluster().affinity(10).remoteEndpoints(2));
        FiveTuple t = packet(LOCAL_POD, CLUSTER_IP, 80);
        assertEquals(3, Classification.work(sticky.classify(t, 0, 0)), "portal, affinity miss, round robin");
        assertEquals(2, Classification.work(sticky.classify(t, SECOND, 0)), "portal and affinity hit");
        assertEquals(1, Classification.work(plane(new ModeTestCluster()).classify(t, 0, 0)), "no endpoints");
    }

    @Test
    void serviceWithoutEndpointsIsRejected() {
        UserspaceDataPlane p = plane(new ModeTestCluster());
        assertEquals(Verdict.REJECT, Classification.verdict(p.classify(packet(LOCAL_POD, CLUSTER_IP, 80), 0, 0)));
    }

    @Test
    void externalLocalPolicyIsIgnoredAsTheOriginalDid() {
        UserspaceDataPlane p = plane(new ModeTestCluster().type(ServiceType.NodePort).externalLocal()
                .remoteEndpoints(2));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            seen.add(p.endpoint(Classification.endpoint(p.classify(packet(EXTERNAL_CLIENT, NODE_A, NODE_PORT), 0, 0))));
        }
        assertEquals(Set.of("10.244.2.1:8080", "10.244.2.2:8080"), seen);
    }

    @Test
    void notReadyAndTerminatingEndpointsAreNeverUsed() {
        UserspaceDataPlane p = plane(new ModeTestCluster().endpoint("10.244.2.1", "node-b")
                .endpoint("10.244.2.2", "node-b", false, true, true));
        assertEquals(List.of("10.244.2.1:8080"), p.rotation(WEB));
    }

    @Test
    void renderListsPortalsAndRotation() {
        UserspaceDataPlane p = plane(new ModeTestCluster().type(ServiceType.NodePort).remoteEndpoints(1));
        String r = p.render();
        assertTrue(r.contains("ns/web/TCP portals [10.96.0.10:80/TCP, 192.168.0.1:30080/TCP] rr next 0 "
                + "[10.244.2.1:8080]"), r);
        assertTrue(p.explain(packet(LOCAL_POD, CLUSTER_IP, 80)).masquerade());
    }

    @Test
    void classifyAllocatesNothing() {
        UserspaceDataPlane p = plane(new ModeTestCluster().affinity(30).remoteEndpoints(50));
        FiveTuple[] packets = new FiveTuple[1024];
        for (int i = 0; i < packets.length; i++) {
            packets[i] = new FiveTuple().setV4(LOCAL_POD.v4() + i, 10000 + i, CLUSTER_IP.v4(), 80,
                    Protocol.TCP.number());
        }
        long bytes = AllocationProbe.allocatedBytes(p, packets);
        assertTrue(bytes < 2048, "allocated " + bytes);
    }
}
