package io.kpbench.proxy.iptables;

import static io.kpbench.proxy.ModeTestCluster.FAKE_NODE;
import static io.kpbench.proxy.ModeTestCluster.cluster;
import static io.kpbench.proxy.ModeTestCluster.ep;
import static io.kpbench.proxy.ModeTestCluster.slice;
import static io.kpbench.proxy.ModeTestCluster.svc;
import static io.kpbench.proxy.PacketFlow.EXT;
import static io.kpbench.proxy.PacketFlow.POD;
import static io.kpbench.proxy.PacketFlow.flow;

import io.kpbench.cluster.ChangeSet;
import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.Endpoint;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.IpMode;
import io.kpbench.cluster.ObjectRef;
import io.kpbench.cluster.ServiceType;
import io.kpbench.proxy.KubeProxyFlowTables;
import io.kpbench.proxy.KubeProxyFlowTables.FlowTable;
import io.kpbench.proxy.ModeTestCluster.TestService;
import io.kpbench.proxy.PacketFlow;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * kube-proxy's TestExternalTrafficPolicyLocal/Cluster, TestInternalTrafficPolicy, TestTerminatingEndpoints* and
 * TestLoadBalancerIngressRouteTypeProxy; "after endpoints deleted" flows run after a partial sync.
 */
class IptablesPolicyFlowTest {
    private static final String N = FAKE_NODE;

    static Stream<DynamicTest> run(String name, ClusterSnapshot c, List<PacketFlow> flows) {
        return Flows.tests(name, IptablesBasicFlowTest.synced(c), flows);
    }

    /** Runs {@code flows}, then deletes the slice ns1/svc1-1 with a partial sync and expects REJECTs. */
    static List<DynamicTest> runThenDelete(String name, ClusterSnapshot c, List<PacketFlow> flows,
            List<PacketFlow> after) {
        List<DynamicTest> out = new ArrayList<>(run(name, c, flows).toList());
        IptablesDataPlane p = IptablesBasicFlowTest.synced(c);
        ChangeSet del = ChangeSet.builder().deleteSlice(ObjectRef.of("ns1", "svc1-1"), ObjectRef.of("ns1", "svc1"))
                .build();
        p.sync(c.apply(del), del);
        out.addAll(Flows.tests(name + " after endpoints deleted", p, after).toList());
        return out;
    }

    @TestFactory
    Stream<DynamicTest> externalTrafficPolicyLocalKeepsClientIPAndLocalEndpoints() {
        FlowTable t = KubeProxyFlowTables.externalTrafficPolicyLocal();
        return run(t.scenario(), t.cluster(), t.flows());
    }

    @TestFactory
    Stream<DynamicTest> externalTrafficPolicyClusterMasqueradesExternalDestinations() {
        FlowTable t = KubeProxyFlowTables.externalTrafficPolicyCluster();
        return run(t.scenario(), t.cluster(), t.flows());
    }

    static ClusterSnapshot itp(boolean local, String... ipNode) {
        TestService s = svc("ns1", "svc1").clusterIP("172.30.1.1").tcp("", 80, 0);
        Endpoint[] eps = new Endpoint[ipNode.length / 2];
        for (int i = 0; i < eps.length; i++) {
            eps[i] = ep(ipNode[2 * i], ipNode[2 * i + 1], true, null, null);
        }
        return cluster(List.of((local ? s.internalLocal() : s).build()),
                List.of(slice("ns1", "svc1", 1, "", 80, eps)));
    }

    @TestFactory
    Stream<DynamicTest> internalTrafficPolicyLocalUsesOnlyLocalEndpointsOrDrops() {
        List<PacketFlow> gone = List.of(flow("endpoints deleted", POD, "172.30.1.1", 80, "REJECT", false));
        List<DynamicTest> t = new ArrayList<>();
        t.addAll(runThenDelete("iTP cluster", itp(false, "10.0.1.1", N, "10.0.1.2", "node1", "10.0.1.3", "node2"),
                List.of(flow("pod to ClusterIP hits all endpoints", POD, "172.30.1.1", 80,
                        "10.0.1.1:80, 10.0.1.2:80, 10.0.1.3:80", false)), gone));
        t.addAll(runThenDelete("iTP local, one local", itp(true, "10.0.1.1", N, "10.0.1.2", "node1", "10.0.1.3",
                "node2"), List.of(flow("pod to ClusterIP hits only local endpoint", POD, "172.30.1.1", 80,
                        "10.0.1.1:80", false)), gone));
        t.addAll(runThenDelete("iTP local, two local", itp(true, "10.0.1.1", N, "10.0.1.2", N, "10.0.1.3", "node2"),
                List.of(flow("pod to ClusterIP hits all local endpoints", POD, "172.30.1.1", 80,
                        "10.0.1.1:80, 10.0.1.2:80", false)), gone));
        t.addAll(runThenDelete("iTP local, none local", itp(true, "10.0.1.1", "node0", "10.0.1.2", "node1",
                "10.0.1.3", "node2"), List.of(flow("no endpoints", POD, "172.30.1.1", 80, "DROP", false)), gone));
        return t.stream();
    }

    static Endpoint st(String ip, String node, boolean ready, boolean serving, boolean terminating) {
        return ep(ip, node, ready, serving, terminating);
    }

    static ClusterSnapshot terminating(boolean local, Endpoint... eps) {
        TestService s = svc("ns1", "svc1").type(ServiceType.LoadBalancer).clusterIP("172.30.1.1").tcp("", 80, 0)
                .healthCheckNodePort(30000).lb("1.2.3.4");
        List<EndpointSlice> slices = List.of(slice("ns1", "svc1", 1, "", 80, eps));
        return cluster(List.of((local ? s.externalLocal() : s).build()), slices);
    }

    static List<PacketFlow> two(String cluster, String lb, boolean masq) {
        return List.of(flow("pod to clusterIP", POD, "172.30.1.1", 80, cluster, false),
                flow("external to LB", EXT, "1.2.3.4", 80, lb, masq));
    }

    @TestFactory
    Stream<DynamicTest> terminatingEndpointsAreAFallbackForLocalPolicy() {
        List<PacketFlow> gone = two("REJECT", "REJECT", false);
        List<DynamicTest> t = new ArrayList<>();
        t.addAll(runThenDelete("eTP local, ready endpoints exist", terminating(true, st("10.0.1.1", N, true, true,
                false), st("10.0.1.2", N, true, true, false), st("10.0.1.3", N, false, true, true),
                st("10.0.1.4", N, false, false, true), st("10.0.1.5", "node-1", true, true, false)),
                two("10.0.1.1:80, 10.0.1.2:80, 10.0.1.5:80", "10.0.1.1:80, 10.0.1.2:80", false), gone));
        t.addAll(runThenDelete("eTP local, only terminating endpoints exist", terminating(true,
                st("10.0.1.2", N, false, true, true), st("10.0.1.3", N, false, true, true),
                st("10.0.1.4", N, false, false, true), st("10.0.1.5", "node-1", true, true, false)),
                two("10.0.1.5:80", "10.0.1.2:80, 10.0.1.3:80", false), gone));
        t.addAll(runThenDelete("eTP local, terminating endpoints on remote node", terminating(true,
                st("10.0.1.5", "node-1", false, true, true)), two("10.0.1.5:80", "DROP", false), gone));
        t.addAll(runThenDelete("eTP local, no usable endpoints on any node", terminating(true,
                st("10.0.1.5", N, false, false, true), st("10.0.1.5", "node-1", false, false, true)),
                two("REJECT", "REJECT", false), gone));
        return t.stream();
    }

    @TestFactory
    Stream<DynamicTest> terminatingEndpointsAreAFallbackForClusterPolicy() {
        List<PacketFlow> gone = two("REJECT", "REJECT", false);
        List<DynamicTest> t = new ArrayList<>();
        t.addAll(runThenDelete("eTP cluster, ready endpoints exist", terminating(false,
                st("10.0.1.1", N, true, true, false), st("10.0.1.2", N, true, true, false),
                st("10.0.1.3", "another-node", false, true, true), st("10.0.1.4", "another-node", false, false, true),
                st("10.0.1.5", "another-node", true, true, false)),
                two("10.0.1.1:80, 10.0.1.2:80, 10.0.1.5:80", "10.0.1.1:80, 10.0.1.2:80, 10.0.1.5:80", true), gone));
        t.addAll(runThenDelete("eTP cluster, only terminating endpoints exist", terminating(false,
                st("10.0.1.2", N, false, true, true), st("10.0.1.3", N, false, true, true),
                st("10.0.1.4", "another-node", false, false, true), st("10.0.1.5", "another-node", false, true, true)),
                two("10.0.1.2:80, 10.0.1.3:80, 10.0.1.5:80", "10.0.1.2:80, 10.0.1.3:80, 10.0.1.5:80", true), gone));
        t.addAll(runThenDelete("eTP cluster, terminating endpoints on remote node", terminating(false,
                st("10.0.1.5", "node-1", false, true, true)), two("10.0.1.5:80", "10.0.1.5:80", true), gone));
        t.addAll(runThenDelete("eTP cluster, no usable endpoints on any node", terminating(false,
                st("10.0.1.5", N, false, false, true), st("10.0.1.5", "node-1", false, false, true)),
                two("REJECT", "REJECT", false), gone));
        return t.stream();
    }

    @TestFactory
    Stream<DynamicTest> loadBalancerIngressInProxyModeIsNotProgrammed() {
        List<DynamicTest> t = new ArrayList<>();
        String[][] cases = {{"ipMode Proxy", "10.20.30.41", "1.2.3.4", ""},
            {"ipMode VIP", "10.20.30.42", "1.2.3.5", "10.180.0.1:80"},
            {"ipMode nil", "10.20.30.43", "1.2.3.6", "10.180.0.1:80"}};
        for (String[] k : cases) {
            TestService s = svc("ns1", "svc1").type(ServiceType.LoadBalancer).clusterIP(k[1]).tcp("p80", 80, 3001);
            s = k[0].equals("ipMode Proxy") ? s.lb(k[2], IpMode.Proxy) : s.lb(k[2]);
            ClusterSnapshot c = cluster(List.of(s.build()),
                    List.of(slice("ns1", "svc1", 1, "p80", 80, ep("10.180.0.1"))));
            t.addAll(run("TestLoadBalancerIngressRouteTypeProxy " + k[0], c, List.of(
                    flow("external to LB IP", EXT, k[2], 80, k[3], !k[3].isEmpty()))).toList());
        }
        return t.stream();
    }
}
