package io.kpbench.proxy.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.Endpoint;
import io.kpbench.cluster.EndpointPort;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.LoadBalancerIngress;
import io.kpbench.cluster.ObjectRef;
import io.kpbench.cluster.Service;
import io.kpbench.cluster.ServicePort;
import io.kpbench.cluster.ServiceType;
import io.kpbench.cluster.SessionAffinity;
import io.kpbench.cluster.TargetPort;
import io.kpbench.cluster.TrafficPolicy;
import io.kpbench.net.Cidr;
import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.net.Protocol;
import io.kpbench.proxy.Explanation;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.Verdict;
import java.util.ArrayList;
import java.util.List;

/** Builders for the services, slices and node of the kube-proxy ipvs proxier_test cases. */
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
            return List.of(new Family(IpFamily.IPv4, Fixtures.node(), "172.30.0.41", "10.180.0.1", "10.180.0.2", "10.0.0.5",
                    "10.0.0.9"), new Family(IpFamily.IPv6, Fixtures.node6(), "2020::1", "fd00:10::1", "fd00:10::2",
                    "fd00:10::5", "fd00:10::9"));
        }

        /** A proxier of this family with scheduler {@code scheduler}. */
        IpvsDataPlane plane(String scheduler) {
            return new IpvsDataPlane(node, family, IpvsConfig.defaults().withScheduler(scheduler));
        }

        /** The test service with this family's cluster IP. */
        Svc svc() {
            Svc s = new Svc();
            s.clusterIP = vip;
            return s;
        }

        /** A slice of this family. */
        EndpointSlice slice(Service s, Endpoint... eps) {
            return Fixtures.slice(s, family, eps);
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

    /** A mutable service description. */
    static final class Svc {
        String ns = "ns1";
        String name = "svc1";
        ServiceType type = ServiceType.ClusterIP;
        String clusterIP = "172.30.0.41";
        /** A second cluster IP of the other family (dual-stack), or null. */
        String clusterIP2;
        Protocol protocol = Protocol.TCP;
        int port = 80;
        int nodePort;
        List<IpAddress> externalIPs = new ArrayList<>();
        List<LoadBalancerIngress> ingress = new ArrayList<>();
        TrafficPolicy etp = TrafficPolicy.Cluster;
        TrafficPolicy itp = TrafficPolicy.Cluster;
        int affinity;
        List<Cidr> ranges = new ArrayList<>();
        int hcnp;

        Svc named(String n, String nsName) {
            this.name = n;
            this.ns = nsName;
            return this;
        }

        Service build() {
            List<IpAddress> ips = clusterIP2 == null ? List.of(ip(clusterIP)) : List.of(ip(clusterIP), ip(clusterIP2));
            List<IpFamily> families = ips.stream().map(IpAddress::family).toList();
            return new Service(ObjectRef.of(ns, name), type, ips, false, families,
                    List.of(new ServicePort("p" + port, protocol, port, TargetPort.of(port), nodePort)), externalIPs,
                    ingress, type == ServiceType.ClusterIP ? null : etp, itp,
                    affinity > 0 ? SessionAffinity.ClientIP : SessionAffinity.None,
                    affinity > 0 ? affinity : SessionAffinity.DEFAULT_TIMEOUT_SECONDS, ranges, hcnp, null, null);
        }
    }

    static Svc svc() {
        return new Svc();
    }

    /** An IPv6 service: cluster IP 2020::1 as in TestNodePortIPv6. */
    static Svc svc6() {
        Svc s = new Svc();
        s.clusterIP = "2020::1";
        return s;
    }

    /** The IPv6 service as a NodePort 3001, as in TestNodePortIPv6. */
    static Svc nodePort6() {
        Svc d = svc6();
        d.type = ServiceType.NodePort;
        d.nodePort = 3001;
        return d;
    }

    static LoadBalancerIngress lb(String ip) {
        return new LoadBalancerIngress(ip(ip), null, null);
    }

    /** An endpoint: ready unless {@code terminating}; on {@code node} (null for none). */
    static Endpoint ep(String ip, String node, boolean terminating) {
        return new Endpoint(List.of(ip(ip)), !terminating, true, terminating, node, null, null, null, null);
    }

    static EndpointSlice slice(Service s, Endpoint... eps) {
        return slice(s, IpFamily.IPv4, eps);
    }

    /** A slice of {@code family} (address type IPv4 or IPv6), named after the service and family. */
    static EndpointSlice slice(Service s, IpFamily family, Endpoint... eps) {
        ServicePort p = s.ports().get(0);
        String suffix = family == IpFamily.IPv4 ? "-abc" : "-v6";
        return new EndpointSlice(ObjectRef.of(s.ref().namespace(), s.ref().name() + suffix), s.ref().name(),
                family, List.of(new EndpointPort(p.name(), p.protocol(), p.targetPort().number())),
                List.of(eps));
    }

    static ClusterSnapshot cluster(List<Service> services, List<EndpointSlice> slices) {
        return ClusterSnapshot.of(services, slices, List.of());
    }

    /** An IPv4 proxier on {@link #node}-like {@code node}, synced to one service and its slices. */
    static IpvsDataPlane synced(NodeConfig node, Service s, EndpointSlice... slices) {
        IpvsDataPlane p = new IpvsDataPlane(node, IpFamily.IPv4, IpvsConfig.defaults());
        p.sync(cluster(List.of(s), List.of(slices)));
        return p;
    }

    /** An IPv6 proxier on {@code node}, synced to one service and its slices. */
    static IpvsDataPlane synced6(NodeConfig node, Service s, EndpointSlice... slices) {
        IpvsDataPlane p = new IpvsDataPlane(node, IpFamily.IPv6, IpvsConfig.defaults());
        p.sync(cluster(List.of(s), List.of(slices)));
        return p;
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
