package io.kpbench.path;

import static io.kpbench.path.SeedJourneyTest.last;
import static io.kpbench.path.SeedJourneyTest.seed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.path.JourneyResult.Outcome;
import io.kpbench.proxy.ProxyMode;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A NodePort reached on each of a cloud node's addresses (InternalIP, ExternalIP through the provider's 1:1 NAT,
 * its DNS names), in every mode: delivered to a pod, and the reply's source is the address dialled.
 */
class NodeAddressJourneyTest {
    private static final Map<String, IpAddress> INTERNAL = Map.of("node-a", SeedCluster.NODE_A,
            "node-b", SeedCluster.NODE_B);
    private static final Map<String, IpAddress> EXTERNAL = Map.of("node-a", SeedCluster.EXTERNAL_A,
            "node-b", SeedCluster.EXTERNAL_B);

    private static ClusterPath cloud(ProxyMode mode) {
        return seed(mode, new SeedCluster().cloudAddresses());
    }

    /** Replied twice (the second on the fast path), delivered to a seed pod, the reply from {@code dialled}. */
    private static void assertDeliveredAndRepliedFrom(Walk w, String dialled) {
        for (Walk.PacketWalk p : w.packets()) {
            assertEquals(Outcome.REPLIED, p.outcome(), p.requestSummary());
            Hop pod = last(p.request(), HopKind.DELIVER);
            assertTrue(pod.at().equals("pod/default/pod-10-244-1-5") || pod.at().equals("pod/default/pod-10-244-2-7"),
                    "delivered to an nginx pod: " + pod);
            assertTrue(last(p.reply(), HopKind.RECEIVE).packet().startsWith("TCP " + dialled + " -> "
                    + ClusterPath.CLIENT_IP + ":"), "the reply's source is " + dialled + ": " + p.reply());
        }
        assertTrue(w.packets().get(1).fastPath());
    }

    /**
     * Dials {@code address}:30080 of each node from the client in one cloud cluster of {@code mode}, asserts both
     * packets delivered and replied from the address dialled, and hands the node and the first packet's walk on.
     */
    private static void dialEachNode(ProxyMode mode, Map<String, IpAddress> address,
            BiConsumer<String, Walk.PacketWalk> then) {
        ClusterPath cp = cloud(mode);
        for (String node : List.of("node-a", "node-b")) {
            String dialled = address.get(node) + ":30080";
            Walk w = cp.walk("client", dialled, 2, 7);
            assertDeliveredAndRepliedFrom(w, dialled);
            then.accept(node, w.packets().get(0));
        }
    }

    /**
     * Walks two packets from {@code from} to each node's EC2 DNS name for its {@code address} (the public name when
     * {@code external}, else the VPC one) written into {@code to}, asserts the name resolved to that address, and
     * hands the address and the walk on.
     */
    private static void resolveEachNode(ProxyMode mode, String from, String to, Map<String, IpAddress> address,
            boolean external, BiConsumer<IpAddress, Walk> then) {
        ClusterPath cp = cloud(mode);
        for (IpAddress ip : List.of(address.get("node-a"), address.get("node-b"))) {
            String name = SeedCluster.ec2Name(ip, external);
            Walk w = cp.walk(from, to.formatted(name), 2, 3);
            assertEquals(name + ". 60 IN A " + ip, w.dns().get(0).packet());
            then.accept(ip, w);
        }
    }

    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void clientReachesANodePortOnEachNodesExternalIpThroughTheProvidersOneToOneNat(ProxyMode mode) {
        dialEachNode(mode, EXTERNAL, (node, p) -> {
            String dialled = EXTERNAL.get(node) + ":30080";
            assertTrue(JourneyResult.has(p.result(), JourneyResult.VIA_CLOUD_NAT));
            List<Hop> req = p.request();
            assertEquals(HopKind.CLOUD_NAT, req.get(1).kind(), "the NAT is its own hop, before the node: " + req);
            assertTrue(req.get(1).packet().endsWith("-> " + INTERNAL.get(node) + ":30080"), req.get(1).packet());
            assertEquals(node, req.get(2).at(), "the node whose ExternalIP was dialled receives it");
            Hop back = last(p.reply(), HopKind.CLOUD_NAT);
            assertNotNull(back, "the reply crosses the NAT back");
            assertTrue(back.packet().startsWith("TCP " + dialled + " -> "), back.packet());
            assertTrue(p.requestSummary().startsWith("Client -> Cloud NAT -> Node " + node + " (NodePort) -> "),
                    p.requestSummary());
            assertTrue(p.replySummary().endsWith(" -> Cloud NAT (src " + dialled + ") -> Client"), p.replySummary());
        });
    }

    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void clientReachesANodePortOnEachNodesInternalIpWithoutTheNat(ProxyMode mode) {
        dialEachNode(mode, INTERNAL, (node, p) -> {
            assertNull(last(p.request(), HopKind.CLOUD_NAT));
            assertNull(last(p.reply(), HopKind.CLOUD_NAT));
        });
    }

    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void clientReachesANodePortByEachNodesExternalDnsName(ProxyMode mode) {
        resolveEachNode(mode, "client", "http://%s:30080/", EXTERNAL, true, (ip, w) -> {
            assertDeliveredAndRepliedFrom(w, ip + ":30080");
            assertTrue(w.packets().get(0).requestSummary().startsWith("Client -> Public DNS (A) -> Cloud NAT -> "));
        });
    }

    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void podReachesANodePortByEachNodesInternalDnsNameThroughTheVpcResolver(ProxyMode mode) {
        resolveEachNode(mode, "pod/default/client-node-a", "%s:30080", INTERNAL, false, (ip, w) -> {
            Walk.PacketWalk p = w.packets().get(0);
            assertEquals(Outcome.REPLIED, p.outcome(), p.requestSummary());
            assertTrue(last(p.reply(), HopKind.RECEIVE).packet().startsWith("TCP " + ip + ":30080"));
            assertTrue(p.requestSummary().startsWith("Pod default/client-node-a -> VPC DNS (A) -> "),
                    p.requestSummary());
        });
    }

    @Test
    void theVpcNamesDoNotResolveFromTheInternetAndABareHostnameNowhere() {
        ClusterPath cp = cloud(ProxyMode.IPTABLES);
        String internal = SeedCluster.ec2Name(SeedCluster.NODE_A, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> cp.walk("client", internal + ":30080", 1, 1));
        assertEquals("--to: cannot resolve '" + internal + "' from client: NXDOMAIN (public DNS)", e.getMessage());
        ClusterPath plain = seed(ProxyMode.IPTABLES, new SeedCluster());
        assertThrows(IllegalArgumentException.class, () -> plain.walk("pod/default/client-node-a", "node-a:30080", 1,
                1), "Hostname node-a is not a DNS name");
    }

    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void nodePortAddressesThatLeaveOutTheInternalIpLeaveTheNatedPacketToTheNodeItself(ProxyMode mode) {
        ClusterPath cp = new ClusterPath(new SeedCluster().cloudAddresses().build(), mode::create, mode.cliName(),
                true, false, 1024, List.of(Cidr.parse("10.0.0.0/8")));
        Walk w = cp.walk("client", SeedCluster.EXTERNAL_A + ":30080", 1, 1);
        Walk.PacketWalk p = w.packets().get(0);
        assertEquals(Outcome.NODE_REPLIED, p.outcome(), "--nodeport-addresses 10.0.0.0/8 leaves 192.168.49.2 out: "
                + p.requestSummary());
        assertTrue(p.requestSummary().endsWith("(NodePort: no rule) -> Node node-a (itself)"), p.requestSummary());
        ClusterPath covered = new ClusterPath(new SeedCluster().cloudAddresses().build(), mode::create,
                mode.cliName(), true, false, 1024, List.of(Cidr.parse("192.168.49.0/24")));
        assertEquals(Outcome.REPLIED, covered.walk("client", SeedCluster.EXTERNAL_A + ":30080", 1, 1).packets()
                .get(0).outcome(), "--nodeport-addresses 192.168.49.0/24 covers the InternalIP the NAT delivers to");
    }

    @Test
    void aPodWalkingToANodesExternalIpEndsNoRouteAsTheReadmeStates() {
        ClusterPath cp = cloud(ProxyMode.IPTABLES);
        Walk.PacketWalk p = cp.walk("pod/default/client-node-a", SeedCluster.EXTERNAL_B + ":30080", 1, 1).packets()
                .get(0);
        assertEquals(Outcome.NO_ROUTE, p.outcome(), "the hairpin through the provider's NAT is not modelled");
    }
}
