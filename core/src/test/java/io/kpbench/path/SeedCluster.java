package io.kpbench.path;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.Endpoint;
import io.kpbench.cluster.EndpointPort;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.IpMode;
import io.kpbench.cluster.LoadBalancerIngress;
import io.kpbench.cluster.Node;
import io.kpbench.cluster.NodeAddress;
import io.kpbench.cluster.ObjectRef;
import io.kpbench.cluster.Service;
import io.kpbench.cluster.ServicePort;
import io.kpbench.cluster.ServiceType;
import io.kpbench.cluster.SessionAffinity;
import io.kpbench.cluster.TargetPort;
import io.kpbench.cluster.TrafficPolicy;
import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.net.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The seed scenario ({@code scenarios/seed-nginx.yaml}) as model objects, with knobs for the traffic policy and
 * the LB's ingress, until manifest loading lands: nodes node-a/node-b, nginx pods 10.244.1.5 and 10.244.2.7.
 */
final class SeedCluster {
    static final String LB_HOST = "a1b2c3d4e5f60718293a4b5c6d7e8f90-1234567890.us-east-1.elb.amazonaws.com";
    static final IpAddress NODE_A = IpAddress.parse("192.168.49.2");
    static final IpAddress NODE_B = IpAddress.parse("192.168.49.3");
    static final IpAddress POD_A = IpAddress.parse("10.244.1.5");
    static final IpAddress POD_B = IpAddress.parse("10.244.2.7");
    static final int HEALTH_CHECK_PORT = 32123;

    private TrafficPolicy etp = TrafficPolicy.Cluster;
    private String onlyOn;
    private IpAddress vip;
    private final List<Service> extra = new ArrayList<>();
    private final List<EndpointSlice> extraSlices = new ArrayList<>();

    /** externalTrafficPolicy Local on the NodePort and LoadBalancer services. */
    SeedCluster externalLocal() {
        etp = TrafficPolicy.Local;
        return this;
    }

    /** Keeps only the nginx endpoint on {@code node} (node-a or node-b). */
    SeedCluster endpointsOnlyOn(String node) {
        onlyOn = node;
        return this;
    }

    /** Gives the LB ingress an IP with ipMode VIP (besides its hostname). */
    SeedCluster vip(String ip) {
        vip = IpAddress.parse(ip);
        return this;
    }

    /** Adds a service and its slice. */
    SeedCluster with(Service s, EndpointSlice slice) {
        extra.add(s);
        if (slice != null) {
            extraSlices.add(slice);
        }
        return this;
    }

    ClusterSnapshot build() {
        List<Service> services = new ArrayList<>(extra);
        services.add(service("nginx-cluster-ip", ServiceType.ClusterIP, "10.96.12.34", 0, List.of(), null, 0));
        services.add(service("nginx-node-port", ServiceType.NodePort, "10.96.45.67", 30080, List.of(), etp,
                etp == TrafficPolicy.Local ? HEALTH_CHECK_PORT - 1 : 0));
        LoadBalancerIngress in = new LoadBalancerIngress(vip, LB_HOST, vip == null ? null : IpMode.VIP);
        services.add(service("nginx-load-balancer", ServiceType.LoadBalancer, "10.96.78.90", 30443, List.of(in), etp,
                etp == TrafficPolicy.Local ? HEALTH_CHECK_PORT : 0));
        List<EndpointSlice> slices = new ArrayList<>(extraSlices);
        for (String svc : List.of("nginx-cluster-ip", "nginx-node-port", "nginx-load-balancer")) {
            List<Endpoint> eps = new ArrayList<>();
            if (!"node-b".equals(onlyOn)) {
                eps.add(endpoint(POD_A, "node-a", "us-east-1a"));
            }
            if (!"node-a".equals(onlyOn)) {
                eps.add(endpoint(POD_B, "node-b", "us-east-1b"));
            }
            slices.add(slice(svc, svc + "-x7k2p", eps));
        }
        return ClusterSnapshot.of(services, slices, List.of(node("node-a", NODE_A, "10.244.1.0/24", "us-east-1a"),
                node("node-b", NODE_B, "10.244.2.0/24", "us-east-1b")));
    }

    static Service service(String name, ServiceType type, String clusterIP, int nodePort,
            List<LoadBalancerIngress> ingress, TrafficPolicy etp, int hcPort) {
        return new Service(ObjectRef.of("default", name), type, List.of(IpAddress.parse(clusterIP)), false,
                List.of(IpFamily.IPv4), List.of(new ServicePort("http", Protocol.TCP, 80, TargetPort.named("http"),
                nodePort)), List.of(), ingress, type.hasNodePorts() ? etp : null, TrafficPolicy.Cluster,
                SessionAffinity.None, SessionAffinity.DEFAULT_TIMEOUT_SECONDS, List.of(), hcPort, null,
                Map.of("app", "nginx"));
    }

    static EndpointSlice slice(String service, String name, List<Endpoint> endpoints) {
        return new EndpointSlice(ObjectRef.of("default", name), service, IpFamily.IPv4,
                List.of(new EndpointPort("http", Protocol.TCP, 80)), endpoints);
    }

    static Endpoint endpoint(IpAddress ip, String node, String zone) {
        return new Endpoint(List.of(ip), true, true, false, node, zone, List.of(), List.of(), null);
    }

    static Node node(String name, IpAddress ip, String podCidr, String zone) {
        return new Node(name, List.of(new NodeAddress(NodeAddress.INTERNAL_IP, ip.toString(), ip),
                new NodeAddress(NodeAddress.HOSTNAME, name, null)),
                Map.of(Node.ZONE_LABEL, zone, "kubernetes.io/hostname", name), List.of(Cidr.parse(podCidr)));
    }
}
