package io.kpbench.proxy;

import static io.kpbench.proxy.ModeTestCluster.FAKE_NODE;
import static io.kpbench.proxy.ModeTestCluster.cluster;
import static io.kpbench.proxy.ModeTestCluster.ep;
import static io.kpbench.proxy.ModeTestCluster.slice;
import static io.kpbench.proxy.ModeTestCluster.svc;
import static io.kpbench.proxy.PacketFlow.BLOCKED;
import static io.kpbench.proxy.PacketFlow.EXT;
import static io.kpbench.proxy.PacketFlow.NODE_IP;
import static io.kpbench.proxy.PacketFlow.POD;
import static io.kpbench.proxy.PacketFlow.flow;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.ServiceType;
import io.kpbench.proxy.ModeTestCluster.TestService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code packetFlowTest} tables that kube-proxy's iptables and nftables proxier tests both run
 * ({@code pkg/proxy/iptables/proxier_test.go}, {@code pkg/proxy/nftables/proxier_test.go}), each with the cluster
 * it runs on, written once for both modes' flow runners.
 */
public final class KubeProxyFlowTables {
    private static final String S1 = "10.180.0.1:80, 10.180.1.1:80";
    private static final String S2 = "10.180.0.2:80, 10.180.1.2:80";
    private static final String S3 = "10.180.0.3:80, 10.180.1.3:80";
    private static final String LH = "127.0.0.1";
    private static final String BOTH = "10.180.0.1:80, 10.180.2.1:80";
    private static final String LOCAL = "10.180.2.1:80";

    private KubeProxyFlowTables() {
    }

    /**
     * A kube-proxy test table: the flows of {@code scenario} on {@code cluster}.
     *
     * @param scenario kube-proxy's test function
     * @param cluster the cluster the flows run on
     * @param flows the flows
     */
    public record FlowTable(String scenario, ClusterSnapshot cluster, List<PacketFlow> flows) {
    }

    /** {@code TestLoadBalancer}: source ranges filter only load-balancer traffic and allow the node and its VIPs. */
    public static FlowTable loadBalancer() {
        ClusterSnapshot c = cluster(List.of(svc("ns1", "svc1").type(ServiceType.LoadBalancer)
                .clusterIP("172.30.0.41").tcp("p80", 80, 3001).lb("1.2.3.4", "5.6.7.8")
                .sourceRanges("192.168.0.0/24", " 203.0.113.0/25").build()),
                List.of(slice("ns1", "svc1", 1, "p80", 80, ep("10.180.0.1"))));
        String ep = "10.180.0.1:80";
        return new FlowTable("TestLoadBalancer", c, List.of(
                flow("pod to cluster IP", POD, "172.30.0.41", 80, ep, false),
                flow("external to nodePort", EXT, NODE_IP, 3001, ep, true),
                flow("nodePort bypasses LoadBalancerSourceRanges", BLOCKED, NODE_IP, 3001, ep, true),
                flow("accepted external to LB1", EXT, "1.2.3.4", 80, ep, true),
                flow("accepted external to LB2", EXT, "5.6.7.8", 80, ep, true),
                flow("blocked external to LB1", BLOCKED, "1.2.3.4", 80, "DROP", false),
                flow("blocked external to LB2", BLOCKED, "5.6.7.8", 80, "DROP", false),
                flow("pod to LB1 (blocked by LoadBalancerSourceRanges)", POD, "1.2.3.4", 80, "DROP", false),
                flow("pod to LB2 (blocked by LoadBalancerSourceRanges)", POD, "5.6.7.8", 80, "DROP", false),
                flow("node to LB1 (allowed by LoadBalancerSourceRanges)", NODE_IP, "1.2.3.4", 80, ep, true),
                flow("node to LB2 (allowed by LoadBalancerSourceRanges)", NODE_IP, "5.6.7.8", 80, ep, true),
                flow("same node to LB1, SNATted to LB1 (implicitly allowed)", "1.2.3.4", "1.2.3.4", 80, ep, true),
                flow("same node to LB2, SNATted to LB2 (implicitly allowed)", "5.6.7.8", "5.6.7.8", 80, ep, true)));
    }

    /** The load balancer of the two external-traffic-policy tests, with one remote and one local endpoint. */
    private static ClusterSnapshot externalPolicyCluster(boolean local) {
        TestService s = svc("ns1", "svc1").type(ServiceType.LoadBalancer).clusterIP("172.30.0.41")
                .externalIPs("192.168.99.11").tcp("p80", 80, 3001).lb("1.2.3.4");
        return cluster(List.of((local ? s.externalLocal().healthCheckNodePort(30000) : s).build()),
                List.of(slice("ns1", "svc1", 1, "p80", 80, ep("10.180.0.1"), ep("10.180.2.1", FAKE_NODE))));
    }

    /** {@code TestExternalTrafficPolicyLocal}: external sources keep their IP and reach only the local endpoint. */
    public static FlowTable externalTrafficPolicyLocal() {
        return new FlowTable("TestExternalTrafficPolicyLocal", externalPolicyCluster(true), List.of(
                flow("pod to cluster IP hits both endpoints, unmasqueraded", POD, "172.30.0.41", 80, BOTH, false),
                flow("pod to external IP hits both endpoints, unmasqueraded", POD, "192.168.99.11", 80, BOTH, false),
                flow("external to external IP hits only local endpoint, unmasqueraded", EXT, "192.168.99.11", 80,
                        LOCAL, false),
                flow("pod to LB IP hits only both endpoints, unmasqueraded", POD, "1.2.3.4", 80, BOTH, false),
                flow("external to LB IP hits only local endpoint, unmasqueraded", EXT, "1.2.3.4", 80, LOCAL, false),
                flow("pod to NodePort hits both endpoints, unmasqueraded", POD, NODE_IP, 3001, BOTH, false),
                flow("external to NodePort hits only local endpoint, unmasqueraded", EXT, NODE_IP, 3001, LOCAL,
                        false)));
    }

    /** {@code TestExternalTrafficPolicyCluster}: every external destination is masqueraded. */
    public static FlowTable externalTrafficPolicyCluster() {
        return new FlowTable("TestExternalTrafficPolicyCluster", externalPolicyCluster(false), List.of(
                flow("pod to cluster IP hits both endpoints, unmasqueraded", POD, "172.30.0.41", 80, BOTH, false),
                flow("pod to external IP hits both endpoints, masqueraded", POD, "192.168.99.11", 80, BOTH, true),
                flow("external to external IP hits both endpoints, masqueraded", EXT, "192.168.99.11", 80, BOTH,
                        true),
                flow("pod to LB IP hits both endpoints, masqueraded", POD, "1.2.3.4", 80, BOTH, true),
                flow("external to LB IP hits both endpoints, masqueraded", EXT, "1.2.3.4", 80, BOTH, true),
                flow("pod to NodePort hits both endpoints, masqueraded", POD, NODE_IP, 3001, BOTH, true),
                flow("external to NodePort hits both endpoints, masqueraded", EXT, NODE_IP, 3001, BOTH, true)));
    }

    /** {@code TestInternalExternalMasquerade}'s cluster: load balancers with Cluster, eTP Local and iTP Local. */
    public static ClusterSnapshot internalExternalMasqueradeCluster() {
        return cluster(List.of(
                svc("ns1", "svc1").type(ServiceType.LoadBalancer).clusterIP("172.30.0.41").tcp("p80", 80, 3001)
                        .healthCheckNodePort(30001).lb("1.2.3.4").build(),
                svc("ns2", "svc2").type(ServiceType.LoadBalancer).clusterIP("172.30.0.42").tcp("p80", 80, 3002)
                        .healthCheckNodePort(30002).externalLocal().lb("5.6.7.8").build(),
                svc("ns3", "svc3").type(ServiceType.LoadBalancer).clusterIP("172.30.0.43").tcp("p80", 80, 3003)
                        .healthCheckNodePort(30003).internalLocal().lb("9.10.11.12").build()),
                List.of(slice("ns1", "svc1", 1, "p80", 80, ep("10.180.0.1", FAKE_NODE), ep("10.180.1.1", "remote")),
                        slice("ns2", "svc2", 1, "p80", 80, ep("10.180.0.2", FAKE_NODE), ep("10.180.1.2", "remote")),
                        slice("ns3", "svc3", 1, "p80", 80, ep("10.180.0.3", FAKE_NODE),
                                ep("10.180.1.3", "remote"))));
    }

    /** The flows that go unmasqueraded without a local-traffic detector. */
    private static final Set<String> NO_DETECTOR_UNMASQUERADED = Set.of("node to ClusterIP",
            "node to ClusterIP with eTP:Local", "node to ClusterIP with iTP:Local", "external to ClusterIP",
            "external to ClusterIP with eTP:Local", "external to ClusterIP with iTP:Local");
    /** The flows that reach only the local endpoint without a local-traffic detector (no pod short-circuit). */
    private static final Set<String> NO_DETECTOR_LOCAL_ONLY = Set.of("pod to NodePort with eTP:Local",
            "pod to LB with eTP:Local");

    /**
     * {@code TestInternalExternalMasquerade}'s flows under one of its four settings: masquerade-all on or off, a
     * local-traffic detector or none. {@code localhostNodePorts} adds the flows to {@code 127.0.0.1} node ports,
     * which the iptables mode has and the nftables mode does not.
     */
    public static List<PacketFlow> internalExternalMasqueradeFlows(boolean masqueradeAll, boolean detector,
            boolean localhostNodePorts) {
        List<PacketFlow> out = new ArrayList<>();
        for (PacketFlow f : internalExternalMasqueradeBase()) {
            if (!localhostNodePorts && f.src().equals(LH)) {
                continue;
            }
            String output = f.output();
            boolean masq = f.masq();
            if (!detector && NO_DETECTOR_UNMASQUERADED.contains(f.name())) {
                masq = false;
            }
            if (!detector && NO_DETECTOR_LOCAL_ONLY.contains(f.name())) {
                output = "10.180.0.2:80";
            }
            if (masqueradeAll && f.name().contains(" to ClusterIP")) {
                masq = true;
            }
            out.add(f.expecting(output, masq));
        }
        return out;
    }

    private static List<PacketFlow> internalExternalMasqueradeBase() {
        return List.of(
                flow("pod to ClusterIP", POD, "172.30.0.41", 80, S1, false),
                flow("pod to NodePort", POD, NODE_IP, 3001, S1, true),
                flow("pod to LB", POD, "1.2.3.4", 80, S1, true),
                flow("node to ClusterIP", NODE_IP, "172.30.0.41", 80, S1, true),
                flow("node to NodePort", NODE_IP, NODE_IP, 3001, S1, true),
                flow("localhost to NodePort", LH, LH, 3001, S1, true),
                flow("node to LB", NODE_IP, "1.2.3.4", 80, S1, true),
                flow("external to ClusterIP", EXT, "172.30.0.41", 80, S1, true),
                flow("external to NodePort", EXT, NODE_IP, 3001, S1, true),
                flow("external to LB", EXT, "1.2.3.4", 80, S1, true),
                flow("pod to ClusterIP with eTP:Local", POD, "172.30.0.42", 80, S2, false),
                flow("pod to NodePort with eTP:Local", POD, NODE_IP, 3002, S2, false),
                flow("pod to LB with eTP:Local", POD, "5.6.7.8", 80, S2, false),
                flow("node to ClusterIP with eTP:Local", NODE_IP, "172.30.0.42", 80, S2, true),
                flow("node to NodePort with eTP:Local", NODE_IP, NODE_IP, 3001, S1, true),
                flow("localhost to NodePort with eTP:Local", LH, LH, 3002, S2, true),
                flow("node to LB with eTP:Local", NODE_IP, "5.6.7.8", 80, S2, true),
                flow("external to ClusterIP with eTP:Local", EXT, "172.30.0.42", 80, S2, true),
                flow("external to NodePort with eTP:Local", EXT, NODE_IP, 3002, "10.180.0.2:80", false),
                flow("external to LB with eTP:Local", EXT, "5.6.7.8", 80, "10.180.0.2:80", false),
                flow("pod to ClusterIP with iTP:Local", POD, "172.30.0.43", 80, "10.180.0.3:80", false),
                flow("pod to NodePort with iTP:Local", POD, NODE_IP, 3003, S3, true),
                flow("pod to LB with iTP:Local", POD, "9.10.11.12", 80, S3, true),
                flow("node to ClusterIP with iTP:Local", NODE_IP, "172.30.0.43", 80, "10.180.0.3:80", true),
                flow("node to NodePort with iTP:Local", NODE_IP, NODE_IP, 3003, S3, true),
                flow("localhost to NodePort with iTP:Local", LH, LH, 3003, S3, true),
                flow("node to LB with iTP:Local", NODE_IP, "9.10.11.12", 80, S3, true),
                flow("external to ClusterIP with iTP:Local", EXT, "172.30.0.43", 80, "10.180.0.3:80", true),
                flow("external to NodePort with iTP:Local", EXT, NODE_IP, 3003, S3, true),
                flow("external to LB with iTP:Local", EXT, "9.10.11.12", 80, S3, true));
    }
}
