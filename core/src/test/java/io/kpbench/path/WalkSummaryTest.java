package io.kpbench.path;

import static io.kpbench.path.SeedJourneyTest.proxier;
import static io.kpbench.path.SeedJourneyTest.seed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.proxy.ProxyMode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The walk's summary lines name the hops actually taken: the proxier by its mechanism (ebpf has no kube-proxy),
 * the kind of address it was asked about, conntrack instead of the proxier on the fast path, the nodes crossed,
 * the outcome of a dropped packet, and on the way back every translation with the source it restored.
 */
class WalkSummaryTest {
    private static List<Walk.PacketWalk> walks(ClusterPath cp) {
        return List.of(cp.walk("pod/default/client-node-a", "http://nginx-cluster-ip/", 2, 1).packets().get(0),
                cp.walk("client", "192.168.49.3:30080", 1, 2).packets().get(0),
                cp.walk("client", "http://" + SeedCluster.LB_HOST + "/", 1, 3).packets().get(0),
                cp.walk("node/node-b", "10.96.12.34:80", 1, 4).packets().get(0));
    }

    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void theProxierIsNamedByItsMechanismAndEbpfNeverAsKubeProxy(ProxyMode mode) {
        for (Walk.PacketWalk p : walks(seed(mode, new SeedCluster()))) {
            assertTrue(p.requestSummary().contains(" -> " + proxier(mode) + " ("), p.requestSummary());
            assertEquals(mode != ProxyMode.EBPF, p.requestSummary().contains("kube-proxy"), p.requestSummary());
            assertFalse(p.requestSummary().contains("Kube-proxy -> ClusterIP"), "no fixed string");
        }
    }

    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void eachTrafficTypeIsNamedWhereTheProxierMetIt(ProxyMode mode) {
        List<Walk.PacketWalk> w = walks(seed(mode, new SeedCluster()));
        assertTrue(w.get(0).requestSummary().startsWith("Pod default/client-node-a -> Cluster DNS (A) -> "
                + proxier(mode) + " (ClusterIP: "), w.get(0).requestSummary());
        assertTrue(w.get(1).requestSummary().startsWith("Client -> Node node-b (NodePort) -> " + proxier(mode)
                + " (NodePort: " + SeedJourneyTest.nat(w.get(1)) + ") -> "), w.get(1).requestSummary());
        assertTrue(w.get(2).requestSummary().matches("Client -> Public DNS \\(A\\) -> Cloud LB -> Node node-[ab] "
                + "\\(NodePort\\) -> .*"), w.get(2).requestSummary());
        assertTrue(w.get(3).requestSummary().startsWith("Node node-b -> " + proxier(mode) + " (ClusterIP: "),
                w.get(3).requestSummary());
        assertTrue(w.get(2).replySummary().matches(".* -> conntrack on node-[ab] \\(src 192\\.168\\.49\\.[23]:30443\\)"
                + " -> Cloud LB \\(src 198\\.18\\.0\\.10:80\\) -> Client"), w.get(2).replySummary());
    }

    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void theFastPathNamesConntrackInsteadOfTheProxier(ProxyMode mode) {
        Walk w = seed(mode, new SeedCluster()).walk("client", "192.168.49.2:30080", 2, 1);
        String second = w.packets().get(1).requestSummary();
        assertTrue(second.startsWith("Client -> Node node-a (NodePort) -> conntrack (established) -> "), second);
        assertFalse(second.contains(proxier(mode)), second);
    }

    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void aCrossNodeHopOverVxlanIsNamed(ProxyMode mode) {
        ClusterPath cp = new ClusterPath(new SeedCluster().endpointsOnlyOn("node-b").build(), mode::create,
                mode.cliName(), true, true, 1024);
        Walk.PacketWalk p = cp.walk("client", "192.168.49.2:30080", 1, 1).packets().get(0);
        assertEquals("Client -> Node node-a (NodePort) -> " + proxier(mode) + " (NodePort: DNAT+SNAT) -> "
                + "Node node-b (VXLAN) -> Pod default/pod-10-244-2-7", p.requestSummary());
        assertEquals("Pod default/pod-10-244-2-7 -> Node node-a (VXLAN) -> conntrack on node-a "
                + "(src 192.168.49.2:30080) -> Client", p.replySummary());
    }

    @ParameterizedTest
    @EnumSource(value = ProxyMode.class, names = {"IPTABLES", "NFTABLES", "EBPF"})
    void aDroppedPacketEndsWithTheVerdictAndTheOutcome(ProxyMode mode) {
        ClusterPath cp = seed(mode, new SeedCluster().externalLocal().endpointsOnlyOn("node-a"));
        Walk.PacketWalk p = cp.walk("client", "192.168.49.3:30080", 1, 1).packets().get(0);
        String verdict = mode == ProxyMode.EBPF ? "REJECT) -> REJECTED" : "DROP) -> DROPPED";
        assertEquals("Client -> Node node-b (NodePort) -> " + proxier(mode) + " (NodePort: " + verdict,
                p.requestSummary());
        assertEquals("", p.replySummary(), "no reply");
    }

    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void aNodePortThatIsNoServicesIsANodeIpNoRuleTakesAndTheNodeAnswers(ProxyMode mode) {
        Walk.PacketWalk p = seed(mode, new SeedCluster()).walk("client", "192.168.49.2:22", 1, 1).packets().get(0);
        assertEquals(JourneyResult.Outcome.NODE_REPLIED, p.outcome());
        assertEquals("Client -> Node node-a (node IP) -> " + proxier(mode) + " (node IP: no rule) -> Node node-a "
                + "(itself)", p.requestSummary());
        assertEquals("Node node-a -> Client", p.replySummary());
    }
}
