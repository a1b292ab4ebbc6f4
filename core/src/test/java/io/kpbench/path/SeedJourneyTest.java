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

    /** The proxier's name in a walk summary: kube-proxy and its mode, or the eBPF map that replaces it. */
    static String proxier(ProxyMode mode) {
        return switch (mode) {
            case IPTABLES -> "kube-proxy iptables";
            case NFTABLES -> "kube-proxy nftables";
            case IPVS -> "kube-proxy IPVS";
            case EBPF -> "eBPF LB map";
            case USERSPACE -> "kube-proxy userspace";
        };
    }

    /** The summary's tail from the NATing node to the pod: the pod's node when it is not {@code natNode}. */
    static String toPod(Walk.PacketWalk p, String natNode) {
        String pod = last(p.request(), HopKind.DELIVER).at();
        String podNode = last(p.request(), HopKind.DELIVER).note().replaceAll(".* on ", "");
        return (podNode.equals(natNode) ? "" : "Node " + podNode + " -> ") + "Pod " + pod.substring(4);
    }

    /** {@code DNAT}, or {@code DNAT+SNAT} when the packet was masqueraded. */
    static String nat(Walk.PacketWalk p) {
        return JourneyResult.has(p.result(), JourneyResult.MASQUERADE) ? "DNAT+SNAT" : "DNAT";
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
            Walk.PacketWalk p = w.packets().get(0);
            assertEquals("Pod default/client-node-a -> Cluster DNS (A) -> " + proxier(mode) + " (ClusterIP: " + nat(p)
                    + ") -> " + toPod(p, "node-a"), p.requestSummary());
            assertTrue(p.replySummary().endsWith(" -> conntrack on node-a (src 10.96.12.34:80) -> Pod "
                    + "default/client-node-a"), p.replySummary());
            assertEquals("Pod default/client-node-a -> conntrack (established) -> " + toPod(w.packets().get(1),
                    "node-a"), w.packets().get(1).requestSummary());
        }
    }

    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void nodePortCallFromAnExternalClientRepliesFromTheNodePortThenTakesTheFastPath(ProxyMode mode) {
        Walk w = seed(mode, new SeedCluster()).walk("client", "192.168.49.2:30080", 2, 3);
        assertRepliedThenFastPath(w, "192.168.49.2:30080");
        assertTrue(JourneyResult.has(w.packets().get(0).result(), JourneyResult.MASQUERADE),
                "externalTrafficPolicy Cluster masquerades");
        Walk.PacketWalk p = w.packets().get(0);
        assertEquals("Client -> Node node-a (NodePort) -> " + proxier(mode) + " (NodePort: DNAT+SNAT) -> "
                + toPod(p, "node-a"), p.requestSummary());
        assertTrue(p.replySummary().endsWith(" -> conntrack on node-a (src 192.168.49.2:30080) -> Client"),
                p.replySummary());
    }

    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void loadBalancerCallThroughTheDnsNameRepliesFromTheLoadBalancerThenTakesTheFastPath(ProxyMode mode) {
        ClusterPath cp = seed(mode, new SeedCluster());
        String lbIp = cp.loadBalancer().hostnames().get(SeedCluster.LB_HOST).toString();
        Walk w = cp.walk("client", "http://" + SeedCluster.LB_HOST + "/", 2, 5);
        assertRepliedThenFastPath(w, lbIp + ":80");
        assertTrue(JourneyResult.has(w.packets().get(0).result(), JourneyResult.VIA_LB));
        Walk.PacketWalk p = w.packets().get(0);
        String node = last(p.request(), HopKind.NODE).at();
        assertEquals("Client -> Public DNS (A) -> Cloud LB -> Node " + node + " (NodePort) -> " + proxier(mode)
                + " (NodePort: DNAT+SNAT) -> " + toPod(p, node), p.requestSummary());
        assertTrue(p.replySummary().endsWith(" -> conntrack on " + node + " (src " + last(p.request(), HopKind.NODE)
                .packet().replaceAll(".* -> ", "") + ") -> Cloud LB (src " + lbIp + ":80) -> Client"),
                p.replySummary());
    }

    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void vipModeLoadBalancerDeliversWithTheLbAddressAndTheNodeRestoresIt(ProxyMode mode) {
        Walk w = seed(mode, new SeedCluster().vip("198.51.100.20")).walk("client", "198.51.100.20:80", 2, 9);
        assertRepliedThenFastPath(w, "198.51.100.20:80");
        Hop node = last(w.packets().get(0).request(), HopKind.NODE);
        assertTrue(node.packet().endsWith("-> 198.51.100.20:80"), "VIP mode keeps the destination: " + node);
        Walk.PacketWalk p = w.packets().get(0);
        String at = node.at();
        assertEquals("Client -> Cloud LB -> Node " + at + " (LB VIP) -> " + proxier(mode) + " (LB VIP: " + nat(p)
                + ") -> " + toPod(p, at),
                p.requestSummary());
        assertTrue(p.replySummary().endsWith("conntrack on " + at + " (src 198.51.100.20:80) -> Client"),
                p.replySummary());
    }
}
