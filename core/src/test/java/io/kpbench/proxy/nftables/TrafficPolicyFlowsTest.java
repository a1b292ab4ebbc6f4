package io.kpbench.proxy.nftables;

import static io.kpbench.proxy.KubeProxyFlowTables.internalExternalMasqueradeCluster;
import static io.kpbench.proxy.KubeProxyFlowTables.internalExternalMasqueradeFlows;
import static io.kpbench.proxy.ModeTestCluster.cluster;
import static io.kpbench.proxy.ModeTestCluster.nftablesFakeNode;
import static io.kpbench.proxy.ModeTestCluster.slice;
import static io.kpbench.proxy.ModeTestCluster.svc;
import static io.kpbench.proxy.ModeTestCluster.synced;
import static io.kpbench.proxy.PacketFlow.EXT;
import static io.kpbench.proxy.PacketFlow.NODE_IP;
import static io.kpbench.proxy.PacketFlow.flow;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.ServiceType;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.KubeProxyFlowTables;
import io.kpbench.proxy.KubeProxyFlowTables.FlowTable;
import io.kpbench.proxy.NodeConfig;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Flows of kube-proxy's TestExternalTrafficPolicyLocal, TestExternalTrafficPolicyCluster and
 * TestInternalExternalMasquerade (four variants: base, no local detector, masqueradeAll, both).
 */
class TrafficPolicyFlowsTest {

    private static void check(FlowTable t) {
        PacketFlows.check(synced(new NftablesDataPlane(nftablesFakeNode(), IpFamily.IPv4), t.cluster()), t.flows());
    }

    @Test
    void externalLocalPolicyKeepsClientIpAndUsesOnlyLocalEndpointsForExternalSources() {
        check(KubeProxyFlowTables.externalTrafficPolicyLocal());
    }

    @Test
    void externalClusterPolicyMasqueradesEveryExternalDestination() {
        check(KubeProxyFlowTables.externalTrafficPolicyCluster());
    }

    @Test
    void localPoliciesWithoutLocalEndpointsDropButShortCircuitsStillWork() {
        ClusterSnapshot c = cluster(List.of(
                svc("ns1", "svc1").clusterIP("172.30.1.1").tcp("", 80, 0).internalLocal().build(),
                svc("ns2", "svc2").type(ServiceType.LoadBalancer).clusterIP("172.30.1.2").tcp("", 80, 0).externalLocal()
                        .lb("1.2.3.4").build()),
                List.of(slice("ns1", "svc1", 1).tcp("", 80).ep("10.0.1.1", "remote").build(),
                        slice("ns2", "svc2", 1).tcp("", 80).ep("10.0.1.5", "node-1", false, true, true).build()));
        PacketFlows.check(synced(new NftablesDataPlane(nftablesFakeNode(), IpFamily.IPv4), c), List.of(
                flow("iTP:Local cluster IP with only remote endpoints drops", "10.0.0.2", "172.30.1.1", 80, "DROP",
                        false),
                flow("pod to clusterIP uses the remote serving-terminating endpoint", "10.0.0.2", "172.30.1.2", 80,
                        "10.0.1.5:80", false),
                flow("external to LB, no locally-usable endpoints", EXT, "1.2.3.4", 80, "DROP", false),
                flow("pod to LB short-circuits to the remote endpoint", "10.0.0.2", "1.2.3.4", 80, "10.0.1.5:80",
                        false),
                flow("node to LB short-circuits, masqueraded", NODE_IP, "1.2.3.4", 80, "10.0.1.5:80", true)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"base,false,true", "no LocalTrafficDetector,false,false", "masqueradeAll,true,true",
        "'masqueradeAll, no LocalTrafficDetector',true,false"})
    void masqueradeFollowsPolicyDetectorAndMasqueradeAll(String name, boolean masqueradeAll, boolean detector) {
        NodeConfig node = nftablesFakeNode().withMasqueradeAll(masqueradeAll);
        if (!detector) {
            node = node.withClusterCIDRs(List.of());
        }
        PacketFlows.check(synced(new NftablesDataPlane(node, IpFamily.IPv4), internalExternalMasqueradeCluster()),
                internalExternalMasqueradeFlows(masqueradeAll, detector, false));
    }
}
