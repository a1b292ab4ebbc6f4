package io.kpbench.proxy.nftables;

import static io.kpbench.proxy.ModeTestCluster.FAKE_NODE;
import static io.kpbench.proxy.ModeTestCluster.cluster;
import static io.kpbench.proxy.ModeTestCluster.kubeProxyOverall;
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
import io.kpbench.net.Protocol;
import io.kpbench.proxy.PacketFlow;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Flows of kube-proxy's TestClusterIPGeneral and TestNoEndpointsReject (pkg/proxy/nftables/proxier_test.go). */
class ClusterIpFlowsTest {

    @Test
    void clusterIpsDispatchByAddressProtocolAndPortAndRejectOrDropTheRest() {
        ClusterSnapshot c = cluster(List.of(
                svc("ns1", "svc1").clusterIP("172.30.0.41").tcp("http", 80, 0).build(),
                svc("ns2", "svc2").clusterIP("172.30.0.42").tcp("http", 80, 0)
                        .port("https", Protocol.TCP, 443, 0, 8443).port("dns-udp", Protocol.UDP, 53, 0, 0)
                        .port("dns-tcp", Protocol.TCP, 53, 0, 5353).port("dns-sctp", Protocol.SCTP, 53, 0, 0)
                        .build()),
                List.of(slice("ns1", "svc1", 1).ep("10.180.0.1", FAKE_NODE).tcp("http", 80).build(),
                        slice("ns2", "svc2", 1).ep("10.180.0.1", FAKE_NODE).ep("10.180.2.1", "node2").tcp("http", 80)
                                .tcp("https", 8443).port("dns-udp", Protocol.UDP, 53).tcp("dns-tcp", 5353)
                                .port("dns-sctp", Protocol.SCTP, 53).build()));
        PacketFlows.check(synced(new NftablesDataPlane(nftablesFakeNode(), IpFamily.IPv4), c), List.of(
                flow("simple clusterIP", "10.180.0.2", "172.30.0.41", 80, "10.180.0.1:80", false),
                flow("hairpin to cluster IP", "10.180.0.1", "172.30.0.41", 80, "10.180.0.1:80", true),
                flow("clusterIP with multiple endpoints", "10.180.0.2", "172.30.0.42", 80,
                        "10.180.0.1:80, 10.180.2.1:80", false),
                flow("clusterIP with TargetPort", "10.180.0.2", "172.30.0.42", 443,
                        "10.180.0.1:8443, 10.180.2.1:8443", false),
                flow("clusterIP with TCP, UDP, and SCTP on same port (TCP)", "10.180.0.2", Protocol.TCP,
                        "172.30.0.42", 53, "10.180.0.1:5353, 10.180.2.1:5353", false),
                flow("clusterIP with TCP, UDP, and SCTP on same port (UDP)", "10.180.0.2", Protocol.UDP,
                        "172.30.0.42", 53, "10.180.0.1:53, 10.180.2.1:53", false),
                flow("clusterIP with TCP, UDP, and SCTP on same port (SCTP)", "10.180.0.2", Protocol.SCTP,
                        "172.30.0.42", 53, "10.180.0.1:53, 10.180.2.1:53", false),
                flow("TCP-only port does not match UDP traffic", "10.180.0.2", Protocol.UDP, "172.30.0.42", 80,
                        "REJECT", false),
                flow("svc1 does not accept svc2's ports", "10.180.0.2", "172.30.0.41", 443, "REJECT", false),
                flow("packet to unallocated cluster ip", "10.180.0.2", "172.30.0.50", 80, "DROP", false)));
    }

    @Test
    void serviceWithoutEndpointsRejectsOnEveryAddress() {
        ClusterSnapshot c = cluster(List.of(svc("ns1", "svc1").type(ServiceType.LoadBalancer)
                .clusterIP("172.30.0.41").externalIPs("192.168.99.11").tcp("p80", 80, 3001).lb("1.2.3.4").build()),
                List.of());
        PacketFlows.check(synced(new NftablesDataPlane(nftablesFakeNode(), IpFamily.IPv4), c), List.of(
                flow("pod to cluster IP with no endpoints", "10.0.0.2", "172.30.0.41", 80, "REJECT", false),
                flow("external to external IP with no endpoints", EXT, "192.168.99.11", 80, "REJECT",
                        false),
                flow("pod to NodePort with no endpoints", "10.0.0.2", NODE_IP, 3001, "REJECT", false),
                flow("external to NodePort with no endpoints", EXT, NODE_IP, 3001, "REJECT", false),
                flow("pod to LoadBalancer IP with no endpoints", "10.0.0.2", "1.2.3.4", 80, "REJECT", false),
                flow("external to LoadBalancer IP with no endpoints", EXT, "1.2.3.4", 80, "REJECT",
                        false)));
    }

    @Test
    void overallInputFlowsFollowTheGoldenRuleset() {
        PacketFlows.check(synced(new NftablesDataPlane(nftablesFakeNode(), IpFamily.IPv4),
                kubeProxyOverall()),
                List.of(
                flow("pod to svc1 cluster IP", "10.0.0.2", "172.30.0.41", 80, "10.180.0.1:80", false),
                flow("external to svc2 LB with no local endpoints", EXT, "1.2.3.4", 80, "DROP", false),
                flow("external to svc2 external IP with no local endpoints", EXT, "192.168.99.22", 80,
                        "DROP", false),
                flow("external to svc2 NodePort with no local endpoints", EXT, NODE_IP, 3001, "DROP",
                        false),
                flow("pod to svc2 LB short-circuits to all endpoints", "10.0.0.2", "1.2.3.4", 80, "10.180.0.2:80",
                        false),
                flow("node to svc2 NodePort short-circuits, masqueraded", NODE_IP, NODE_IP, 3001,
                        "10.180.0.2:80", true),
                flow("svc2 health check node port is not programmed", EXT, NODE_IP, 30000, "", false),
                flow("external to svc3 NodePort", EXT, NODE_IP, 3003, "10.180.0.3:80", true),
                flow("external to svc4 external IP", EXT, "192.168.99.33", 80,
                        "10.180.0.4:80, 10.180.0.5:80", true),
                flow("allowed external to svc5 LB", EXT, "5.6.7.8", 80, "10.180.0.3:80", true),
                flow("blocked external to svc5 LB", PacketFlow.BLOCKED, "5.6.7.8", 80, "DROP", false),
                flow("svc5 NodePort bypasses source ranges", PacketFlow.BLOCKED, NODE_IP, 3002,
                        "10.180.0.3:80", true),
                flow("pod to svc6 without endpoints", "10.0.0.2", "172.30.0.46", 80, "REJECT", false)));
    }
}
