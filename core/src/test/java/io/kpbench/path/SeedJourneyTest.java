package io.kpbench.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.path.JourneyResult.Outcome;
import io.kpbench.proxy.ProxyMode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The seed's three journeys in every proxy mode: there, back with the tuple restored, then the fast path. */
class SeedJourneyTest {
    static ClusterPath seed(ProxyMode mode, SeedCluster cluster) {
        return new ClusterPath(cluster.build(), mode::create, mode.cliName(), true, false, 1024);
    }

    static Hop last(List<Hop> hops, HopKind kind) {
        Hop found = null;
        for (Hop h : hops) {
            if (h.kind() == kind) {
                found = h;
            }
        }
        return found;
    }

    static void assertRepliedThenFastPath(Walk w, String dialled) {
        Walk.PacketWalk first = w.packets().get(0);
        Walk.PacketWalk second = w.packets().get(1);
        assertEquals(Outcome.REPLIED, first.outcome(), first.toString());
        assertFalse(first.fastPath());
        assertTrue(last(first.request(), HopKind.PROXY) != null, "the first packet walks the proxier");
        assertTrue(last(first.reply(), HopKind.RECEIVE).packet().startsWith("TCP " + dialled + " -> "),
                "the reply's source is the address dialled: " + last(first.reply(), HopKind.RECEIVE));
        assertEquals(Outcome.REPLIED, second.outcome());
        assertTrue(second.fastPath(), "the second packet takes the conntrack fast path");
        assertEquals(null, last(second.request(), HopKind.PROXY), "no proxier walk on the fast path");
        assertTrue(last(second.request(), HopKind.CONNTRACK_HIT) != null);
        assertEquals(JourneyResult.endpointIp(first.result()), JourneyResult.endpointIp(second.result()),
                "the established flow keeps its endpoint");
    }

    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void clusterIpCallFromAPodByDnsNameRepliesFromTheClusterIpThenTakesTheFastPath(ProxyMode mode) {
        for (long seed = 1; seed <= 4; seed++) {
            Walk w = seed(mode, new SeedCluster()).walk("pod/default/client-node-a", "http://nginx-cluster-ip/",
                    2, seed);
            assertEquals("nginx-cluster-ip.default.svc.cluster.local. 5 IN A 10.96.12.34", w.dns().get(0).packet());
            assertRepliedThenFastPath(w, "10.96.12.34:80");
            assertEquals("Pod -> Cluster DNS -> Kube-proxy -> ClusterIP -> Pod",
                    w.packets().get(0).requestSummary());
            assertEquals("Pod -> ClusterIP -> Pod", w.packets().get(0).replySummary());
        }
    }

    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void nodePortCallFromAnExternalClientRepliesFromTheNodePortThenTakesTheFastPath(ProxyMode mode) {
        Walk w = seed(mode, new SeedCluster()).walk("client", "192.168.49.2:30080", 2, 3);
        assertRepliedThenFastPath(w, "192.168.49.2:30080");
        assertTrue(JourneyResult.has(w.packets().get(0).result(), JourneyResult.MASQUERADE),
                "externalTrafficPolicy Cluster masquerades");
        assertEquals("Client -> Node IP:NodePort -> Kube-proxy -> ClusterIP -> Pod",
                w.packets().get(0).requestSummary());
        assertEquals("Pod -> ClusterIP -> NodePort -> Client", w.packets().get(0).replySummary());
    }

    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void loadBalancerCallThroughTheDnsNameRepliesFromTheLoadBalancerThenTakesTheFastPath(ProxyMode mode) {
        ClusterPath cp = seed(mode, new SeedCluster());
        String lbIp = cp.loadBalancer().hostnames().get(SeedCluster.LB_HOST).toString();
        Walk w = cp.walk("client", "http://" + SeedCluster.LB_HOST + "/", 2, 5);
        assertRepliedThenFastPath(w, lbIp + ":80");
        assertTrue(JourneyResult.has(w.packets().get(0).result(), JourneyResult.VIA_LB));
        assertEquals("Client -> Load Balancer DNS -> Node IP:NodePort -> Kube-proxy -> ClusterIP -> Pod",
                w.packets().get(0).requestSummary());
        assertEquals("Pod -> ClusterIP -> NodePort -> LoadBalancer -> Client", w.packets().get(0).replySummary());
    }

    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void vipModeLoadBalancerDeliversWithTheLbAddressAndTheNodeRestoresIt(ProxyMode mode) {
        Walk w = seed(mode, new SeedCluster().vip("198.51.100.20")).walk("client", "198.51.100.20:80", 2, 9);
        assertRepliedThenFastPath(w, "198.51.100.20:80");
        Hop node = last(w.packets().get(0).request(), HopKind.NODE);
        assertTrue(node.packet().endsWith("-> 198.51.100.20:80"), "VIP mode keeps the destination: " + node);
        assertEquals("Pod -> ClusterIP -> LoadBalancer -> Client", w.packets().get(0).replySummary());
    }
}
