package io.kpbench.path;

import static io.kpbench.path.SeedJourneyTest.last;
import static io.kpbench.path.SeedJourneyTest.seed;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.path.JourneyResult.Outcome;
import io.kpbench.proxy.ProxyMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * externalTrafficPolicy end to end: Local keeps the client address and only healthy (endpoint-holding) nodes get
 * traffic; Cluster hops across nodes with SNAT and the reply comes back through the NATing node. The userspace
 * mode predates traffic policies and masquerades everything (see proxy/userspace/package-info.java).
 */
class TrafficPolicyJourneyTest {
    private static final String LB_URL = "http://" + SeedCluster.LB_HOST + "/";

    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void localPolicyLoadBalancerSendsOnlyToNodesWithLocalEndpoints(ProxyMode mode) {
        ClusterPath cp = seed(mode, new SeedCluster().externalLocal().endpointsOnlyOn("node-a"));
        LbListener l = cp.loadBalancer().listeners().get(0);
        assertArrayEquals(new int[] {0}, l.healthy(), "only node-a passes the healthCheckNodePort probe");
        assertEquals("HTTP :" + SeedCluster.HEALTH_CHECK_PORT + "/healthz", l.healthCheck());
        for (long seed = 1; seed <= 20; seed++) {
            Walk w = cp.walk("client", LB_URL, 1, seed);
            assertEquals("node-a", last(w.packets().get(0).request(), HopKind.NODE).at());
            assertEquals(Outcome.REPLIED, w.packets().get(0).outcome());
        }
    }

    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void localPolicyPreservesTheClientIpAtThePodWithoutSnat(ProxyMode mode) {
        ClusterPath cp = seed(mode, new SeedCluster().externalLocal());
        Walk w = cp.walk("client", LB_URL, 2, 11);
        Walk.PacketWalk p = w.packets().get(0);
        Hop pod = last(p.request(), HopKind.DELIVER);
        if (mode == ProxyMode.USERSPACE) {
            assertNotNull(last(p.request(), HopKind.SNAT), "userspace ignores the policy and masquerades");
            assertTrue(!pod.packet().startsWith("TCP " + ClusterPath.CLIENT_IP + ":"), pod.packet());
        } else {
            assertNull(last(p.request(), HopKind.SNAT), "no SNAT under Local");
            assertTrue(pod.packet().startsWith("TCP " + ClusterPath.CLIENT_IP + ":"), "client IP at the pod: " + pod);
            assertTrue(!JourneyResult.has(p.result(), JourneyResult.CROSS_NODE), "Local never leaves the node");
        }
        assertEquals(Outcome.REPLIED, p.outcome());
        assertTrue(w.packets().get(1).fastPath());
    }

    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void localPolicyNodePortWithoutLocalEndpointsEndsAsEachModeDocuments(ProxyMode mode) {
        ClusterPath cp = seed(mode, new SeedCluster().externalLocal().endpointsOnlyOn("node-a"));
        Walk w = cp.walk("client", "192.168.49.3:30080", 1, 1);
        Outcome expected = switch (mode) {
            // ignores the policy, masquerades: the reply comes back through node-b
            case USERSPACE -> Outcome.REPLIED;
            // PR 97081: falls back to the cluster endpoints without masquerade, so the reply leaves node-a
            // straight to the client, never de-NATed by node-b: the client sees the pod's address and resets
            case IPVS -> Outcome.REPLY_MISMATCH;
            // a scope without backends answers --service-no-backend-response (REJECT by default)
            case EBPF -> Outcome.REJECTED;
            default -> Outcome.DROPPED;
        };
        assertEquals(expected, w.packets().get(0).outcome());
    }

    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void clusterPolicyHopsAcrossNodesWithSnatAndTheReplyReturnsThroughTheSameNode(ProxyMode mode) {
        ClusterPath cp = seed(mode, new SeedCluster().endpointsOnlyOn("node-b"));
        Walk w = cp.walk("client", "192.168.49.2:30080", 2, 1);
        Walk.PacketWalk p = w.packets().get(0);
        assertTrue(JourneyResult.has(p.result(), JourneyResult.CROSS_NODE));
        Hop snat = last(p.request(), HopKind.SNAT);
        assertNotNull(snat);
        assertTrue(snat.packet().startsWith("TCP 192.168.49.2:"), "masquerade source is node-a: " + snat);
        Hop back = last(p.reply(), HopKind.ROUTE);
        assertTrue(back.note().contains("node-b -> node-a"), back.note());
        assertEquals("node-a", last(p.reply(), HopKind.UNNAT).at(), "node-a reverses its own NAT");
        assertEquals(Outcome.REPLIED, p.outcome());
        assertTrue(w.packets().get(1).fastPath());
        assertEquals(Outcome.REPLIED, w.packets().get(1).outcome());
    }
}
