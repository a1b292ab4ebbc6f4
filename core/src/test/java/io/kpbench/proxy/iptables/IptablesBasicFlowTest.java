package io.kpbench.proxy.iptables;

import static io.kpbench.proxy.ModeTestCluster.FAKE_NODE;
import static io.kpbench.proxy.ModeTestCluster.cluster;
import static io.kpbench.proxy.ModeTestCluster.ep;
import static io.kpbench.proxy.ModeTestCluster.iptablesFakeNode;
import static io.kpbench.proxy.ModeTestCluster.kubeProxyOverall;
import static io.kpbench.proxy.ModeTestCluster.slice;
import static io.kpbench.proxy.ModeTestCluster.svc;
import static io.kpbench.proxy.PacketFlow.BLOCKED;
import static io.kpbench.proxy.PacketFlow.EXT;
import static io.kpbench.proxy.PacketFlow.NODE_IP;
import static io.kpbench.proxy.PacketFlow.POD;
import static io.kpbench.proxy.PacketFlow.flow;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.EndpointPort;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.ObjectRef;
import io.kpbench.cluster.ServiceType;
import io.kpbench.net.IpFamily;
import io.kpbench.net.Protocol;
import io.kpbench.proxy.KubeProxyFlowTables;
import io.kpbench.proxy.KubeProxyFlowTables.FlowTable;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Packet flows of kube-proxy's TestTracePacket, TestNoEndpointsReject, TestClusterIPGeneral, TestLoadBalancer. */
class IptablesBasicFlowTest {

    static IptablesDataPlane synced(ClusterSnapshot c) {
        IptablesDataPlane p = new IptablesDataPlane(iptablesFakeNode(), IpFamily.IPv4);
        p.sync(c);
        return p;
    }

    @TestFactory
    Stream<DynamicTest> tracePacketFlowsOverTheOverallRuleset() {
        return Flows.tests("TestTracePacket", synced(kubeProxyOverall()), List.of(
                flow("no match", POD, "10.0.0.3", 80, "", false),
                flow("single endpoint", POD, "172.30.0.41", 80, "10.180.0.1:80", false),
                flow("multiple endpoints", POD, "172.30.0.44", 80, "10.180.0.4:80, 10.180.0.5:80", false),
                flow("LOCAL, KUBE-MARK-MASQ", NODE_IP, "192.168.99.22", 80, "10.180.0.2:80", true),
                flow("DROP", EXT, "192.168.99.22", 80, "DROP", false),
                flow("ACCEPT (NodePortHealthCheck)", NODE_IP, NODE_IP, 30000, "ACCEPT", false),
                flow("REJECT", POD, "172.30.0.46", 80, "REJECT", false),
                flow("(extra) blocked client to a source-ranged LB is dropped", BLOCKED, "5.6.7.8", 80, "DROP", false),
                flow("(extra) allowed client to an affinity LB reaches its endpoint once", EXT, "5.6.7.8", 80,
                        "10.180.0.3:80", true),
                flow("(extra) externalIP-only service masquerades", EXT, "192.168.99.33", 80,
                        "10.180.0.4:80, 10.180.0.5:80", true)));
    }

    @TestFactory
    Stream<DynamicTest> serviceWithoutEndpointsRejectsEveryAddress() {
        ClusterSnapshot c = cluster(List.of(svc("ns1", "svc1").type(ServiceType.LoadBalancer)
                .clusterIP("172.30.0.41").externalIPs("192.168.99.11").tcp("p80", 80, 3001).lb("1.2.3.4").build()),
                List.of());
        return Flows.tests("TestNoEndpointsReject", synced(c), List.of(
                flow("pod to cluster IP with no endpoints", POD, "172.30.0.41", 80, "REJECT", false),
                flow("external to external IP with no endpoints", EXT, "192.168.99.11", 80, "REJECT", false),
                flow("pod to NodePort with no endpoints", POD, NODE_IP, 3001, "REJECT", false),
                flow("external to NodePort with no endpoints", EXT, NODE_IP, 3001, "REJECT", false),
                flow("pod to LoadBalancer IP with no endpoints", POD, "1.2.3.4", 80, "REJECT", false),
                flow("external to LoadBalancer IP with no endpoints", EXT, "1.2.3.4", 80, "REJECT", false)));
    }

    @TestFactory
    Stream<DynamicTest> clusterIPGeneralFlows() {
        ClusterSnapshot c = cluster(List.of(
                svc("ns1", "svc1").clusterIP("172.30.0.41").tcp("http", 80, 0).build(),
                svc("ns2", "svc2").clusterIP("172.30.0.42").tcp("http", 80, 0)
                        .port("https", Protocol.TCP, 443, 0, 8443)
                        .port("dns-udp", Protocol.UDP, 53, 0, 53)
                        .port("dns-tcp", Protocol.TCP, 53, 0, 5353)
                        .port("dns-sctp", Protocol.SCTP, 53, 0, 53).build()),
                List.of(slice("ns1", "svc1", 1, "http", 80, ep("10.180.0.1", FAKE_NODE)),
                        new EndpointSlice(ObjectRef.of("ns2", "svc2-1"), "svc2", IpFamily.IPv4, List.of(
                                new EndpointPort("http", Protocol.TCP, 80),
                                new EndpointPort("https", Protocol.TCP, 8443),
                                new EndpointPort("dns-udp", Protocol.UDP, 53),
                                new EndpointPort("dns-tcp", Protocol.TCP, 5353),
                                new EndpointPort("dns-sctp", Protocol.SCTP, 53)),
                                List.of(ep("10.180.0.1", FAKE_NODE), ep("10.180.2.1", "node2")))));
        String src = "10.180.0.2";
        return Flows.tests("TestClusterIPGeneral", synced(c), List.of(
                flow("simple clusterIP", src, "172.30.0.41", 80, "10.180.0.1:80", false),
                flow("hairpin to cluster IP", "10.180.0.1", "172.30.0.41", 80, "10.180.0.1:80", true),
                flow("clusterIP with multiple endpoints", src, "172.30.0.42", 80, "10.180.0.1:80, 10.180.2.1:80",
                        false),
                flow("clusterIP with TargetPort", src, "172.30.0.42", 443, "10.180.0.1:8443, 10.180.2.1:8443",
                        false),
                flow("same port (TCP)", src, Protocol.TCP, "172.30.0.42", 53, "10.180.0.1:5353, 10.180.2.1:5353",
                        false),
                flow("same port (UDP)", src, Protocol.UDP, "172.30.0.42", 53, "10.180.0.1:53, 10.180.2.1:53", false),
                flow("same port (SCTP)", src, Protocol.SCTP, "172.30.0.42", 53, "10.180.0.1:53, 10.180.2.1:53",
                        false),
                flow("TCP-only port does not match UDP traffic", src, Protocol.UDP, "172.30.0.42", 80, "", false),
                flow("svc1 does not accept svc2's ports", src, "172.30.0.41", 443, "", false)));
    }

    @TestFactory
    Stream<DynamicTest> loadBalancerSourceRangesFilterOnlyLoadBalancerIPs() {
        FlowTable t = KubeProxyFlowTables.loadBalancer();
        return Flows.tests(t.scenario(), synced(t.cluster()), t.flows());
    }
}
