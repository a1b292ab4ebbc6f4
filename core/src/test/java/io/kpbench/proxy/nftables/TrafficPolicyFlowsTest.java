package io.kpbench.proxy.nftables;

import static io.kpbench.proxy.ModeTestCluster.FAKE_NODE;
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
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.PacketFlow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Flows of kube-proxy's TestExternalTrafficPolicyLocal, TestExternalTrafficPolicyCluster and
 * TestInternalExternalMasquerade (four variants: base, no local detector, masqueradeAll, both).
 */
class TrafficPolicyFlowsTest {

    private static ClusterSnapshot oneLb(boolean local) {
        var s = svc("ns1", "svc1").type(ServiceType.LoadBalancer).clusterIP("172.30.0.41")
                .externalIPs("192.168.99.11").tcp("p80", 80, 3001).lb("1.2.3.4").healthCheckNodePort(30000);
        return cluster(List.of((local ? s.externalLocal() : s).build()),
                List.of(slice("ns1", "svc1", 1).ep("10.180.0.1", null).ep("10.180.2.1", FAKE_NODE).tcp("p80", 80)
                        .build()));
    }

    @Test
    void externalLocalPolicyKeepsClientIpAndUsesOnlyLocalEndpointsForExternalSources() {
        String both = "10.180.0.1:80, 10.180.2.1:80";
        PacketFlows.check(synced(new NftablesDataPlane(nftablesFakeNode(), IpFamily.IPv4), oneLb(true)), List.of(
                flow("pod to cluster IP hits both endpoints, unmasqueraded", "10.0.0.2", "172.30.0.41", 80, both,
                        false),
                flow("pod to external IP hits both endpoints, unmasqueraded", "10.0.0.2", "192.168.99.11", 80, both,
                        false),
                flow("external to external IP hits only local endpoint, unmasqueraded", EXT,
                        "192.168.99.11", 80, "10.180.2.1:80", false),
                flow("pod to LB IP hits only both endpoints, unmasqueraded", "10.0.0.2", "1.2.3.4", 80, both, false),
                flow("external to LB IP hits only local endpoint, unmasqueraded", EXT, "1.2.3.4", 80,
                        "10.180.2.1:80", false),
                flow("pod to NodePort hits both endpoints, unmasqueraded", "10.0.0.2", NODE_IP, 3001, both, false),
                flow("external to NodePort hits only local endpoint, unmasqueraded", EXT, NODE_IP, 3001,
                        "10.180.2.1:80", false)));
    }

    @Test
    void externalClusterPolicyMasqueradesEveryExternalDestination() {
        String both = "10.180.0.1:80, 10.180.2.1:80";
        PacketFlows.check(synced(new NftablesDataPlane(nftablesFakeNode(), IpFamily.IPv4), oneLb(false)), List.of(
                flow("pod to cluster IP hits both endpoints, unmasqueraded", "10.0.0.2", "172.30.0.41", 80, both,
                        false),
                flow("pod to external IP hits both endpoints, masqueraded", "10.0.0.2", "192.168.99.11", 80, both,
                        true),
                flow("external to external IP hits both endpoints, masqueraded", EXT, "192.168.99.11",
                        80, both, true),
                flow("pod to LB IP hits both endpoints, masqueraded", "10.0.0.2", "1.2.3.4", 80, both, true),
                flow("external to LB IP hits both endpoints, masqueraded", EXT, "1.2.3.4", 80, both,
                        true),
                flow("pod to NodePort hits both endpoints, masqueraded", "10.0.0.2", NODE_IP, 3001, both, true),
                flow("external to NodePort hits both endpoints, masqueraded", EXT, NODE_IP, 3001, both,
                        true)));
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

    private static ClusterSnapshot masqueradeInput() {
        return cluster(List.of(
                svc("ns1", "svc1").type(ServiceType.LoadBalancer).clusterIP("172.30.0.41").tcp("p80", 80, 3001)
                        .healthCheckNodePort(30001).lb("1.2.3.4").build(),
                svc("ns2", "svc2").type(ServiceType.LoadBalancer).clusterIP("172.30.0.42").tcp("p80", 80, 3002)
                        .healthCheckNodePort(30002).externalLocal().lb("5.6.7.8").build(),
                svc("ns3", "svc3").type(ServiceType.LoadBalancer).clusterIP("172.30.0.43").tcp("p80", 80, 3003)
                        .healthCheckNodePort(30003).internalLocal().lb("9.10.11.12").build()),
                List.of(slice("ns1", "svc1", 1).ep("10.180.0.1", FAKE_NODE).ep("10.180.1.1", "remote").tcp("p80", 80)
                                .build(),
                        slice("ns2", "svc2", 1).ep("10.180.0.2", FAKE_NODE).ep("10.180.1.2", "remote").tcp("p80", 80)
                                .build(),
                        slice("ns3", "svc3", 1).ep("10.180.0.3", FAKE_NODE).ep("10.180.1.3", "remote").tcp("p80", 80)
                                .build()));
    }

    private static final List<PacketFlow> MASQ_FLOWS = List.of(
            flow("pod to ClusterIP", "10.0.0.2", "172.30.0.41", 80, "10.180.0.1:80, 10.180.1.1:80", false),
            flow("pod to NodePort", "10.0.0.2", NODE_IP, 3001, "10.180.0.1:80, 10.180.1.1:80", true),
            flow("pod to LB", "10.0.0.2", "1.2.3.4", 80, "10.180.0.1:80, 10.180.1.1:80", true),
            flow("node to ClusterIP", NODE_IP, "172.30.0.41", 80, "10.180.0.1:80, 10.180.1.1:80", true),
            flow("node to NodePort", NODE_IP, NODE_IP, 3001, "10.180.0.1:80, 10.180.1.1:80", true),
            flow("node to LB", NODE_IP, "1.2.3.4", 80, "10.180.0.1:80, 10.180.1.1:80", true),
            flow("external to ClusterIP", EXT, "172.30.0.41", 80, "10.180.0.1:80, 10.180.1.1:80", true),
            flow("external to NodePort", EXT, NODE_IP, 3001, "10.180.0.1:80, 10.180.1.1:80", true),
            flow("external to LB", EXT, "1.2.3.4", 80, "10.180.0.1:80, 10.180.1.1:80", true),
            flow("pod to ClusterIP with eTP:Local", "10.0.0.2", "172.30.0.42", 80, "10.180.0.2:80, 10.180.1.2:80",
                    false),
            flow("pod to NodePort with eTP:Local", "10.0.0.2", NODE_IP, 3002, "10.180.0.2:80, 10.180.1.2:80", false),
            flow("pod to LB with eTP:Local", "10.0.0.2", "5.6.7.8", 80, "10.180.0.2:80, 10.180.1.2:80", false),
            flow("node to ClusterIP with eTP:Local", NODE_IP, "172.30.0.42", 80, "10.180.0.2:80, 10.180.1.2:80",
                    true),
            flow("node to NodePort with eTP:Local", NODE_IP, NODE_IP, 3001, "10.180.0.1:80, 10.180.1.1:80", true),
            flow("node to LB with eTP:Local", NODE_IP, "5.6.7.8", 80, "10.180.0.2:80, 10.180.1.2:80", true),
            flow("external to ClusterIP with eTP:Local", EXT, "172.30.0.42", 80,
                    "10.180.0.2:80, 10.180.1.2:80", true),
            flow("external to NodePort with eTP:Local", EXT, NODE_IP, 3002, "10.180.0.2:80", false),
            flow("external to LB with eTP:Local", EXT, "5.6.7.8", 80, "10.180.0.2:80", false),
            flow("pod to ClusterIP with iTP:Local", "10.0.0.2", "172.30.0.43", 80, "10.180.0.3:80", false),
            flow("pod to NodePort with iTP:Local", "10.0.0.2", NODE_IP, 3003, "10.180.0.3:80, 10.180.1.3:80", true),
            flow("pod to LB with iTP:Local", "10.0.0.2", "9.10.11.12", 80, "10.180.0.3:80, 10.180.1.3:80", true),
            flow("node to ClusterIP with iTP:Local", NODE_IP, "172.30.0.43", 80, "10.180.0.3:80", true),
            flow("node to NodePort with iTP:Local", NODE_IP, NODE_IP, 3003, "10.180.0.3:80, 10.180.1.3:80", true),
            flow("node to LB with iTP:Local", NODE_IP, "9.10.11.12", 80, "10.180.0.3:80, 10.180.1.3:80", true),
            flow("external to ClusterIP with iTP:Local", EXT, "172.30.0.43", 80, "10.180.0.3:80", true),
            flow("external to NodePort with iTP:Local", EXT, NODE_IP, 3003,
                    "10.180.0.3:80, 10.180.1.3:80", true),
            flow("external to LB with iTP:Local", EXT, "9.10.11.12", 80, "10.180.0.3:80, 10.180.1.3:80",
                    true));

    @ParameterizedTest(name = "{0}")
    @CsvSource({"base,false,true", "no LocalTrafficDetector,false,false", "masqueradeAll,true,true",
        "'masqueradeAll, no LocalTrafficDetector',true,false"})
    void masqueradeFollowsPolicyDetectorAndMasqueradeAll(String name, boolean masqueradeAll, boolean detector) {
        Map<String, Boolean> masqOverride = new java.util.HashMap<>();
        Map<String, String> outOverride = new java.util.HashMap<>();
        if (!detector) {
            for (String f : List.of("node to ClusterIP", "node to ClusterIP with eTP:Local",
                    "node to ClusterIP with iTP:Local", "external to ClusterIP", "external to ClusterIP with eTP:Local",
                    "external to ClusterIP with iTP:Local")) {
                masqOverride.put(f, false);
            }
            outOverride.put("pod to NodePort with eTP:Local", "10.180.0.2:80");
            outOverride.put("pod to LB with eTP:Local", "10.180.0.2:80");
        }
        if (masqueradeAll) {
            for (String f : List.of("pod to ClusterIP", "pod to ClusterIP with eTP:Local",
                    "pod to ClusterIP with iTP:Local", "node to ClusterIP", "node to ClusterIP with eTP:Local",
                    "node to ClusterIP with iTP:Local", "external to ClusterIP",
                    "external to ClusterIP with eTP:Local", "external to ClusterIP with iTP:Local")) {
                masqOverride.put(f, true);
            }
        }
        List<PacketFlow> flows = new ArrayList<>();
        for (PacketFlow f : MASQ_FLOWS) {
            PacketFlow g = f;
            if (masqOverride.containsKey(f.name())) {
                g = g.withMasq(masqOverride.get(f.name()));
            }
            if (outOverride.containsKey(f.name())) {
                g = g.withOutput(outOverride.get(f.name()));
            }
            flows.add(g);
        }
        NodeConfig node = nftablesFakeNode().withMasqueradeAll(masqueradeAll);
        if (!detector) {
            node = node.withClusterCIDRs(List.of());
        }
        PacketFlows.check(synced(new NftablesDataPlane(node, IpFamily.IPv4), masqueradeInput()), flows);
    }
}
