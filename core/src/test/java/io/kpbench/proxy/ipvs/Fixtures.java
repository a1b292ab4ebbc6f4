package io.kpbench.proxy.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpbench.cluster.ChangeSet;
import io.kpbench.cluster.ServiceType;
import io.kpbench.net.Cidr;
import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.net.Protocol;
import io.kpbench.proxy.Explanation;
import io.kpbench.proxy.ModeTestCluster;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.Verdict;
import java.util.List;

/**
 * The nodes of the kube-proxy ipvs proxier_test cases, their test service on the shared {@link ModeTestCluster}
 * builder, and the checks the flow tests share.
 */
final class Fixtures {
    static final String NODE = "test-node";

    private Fixtures() {
    }

    static IpAddress ip(String s) {
        return IpAddress.parse(s);
    }

    /** The kube-proxy test node: 192.168.0.2 primary, pod CIDR 10.0.0.0/8. */
    static NodeConfig node() {
        return NodeConfig.of(NODE, List.of(ip("192.168.0.2"), ip("192.168.1.2")))
                .withClusterCIDRs(List.of(Cidr.parse("10.0.0.0/8")));
    }

    /** An IPv6 node after kube-proxy's TestNodePortIPv6: 2001:db8::1:1 primary, pod CIDR fd00:10::/64. */
    static NodeConfig node6() {
        return NodeConfig.of(NODE, List.of(ip("2001:db8::1:1"), ip("2001:db8::1:2")))
                .withClusterCIDRs(List.of(Cidr.parse("fd00:10::/64")));
    }

    /** A dual-stack node: the IPv4 test node's addresses and CIDR plus the IPv6 ones. */
    static NodeConfig dualStackNode() {
        return NodeConfig.of(NODE, List.of(ip("192.168.0.2"), ip("2001:db8::1:1")))
                .withClusterCIDRs(List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("fd00:10::/64")));
    }

    static IpvsDataPlane plane6(String scheduler) {
        return new IpvsDataPlane(node6(), IpFamily.IPv6, IpvsConfig.defaults().withScheduler(scheduler));
    }

    static IpvsDataPlane plane(String scheduler) {
        return new IpvsDataPlane(node(), IpFamily.IPv4, IpvsConfig.defaults().withScheduler(scheduler));
    }

    /** The {@code @MethodSource} of the tests run once per family: {@link Family#both()}. */
    static final String BOTH_FAMILIES = "io.kpbench.proxy.ipvs.Fixtures$Family#both";

    /**
     * The addresses a family's copy of a case uses, so one test body runs on an IPv4 and an IPv6 proxier.
     *
     * @param family the proxier's family
     * @param node the proxier's node ({@link #node()} or {@link #node6()})
     * @param vip the service's cluster IP
     * @param ep1 a first endpoint address, in the cluster CIDR
     * @param ep2 a second endpoint address, in the cluster CIDR
     * @param client a client (pod) address
     * @param client2 another client (pod) address
     */
    record Family(IpFamily family, NodeConfig node, String vip, String ep1, String ep2, String client,
            String client2) {
        /** Both families' addresses, IPv4 first. */
        static List<Family> both() {
            return List.of(
                    new Family(IpFamily.IPv4, Fixtures.node(), "172.30.0.41", "10.180.0.1", "10.180.0.2", "10.0.0.5",
                            "10.0.0.9"),
                    new Family(IpFamily.IPv6, Fixtures.node6(), "2020::1", "fd00:10::1", "fd00:10::2", "fd00:10::5",
                            "fd00:10::9"));
        }

        /** The IPv4 addresses. */
        static Family v4() {
            return both().get(0);
        }

        /** The IPv6 addresses. */
        static Family v6() {
            return both().get(1);
        }

        /** A proxier of this family with scheduler {@code scheduler}. */
        IpvsDataPlane plane(String scheduler) {
            return new IpvsDataPlane(node, family, IpvsConfig.defaults().withScheduler(scheduler));
        }

        /** An {@code rr} proxier of this family synced to {@code cluster}. */
        IpvsDataPlane synced(ModeTestCluster cluster) {
            IpvsDataPlane p = plane("rr");
            p.sync(cluster.build());
            return p;
        }

        /** The test service with this family's cluster IP. */
        ModeTestCluster svc() {
            return Fixtures.svc().clusterIPs(vip);
        }

        /** {@code ip:port} as the proxier prints an endpoint (IPv6 in brackets). */
        String endpoint(String ip, int port) {
            return IpAddress.parse(ip).withPort(port);
        }

        @Override
        public String toString() {
            return family.toString();
        }
    }

    /**
     * kube-proxy's ipvs test service on the shared builder: {@code ns1/svc1}, cluster IP 172.30.0.41, port
     * {@code p80} 80/TCP to target port 80, no node port unless set.
     */
    static ModeTestCluster svc() {
        return new ModeTestCluster().named("ns1", "svc1").clusterIPs("172.30.0.41").port("p80", 80, 80).nodePort(0);
    }

    /** An IPv6 service: cluster IP 2020::1 as in TestNodePortIPv6. */
    static ModeTestCluster svc6() {
        return svc().clusterIPs("2020::1");
    }

    /** The IPv6 service as a NodePort 3001, as in TestNodePortIPv6. */
    static ModeTestCluster nodePort6() {
        return svc6().type(ServiceType.NodePort).nodePort(3001);
    }

    /** An IPv4 proxier on {@link #node}-like {@code node}, synced to one service and its slices. */
    static IpvsDataPlane synced(NodeConfig node, ModeTestCluster s) {
        IpvsDataPlane p = new IpvsDataPlane(node, IpFamily.IPv4, IpvsConfig.defaults());
        p.sync(s.build());
        return p;
    }

    /** An IPv6 proxier on {@code node}, synced to one service and its slices. */
    static IpvsDataPlane synced6(NodeConfig node, ModeTestCluster s) {
        IpvsDataPlane p = new IpvsDataPlane(node, IpFamily.IPv6, IpvsConfig.defaults());
        p.sync(s.build());
        return p;
    }

    /** {@code ipset list} of {@code p}. */
    static String ipsetList(IpvsDataPlane p) {
        return IpvsRenderer.ipsetList(p.node(), p.tables());
    }

    /** The iptables-restore input of {@code p}'s last sync. */
    static String restoreText(IpvsDataPlane p) {
        return IpvsRenderer.iptablesRestore(p.node(), p.tables()).text();
    }

    /** The incremental change of {@code s}'s (one) endpoint slice. */
    static ChangeSet sliceUpdate(ModeTestCluster s) {
        return ChangeSet.builder().updateSlice(s.slices().get(0)).build();
    }

    /** Explains a TCP packet and checks its verdict, sorted endpoints and masquerade decision. */
    static void expect(IpvsDataPlane p, String src, String dst, int port, Verdict v, List<String> eps,
            boolean masq) {
        Explanation e = p.explain(tcp(src, 40000, dst, port));
        String what = src + " -> " + dst + ":" + port + " " + e.path();
        assertEquals(v, e.verdict(), what);
        assertEquals(eps, e.endpoints().stream().sorted().toList(), what);
        assertEquals(masq, e.masquerade(), what);
    }

    static FiveTuple tcp(String src, int sport, String dst, int dport) {
        return new FiveTuple().set(ip(src), sport, ip(dst), dport, Protocol.TCP);
    }
}
