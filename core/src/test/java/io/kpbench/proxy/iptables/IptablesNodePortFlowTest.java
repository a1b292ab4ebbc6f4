package io.kpbench.proxy.iptables;

import static io.kpbench.proxy.ModeTestCluster.FAKE_NODE;
import static io.kpbench.proxy.ModeTestCluster.cluster;
import static io.kpbench.proxy.ModeTestCluster.ep;
import static io.kpbench.proxy.ModeTestCluster.iptablesFakeNode;
import static io.kpbench.proxy.ModeTestCluster.slice;
import static io.kpbench.proxy.ModeTestCluster.svc;
import static io.kpbench.proxy.PacketFlow.flow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpbench.cluster.ChangeSet;
import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.ObjectRef;
import io.kpbench.cluster.ServiceType;
import io.kpbench.net.Cidr;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.PacketFlow;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** kube-proxy's TestNodePorts (seven flag combinations, both families) and TestHealthCheckNodePort. */
class IptablesNodePortFlowTest {

    record Case(String name, IpFamily family, boolean localhostNodePorts, List<String> npa, boolean allowAlt,
            boolean expectFirewall) {
    }

    static final List<Case> CASES = List.of(
            new Case("ipv4, localhost-nodeports enabled", IpFamily.IPv4, true, List.of(), true, true),
            new Case("ipv4, localhost-nodeports disabled", IpFamily.IPv4, false, List.of(), true, false),
            new Case("ipv4, localhost-nodeports disabled, localhost in nodeport-addresses", IpFamily.IPv4, false,
                    List.of("192.168.0.0/24", "127.0.0.1/32"), false, false),
            new Case("ipv4, localhost-nodeports enabled, multiple nodeport-addresses", IpFamily.IPv4, false,
                    List.of("192.168.0.0/24", "192.168.1.0/24", "2001:db8::/64"), true, false),
            new Case("ipv6, localhost-nodeports enabled", IpFamily.IPv6, true, List.of(), true, false),
            new Case("ipv6, localhost-nodeports disabled", IpFamily.IPv6, false, List.of(), true, false),
            new Case("ipv6, localhost-nodeports disabled, multiple nodeport-addresses", IpFamily.IPv6, false,
                    List.of("192.168.0.0/24", "192.168.1.0/24", "2001:db8::/64"), false, false));

    static NodeConfig node(boolean localhostNodePorts, List<String> npa) {
        NodeConfig f = iptablesFakeNode();
        List<Cidr> cidrs = new ArrayList<>();
        for (String s : npa) {
            cidrs.add(Cidr.parse(s));
        }
        return new NodeConfig(f.nodeName(), f.nodeIPs(), f.zone(), f.clusterCIDRs(), false, f.masqueradeBit(), cidrs,
                localhostNodePorts, List.of(), true);
    }

    @TestFactory
    Stream<DynamicTest> nodePortsFollowNodePortAddressesAndLocalhostFlag() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : CASES) {
            boolean v4 = c.family() == IpFamily.IPv4;
            String svcIP = v4 ? "172.30.0.41" : "fd00:172:30::41";
            String ep1 = v4 ? "10.180.0.1" : "fd00:10:180::1";
            String ep2 = v4 ? "10.180.2.1" : "fd00:10:180::2:1";
            ClusterSnapshot cluster = cluster(
                    List.of(svc("ns1", "svc1").type(ServiceType.NodePort).clusterIP(svcIP).tcp("p80", 80, 3001)
                            .build()),
                    List.of(slice("ns1", "svc1", 1, "p80", 80, ep(ep1), ep(ep2, FAKE_NODE))));
            IptablesDataPlane p = new IptablesDataPlane(node(c.localhostNodePorts(), c.npa()), c.family());
            p.sync(cluster);
            String pod = v4 ? "10.0.0.2" : "fd00:10::2";
            String ext = v4 ? PacketFlow.EXT : "2600:5200::1";
            String nodeIP = v4 ? PacketFlow.NODE_IP : PacketFlow.NODE_IP6;
            String alt = v4 ? PacketFlow.ALT_IP : PacketFlow.ALT_IP6;
            String lh = v4 ? "127.0.0.1" : "::1";
            String out = v4 ? ep1 + ":80, " + ep2 + ":80" : "[" + ep1 + "]:80, [" + ep2 + "]:80";
            List<PacketFlow> flows = new ArrayList<>(List.of(
                    flow("pod to cluster IP", pod, svcIP, 80, out, false),
                    flow("external to nodePort", ext, nodeIP, 3001, out, true),
                    flow("node to nodePort", nodeIP, nodeIP, 3001, out, true)));
            flows.add(v4 && c.localhostNodePorts()
                    ? flow("localhost to nodePort gets masqueraded", lh, lh, 3001, out, true)
                    : flow("localhost to nodePort is ignored", lh, lh, 3001, "", false));
            flows.add(c.allowAlt()
                    ? flow("external to nodePort on secondary IP", ext, alt, 3001, out, true)
                    : flow("secondary nodeIP ignores NodePorts", ext, alt, 3001, "", false));
            Flows.tests(c.name(), p, flows).forEach(tests::add);
            tests.add(DynamicTest.dynamicTest(c.name() + ": KUBE-FIREWALL anti-martian rule iff localhost NodePorts",
                    () -> assertEquals(c.expectFirewall(), p.lastRestoreInput().contains("-A KUBE-FIREWALL "))));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> healthCheckNodePortIsAcceptedUntilTheServiceIsDeleted() {
        NodeConfig n = node(true, List.of("127.0.0.0/8"));
        ClusterSnapshot c = cluster(List.of(svc("ns1", "svc1").type(ServiceType.LoadBalancer)
                .clusterIP("172.30.0.42").tcp("p80", 80, 3001).healthCheckNodePort(30000).externalLocal().build()),
                List.of());
        IptablesDataPlane p = new IptablesDataPlane(n, IpFamily.IPv4);
        p.sync(c);
        PacketFlow accept = flow("firewall accepts HealthCheckNodePort", "1.2.3.4", PacketFlow.NODE_IP, 30000,
                "ACCEPT", false);
        List<DynamicTest> tests = new ArrayList<>(Flows.tests("TestHealthCheckNodePort", p, List.of(accept)).toList());
        IptablesDataPlane q = new IptablesDataPlane(n, IpFamily.IPv4);
        q.sync(c);
        ChangeSet del = ChangeSet.builder().deleteService(ObjectRef.of("ns1", "svc1")).build();
        q.sync(c.apply(del), del);
        tests.addAll(Flows.tests("TestHealthCheckNodePort after delete", q, List.of(
                flow("HealthCheckNodePort no longer has any rule", "1.2.3.4", PacketFlow.NODE_IP, 30000, "", false)))
                .toList());
        return tests.stream();
    }
}
