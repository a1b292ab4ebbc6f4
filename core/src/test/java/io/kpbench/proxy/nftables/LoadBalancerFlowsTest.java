package io.kpbench.proxy.nftables;

import static io.kpbench.proxy.ModeTestCluster.FAKE_NODE;
import static io.kpbench.proxy.ModeTestCluster.cluster;
import static io.kpbench.proxy.ModeTestCluster.nftablesFakeNode;
import static io.kpbench.proxy.ModeTestCluster.slice;
import static io.kpbench.proxy.ModeTestCluster.svc;
import static io.kpbench.proxy.ModeTestCluster.synced;
import static io.kpbench.proxy.ModeTestCluster.withNodePortAddresses;
import static io.kpbench.proxy.PacketFlow.BLOCKED;
import static io.kpbench.proxy.PacketFlow.EXT;
import static io.kpbench.proxy.PacketFlow.NODE_IP;
import static io.kpbench.proxy.PacketFlow.flow;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.IpMode;
import io.kpbench.cluster.ServiceType;
import io.kpbench.net.Cidr;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.KubeProxyFlowTables;
import io.kpbench.proxy.KubeProxyFlowTables.FlowTable;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.PacketFlow;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Flows of kube-proxy's TestLoadBalancer and TestNodePorts, plus ipMode Proxy and TestBadIPs-style input. */
class LoadBalancerFlowsTest {

    @Test
    void sourceRangesFilterOnlyLoadBalancerTrafficAndAllowTheNodeAndItsVips() {
        FlowTable t = KubeProxyFlowTables.loadBalancer();
        PacketFlows.check(synced(new NftablesDataPlane(nftablesFakeNode(), IpFamily.IPv4), t.cluster()), t.flows());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ipv4|IPv4||false",
        "ipv4, multiple nodeport-addresses|IPv4|192.168.0.0/24 192.168.1.0/24 2001:db8::/64|true",
        "ipv6|IPv6||false",
        "ipv6, multiple nodeport-addresses|IPv6|192.168.0.0/24 192.168.1.0/24 2001:db8::/64 2001:db8:1::2/128|true"})
    void nodePortsAreAcceptedOnlyOnTheNodePortAddresses(String name, IpFamily family, String npa,
            boolean allowAlt) {
        boolean v4 = family == IpFamily.IPv4;
        String svcIP = v4 ? "172.30.0.41" : "fd00:172:30::41";
        String ep1 = v4 ? "10.180.0.1" : "fd00:10:180::1";
        String ep2 = v4 ? "10.180.2.1" : "fd00:10:180::2:1";
        String nodeIP = v4 ? NODE_IP : PacketFlow.NODE_IP6;
        NodeConfig node = nftablesFakeNode();
        if (npa != null) {
            List<Cidr> cidrs = new ArrayList<>();
            for (String s : npa.split(" ")) {
                cidrs.add(Cidr.parse(s));
            }
            node = withNodePortAddresses(node, cidrs);
        }
        ClusterSnapshot c = cluster(List.of(svc("ns1", "svc1").type(ServiceType.NodePort).clusterIP(svcIP)
                .tcp("p80", 80, 3001).build()),
                List.of(slice("ns1", "svc1", 1).ep(ep1, null).ep(ep2, FAKE_NODE).tcp("p80", 80).build()));
        String pod = v4 ? "10.0.0.2" : "fd00:10::2";
        String client = v4 ? EXT : "2600:5200::1";
        String alt = v4 ? PacketFlow.ALT_IP : PacketFlow.ALT_IP6;
        String out = (v4 ? ep1 + ":80, " + ep2 + ":80" : "[" + ep1 + "]:80, [" + ep2 + "]:80");
        PacketFlows.check(synced(new NftablesDataPlane(node, family), c), List.of(
                flow("pod to cluster IP", pod, svcIP, 80, out, false),
                flow("external to nodePort", client, nodeIP, 3001, out, true),
                flow("node to nodePort", nodeIP, nodeIP, 3001, out, true),
                allowAlt ? flow("external to nodePort on secondary IP", client, alt, 3001, out, true)
                        : flow("secondary nodeIP ignores NodePorts", client, alt, 3001, "", false)));
    }

    @Test
    void proxyModeIngressIsNotProgrammedButVipIngressIs() {
        ClusterSnapshot c = cluster(List.of(svc("ns1", "svc1").type(ServiceType.LoadBalancer)
                .clusterIP("172.30.0.41").tcp("p80", 80, 3001).lb("1.2.3.4", IpMode.Proxy)
                .lb("5.6.7.8", IpMode.VIP).build()),
                List.of(slice("ns1", "svc1", 1).ep("10.180.0.1", null).tcp("p80", 80).build()));
        PacketFlows.check(synced(new NftablesDataPlane(nftablesFakeNode(), IpFamily.IPv4), c), List.of(
                flow("external to Proxy-mode LB IP is untouched", EXT, "1.2.3.4", 80, "", false),
                flow("external to VIP-mode LB IP", EXT, "5.6.7.8", 80, "10.180.0.1:80", true)));
    }

    @Test
    void addressesWithLeadingZerosAreNormalised() {
        ClusterSnapshot c = cluster(List.of(svc("ns1", "svc1").type(ServiceType.LoadBalancer)
                .clusterIP("172.30.0.041").tcp("p80", 80, 3001).lb("1.2.3.004").externalIPs("192.168.099.022")
                .sourceRanges("203.0.113.000/025").build()),
                List.of(slice("ns1", "svc1", 1).ep("10.180.00.001", null).tcp("p80", 80).build()));
        PacketFlows.check(synced(new NftablesDataPlane(nftablesFakeNode(), IpFamily.IPv4), c), List.of(
                flow("pod to cluster IP", "10.0.0.2", "172.30.0.41", 80, "10.180.0.1:80", false),
                flow("external to external IP", EXT, "192.168.99.22", 80, "10.180.0.1:80", true),
                flow("allowed external to LB", EXT, "1.2.3.4", 80, "10.180.0.1:80", true),
                flow("blocked external to LB", BLOCKED, "1.2.3.4", 80, "DROP", false)));
    }
}
