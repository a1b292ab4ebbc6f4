package io.kpbench.path;

import static io.kpbench.path.SeedJourneyTest.last;
import static io.kpbench.path.SeedJourneyTest.proxier;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.manifest.LoadOptions;
import io.kpbench.cluster.manifest.ManifestLoader;
import io.kpbench.net.IpFamily;
import io.kpbench.path.JourneyResult.Outcome;
import io.kpbench.proxy.ProxyMode;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * IPv6 journeys on {@code scenarios/dual-stack.yaml} in every mode: through AAAA, the mode's IPv6 proxier, the
 * node's IPv6 conntrack and back, ending as the same walk over IPv4 does.
 */
class DualStackJourneyTest {
    private static final ClusterSnapshot DUAL_STACK = ManifestLoader.load(List.of("../scenarios/dual-stack.yaml"),
            InputStream.nullInputStream(), LoadOptions.defaults()).snapshot();

    static ClusterPath dualStack(ProxyMode mode) {
        return new ClusterPath(DUAL_STACK, mode::create, mode.cliName(), true, false, 1024);
    }

    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void podReachesTheIpv6ClusterIpThroughAaaaAndTheReplyComesFromIt(ProxyMode mode) {
        Walk w = dualStack(mode).walk("pod/default/client-ds-node-1", "http://web.shop/", 2, 1);
        assertEquals("web.shop.svc.cluster.local. 5 IN AAAA fd00:10:96::100:10", w.dns().get(1).packet(),
                "A and AAAA are both asked: " + w.dns());
        for (Walk.PacketWalk p : w.packets()) {
            assertEquals(Outcome.REPLIED, p.outcome(), p.requestSummary());
            assertTrue(JourneyResult.has(p.result(), JourneyResult.IPV6));
            assertEquals("pod/shop/pod-fd00-10-244-1--20", last(p.request(), HopKind.DELIVER).at(),
                    "the only ready IPv6 endpoint");
            assertEquals(0x20, JourneyResult.endpointIp(p.result()));
            assertEquals(8080, JourneyResult.endpointPort(p.result()));
            assertTrue(last(p.reply(), HopKind.RECEIVE).packet().startsWith("TCP [fd00:10:96::100:10]:80 -> "
                    + "[fd00:10:244:1::64]:"), "un-DNATed to the IPv6 ClusterIP: " + p.reply());
            assertTrue(last(p.reply(), HopKind.UNNAT).note().contains("source becomes [fd00:10:96::100:10]:80"));
        }
        Walk.PacketWalk first = w.packets().get(0);
        assertTrue(last(first.request(), HopKind.PROXY).note().startsWith(mode.cliName() + " (IPv6) on ds-node-1"),
                "the node's IPv6 proxier classified it");
        assertEquals("Pod default/client-ds-node-1 -> Cluster DNS (AAAA) -> " + proxier(mode) + " (ClusterIP: "
                + SeedJourneyTest.nat(first) + ") -> Pod shop/pod-fd00-10-244-1--20", first.requestSummary());
        assertTrue(w.packets().get(1).fastPath(), "the IPv6 conntrack entry carries the second packet");
    }

    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void clientReachesAnIpv6NodePortAndTheReplyComesFromTheNodesIpv6Address(ProxyMode mode) {
        Walk w = dualStack(mode).walk("client", "[fd00:192:168:50::12]:30053", 2, 1);
        for (Walk.PacketWalk p : w.packets()) {
            assertEquals(Outcome.REPLIED, p.outcome(), p.requestSummary());
            assertEquals("pod/shop/pod-fd00-10-244-2--53", last(p.request(), HopKind.DELIVER).at());
            assertTrue(last(p.reply(), HopKind.RECEIVE).packet().startsWith("TCP [fd00:192:168:50::12]:30053 -> ["
                    + ClusterPath.CLIENT_IP6 + "]:"), p.reply().toString());
        }
        assertTrue(w.packets().get(1).fastPath());
    }

    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void everyIpv6WalkEndsAsTheSameWalkOverIpv4(ProxyMode mode) {
        ClusterPath cp = dualStack(mode);
        String[][] walks = {
            {"pod/default/client-ds-node-1", "http://web.shop/"},
            {"pod/default/client-ds-node-2", "web.shop:9090"},
            {"node/ds-node-1", "udp://dns-edge.shop.svc.cluster.local:53"},
            {"pod/default/client-ds-node-2", "tcp://dns-edge.shop:53"},
            {"client", "[fd00:192:168:50::11]:30053|192.168.50.11:30053"},
            {"client", "[fd00:192:168:50::12]:30053|192.168.50.12:30053"},
            {"node/ds-node-1", "[fd00:192:168:50::12]:30053|192.168.50.12:30053"},
        };
        for (String[] walk : walks) {
            String[] to = walk[1].split("\\|");
            Walk v6 = to.length == 2 ? cp.walk(walk[0], to[0], 1, 5) : cp.walk(walk[0], to[0], 1, 5, IpFamily.IPv6);
            Walk v4 = to.length == 2 ? cp.walk(walk[0], to[1], 1, 5) : cp.walk(walk[0], to[0], 1, 5, IpFamily.IPv4);
            Walk.PacketWalk p6 = v6.packets().get(0);
            Walk.PacketWalk p4 = v4.packets().get(0);
            String what = mode + " " + String.join(" ", walk) + ": " + p6.requestSummary() + " / "
                    + p4.requestSummary();
            assertTrue(JourneyResult.has(p6.result(), JourneyResult.IPV6), what);
            assertEquals(p4.outcome(), p6.outcome(), what);
            assertEquals(p4.requestSummary().replaceAll("\\(AAAA\\)|\\(A\\)", "").replaceAll("pod-[0-9a-f-]+", "P"),
                    p6.requestSummary().replaceAll("\\(AAAA\\)|\\(A\\)", "").replaceAll("pod-[0-9a-f-]+", "P"),
                    "the same hops: " + what);
            Hop d6 = last(p6.request(), HopKind.DELIVER);
            Hop d4 = last(p4.request(), HopKind.DELIVER);
            if (d4 != null) {
                assertNotNull(d6, what);
                assertEquals(d4.note(), d6.note(), "delivered on the same node: " + what);
            }
        }
    }

    @Test
    void aDualStackNameIsWalkedOverIpv6FirstAndDashFourAsksForIpv4() {
        ClusterPath cp = dualStack(ProxyMode.NFTABLES);
        Walk either = cp.walk("pod/default/client-ds-node-1", "web.shop:80", 1, 1);
        assertTrue(either.dns().get(1).note().endsWith("; connects to this one (IPv6 first)"), either.dns().toString());
        assertTrue(JourneyResult.has(either.packets().get(0).result(), JourneyResult.IPV6));
        Walk v4 = cp.walk("pod/default/client-ds-node-1", "web.shop:80", 1, 1, IpFamily.IPv4);
        assertEquals(1, v4.dns().size(), "-4 asks A only: " + v4.dns());
        assertTrue(last(v4.packets().get(0).reply(), HopKind.RECEIVE).packet().startsWith("TCP 10.96.100.10:80"));
    }

    @Test
    void anIpv6AddressFromAnOriginatorWithoutOneIsRefusedInOneLine() {
        ClusterPath seed = SeedJourneyTest.seed(ProxyMode.IPTABLES, new SeedCluster());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> seed.walk("pod/default/client-node-a", "[fd00:10:96::1]:80", 1, 1));
        assertEquals("--to: 'fd00:10:96::1' is IPv6, but pod/default/client-node-a has no IPv6 address",
                e.getMessage());
        IllegalArgumentException six = assertThrows(IllegalArgumentException.class,
                () -> seed.walk("pod/default/client-node-a", "nginx-cluster-ip:80", 1, 1, IpFamily.IPv6));
        assertTrue(six.getMessage().contains("has no IPv6 address to ask AAAA records for (-6)"), six.getMessage());
    }
}
