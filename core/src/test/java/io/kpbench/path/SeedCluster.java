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
    /** node-a's and node-b's public addresses when {@link #cloudAddresses()} is on. */
    static final IpAddress EXTERNAL_A = IpAddress.parse("198.51.100.2");
    static final IpAddress EXTERNAL_B = IpAddress.parse("198.51.100.3");

    private TrafficPolicy etp = TrafficPolicy.Cluster;
    private String onlyOn;
    private IpAddress vip;
    private boolean cloud;
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

    /**
     * Gives the nodes the addresses an EC2 node has: an ExternalIP ({@link #EXTERNAL_A}, {@link #EXTERNAL_B}), an
     * InternalDNS name and Hostname {@code ip-192-168-49-2.ec2.internal}, and an ExternalDNS name
     * {@code ec2-198-51-100-2.compute-1.amazonaws.com}.
     */
    SeedCluster cloudAddresses() {
        cloud = true;
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
        List<Node> nodes = cloud
                ? List.of(cloudNode("node-a", NODE_A, EXTERNAL_A, "10.244.1.0/24", "us-east-1a"),
                        cloudNode("node-b", NODE_B, EXTERNAL_B, "10.244.2.0/24", "us-east-1b"))
                : List.of(node("node-a", NODE_A, "10.244.1.0/24", "us-east-1a"),
                        node("node-b", NODE_B, "10.244.2.0/24", "us-east-1b"));
        return ClusterSnapshot.of(services, slices, nodes);
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

    /** The name EC2 gives an address: {@code ip-192-168-49-2.ec2.internal}, {@code ec2-198-51-100-2...}. */
    static String ec2Name(IpAddress ip, boolean external) {
        String dashed = ip.toString().replace('.', '-');
        return external ? "ec2-" + dashed + ".compute-1.amazonaws.com" : "ip-" + dashed + ".ec2.internal";
    }

    static Node cloudNode(String name, IpAddress ip, IpAddress external, String podCidr, String zone) {
        return new Node(name, List.of(new NodeAddress(NodeAddress.INTERNAL_IP, ip.toString(), ip),
                new NodeAddress(NodeAddress.EXTERNAL_IP, external.toString(), external),
                new NodeAddress("InternalDNS", ec2Name(ip, false), null),
                new NodeAddress(NodeAddress.HOSTNAME, ec2Name(ip, false), null),
                new NodeAddress("ExternalDNS", ec2Name(external, true), null)),
                Map.of(Node.ZONE_LABEL, zone, "kubernetes.io/hostname", name), List.of(Cidr.parse(podCidr)));
    }

    static Node node(String name, IpAddress ip, String podCidr, String zone) {
        return new Node(name, List.of(new NodeAddress(NodeAddress.INTERNAL_IP, ip.toString(), ip),
                new NodeAddress(NodeAddress.HOSTNAME, name, null)),
                Map.of(Node.ZONE_LABEL, zone, "kubernetes.io/hostname", name), List.of(Cidr.parse(podCidr)));
    }
}
