package io.kpbench.proxy.iptables;

import static io.kpbench.proxy.ModeTestCluster.FAKE_NODE;
import static io.kpbench.proxy.ModeTestCluster.ep;
import static io.kpbench.proxy.ModeTestCluster.iptablesFakeNode;
import static io.kpbench.proxy.ModeTestCluster.slice;
import static io.kpbench.proxy.ModeTestCluster.svc;
import static io.kpbench.proxy.PacketFlow.EXT;
import static io.kpbench.proxy.PacketFlow.NODE_IP;
import static io.kpbench.proxy.PacketFlow.POD;
import static io.kpbench.proxy.PacketFlow.flow;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.ServiceType;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.ModeTestCluster;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.PacketFlow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** kube-proxy's TestInternalExternalMasquerade: 30 flows under four detector / masquerade-all settings. */
class IptablesMasqueradeFlowTest {
    private static final String S1 = "10.180.0.1:80, 10.180.1.1:80";
    private static final String S2 = "10.180.0.2:80, 10.180.1.2:80";
    private static final String S3 = "10.180.0.3:80, 10.180.1.3:80";
    private static final String LH = "127.0.0.1";

    static ClusterSnapshot cluster() {
        return ModeTestCluster.cluster(List.of(
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

    static List<PacketFlow> base() {
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

    private static final Map<String, Boolean> NO_DETECTOR_MASQ = Map.of("node to ClusterIP", false,
            "node to ClusterIP with eTP:Local", false, "node to ClusterIP with iTP:Local", false,
            "external to ClusterIP", false, "external to ClusterIP with eTP:Local", false,
            "external to ClusterIP with iTP:Local", false);
    private static final Map<String, String> NO_DETECTOR_OUTPUT = Map.of("pod to NodePort with eTP:Local",
            "10.180.0.2:80", "pod to LB with eTP:Local", "10.180.0.2:80");
    private static final Map<String, Boolean> MASQ_ALL = Map.of("pod to ClusterIP", true,
            "pod to ClusterIP with eTP:Local", true, "pod to ClusterIP with iTP:Local", true);

    static List<PacketFlow> with(Map<String, Boolean> masq, Map<String, String> output) {
        List<PacketFlow> out = new ArrayList<>();
        for (PacketFlow f : base()) {
            PacketFlow g = masq.containsKey(f.name()) ? f.withMasq(masq.get(f.name())) : f;
            out.add(output.containsKey(f.name()) ? g.withOutput(output.get(f.name())) : g);
        }
        return out;
    }

    static IptablesDataPlane proxier(boolean masqueradeAll, boolean detector) {
        NodeConfig n = iptablesFakeNode().withMasqueradeAll(masqueradeAll);
        if (!detector) {
            n = n.withClusterCIDRs(List.of());
        }
        IptablesDataPlane p = new IptablesDataPlane(n, IpFamily.IPv4);
        p.sync(cluster());
        return p;
    }

    @TestFactory
    Stream<DynamicTest> baseMasqueradingFollowsTrafficPolicies() {
        return Flows.tests("base", proxier(false, true), base());
    }

    @TestFactory
    Stream<DynamicTest> withoutLocalDetectorClusterIPTrafficIsNeverMasqueradedAndPodsGetNoShortCircuit() {
        return Flows.tests("no LocalTrafficDetector", proxier(false, false), with(NO_DETECTOR_MASQ, NO_DETECTOR_OUTPUT));
    }

    @TestFactory
    Stream<DynamicTest> masqueradeAllMasqueradesPodTrafficToClusterIPs() {
        return Flows.tests("masqueradeAll", proxier(true, true), with(MASQ_ALL, Map.of()));
    }

    @TestFactory
    Stream<DynamicTest> masqueradeAllWithoutDetectorCombinesBoth() {
        return Flows.tests("masqueradeAll, no LocalTrafficDetector", proxier(true, false),
                with(MASQ_ALL, NO_DETECTOR_OUTPUT));
    }
}
