package io.kpbench.proxy.ipvs;

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
import io.kpbench.proxy.NodeConfig;
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

    static IpvsDataPlane plane(String scheduler) {
        return new IpvsDataPlane(node(), IpFamily.IPv4, IpvsConfig.defaults().withScheduler(scheduler));
    }

    /** A mutable service description. */
    static final class Svc {
        String ns = "ns1";
        String name = "svc1";
        ServiceType type = ServiceType.ClusterIP;
        String clusterIP = "172.30.0.41";
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
            return new Service(ObjectRef.of(ns, name), type, List.of(ip(clusterIP)), false, List.of(IpFamily.IPv4),
                    List.of(new ServicePort("p" + port, protocol, port, TargetPort.of(port), nodePort)), externalIPs,
                    ingress, type == ServiceType.ClusterIP ? null : etp, itp,
                    affinity > 0 ? SessionAffinity.ClientIP : SessionAffinity.None,
                    affinity > 0 ? affinity : SessionAffinity.DEFAULT_TIMEOUT_SECONDS, ranges, hcnp, null, null);
        }
    }

    static Svc svc() {
        return new Svc();
    }

    static LoadBalancerIngress lb(String ip) {
        return new LoadBalancerIngress(ip(ip), null, null);
    }

    /** An endpoint: ready unless {@code terminating}; on {@code node} (null for none). */
    static Endpoint ep(String ip, String node, boolean terminating) {
        return new Endpoint(List.of(ip(ip)), !terminating, true, terminating, node, null, null, null, null);
    }

    static EndpointSlice slice(Service s, Endpoint... eps) {
        ServicePort p = s.ports().get(0);
        return new EndpointSlice(ObjectRef.of(s.ref().namespace(), s.ref().name() + "-abc"), s.ref().name(),
                IpFamily.IPv4, List.of(new EndpointPort(p.name(), p.protocol(), p.targetPort().number())),
                List.of(eps));
    }

    static ClusterSnapshot cluster(List<Service> services, List<EndpointSlice> slices) {
        return ClusterSnapshot.of(services, slices, List.of());
    }

    static FiveTuple tcp(String src, int sport, String dst, int dport) {
        return new FiveTuple().set(ip(src), sport, ip(dst), dport, Protocol.TCP);
    }
}
