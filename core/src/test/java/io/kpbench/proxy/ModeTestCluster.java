package io.kpbench.proxy;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.Endpoint;
import io.kpbench.cluster.EndpointPort;
import io.kpbench.cluster.EndpointSlice;
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
import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.net.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A two-node test cluster for data-plane semantics tests: node-a (192.168.0.1, pods 10.244.1.0/24) is "this"
 * node, node-b (192.168.0.2, pods 10.244.2.0/24) is remote; one service {@code ns/web} on port 80/TCP.
 */
public final class ModeTestCluster {
    public static final String THIS_NODE = "node-a";
    public static final IpAddress NODE_A = IpAddress.parse("192.168.0.1");
    public static final IpAddress NODE_B = IpAddress.parse("192.168.0.2");
    public static final IpAddress CLUSTER_IP = IpAddress.parse("10.96.0.10");
    public static final IpAddress EXTERNAL_CLIENT = IpAddress.parse("203.0.113.7");
    public static final IpAddress LOCAL_POD = IpAddress.parse("10.244.1.99");
    public static final int NODE_PORT = 30080;

    private ServiceType type = ServiceType.ClusterIP;
    private TrafficPolicy etp = TrafficPolicy.Cluster;
    private TrafficPolicy itp = TrafficPolicy.Cluster;
    private int affinitySeconds;
    private final List<IpAddress> vips = new ArrayList<>();
    private final List<IpAddress> externalIPs = new ArrayList<>();
    private final List<Cidr> ranges = new ArrayList<>();
    private final List<Endpoint> endpoints = new ArrayList<>();
    private String namespace = "ns";
    private String name = "web";
    private List<IpAddress> clusterIPs = List.of(CLUSTER_IP);
    private Protocol protocol = Protocol.TCP;
    private String portName = "";
    private int port = 80;
    private int targetPort = 8080;
    /** The node port, or null for {@link #NODE_PORT} on types that have node ports. */
    private Integer nodePort;
    private int healthCheckNodePort;

    /** The config of a proxier on node-a with pod CIDR 10.244.0.0/16. */
    public static NodeConfig nodeConfig() {
        return NodeConfig.of(THIS_NODE, List.of(NODE_A)).withClusterCIDRs(List.of(Cidr.parse("10.244.0.0/16")));
    }

    public ModeTestCluster type(ServiceType t) {
        this.type = t;
        return this;
    }

    public ModeTestCluster externalLocal() {
        this.etp = TrafficPolicy.Local;
        return this;
    }

    public ModeTestCluster internalLocal() {
        this.itp = TrafficPolicy.Local;
        return this;
    }

    public ModeTestCluster affinity(int seconds) {
        this.affinitySeconds = seconds;
        return this;
    }

    public ModeTestCluster vip(String ip) {
        vips.add(IpAddress.parse(ip));
        return this;
    }

    public ModeTestCluster externalIP(String ip) {
        externalIPs.add(IpAddress.parse(ip));
        return this;
    }

    public ModeTestCluster sourceRange(String cidr) {
        ranges.add(Cidr.parse(cidr));
        return this;
    }

    /** Names the service {@code namespace/name} (default {@code ns/web}). */
    public ModeTestCluster named(String namespace, String name) {
        this.namespace = namespace;
        this.name = name;
        return this;
    }

    /** The service's cluster IPs, one per family, primary first (default {@link #CLUSTER_IP}). */
    public ModeTestCluster clusterIPs(String... ips) {
        this.clusterIPs = java.util.Arrays.stream(ips).map(IpAddress::parse).toList();
        return this;
    }

    /** The service port's protocol (default TCP). */
    public ModeTestCluster protocol(Protocol p) {
        this.protocol = p;
        return this;
    }

    /** The service port's name, port and target port (default {@code "", 80 -> 8080}). */
    public ModeTestCluster port(String portName, int port, int targetPort) {
        this.portName = portName;
        this.port = port;
        this.targetPort = targetPort;
        return this;
    }

    /** The node port (default {@link #NODE_PORT} on NodePort and LoadBalancer types; 0 for none). */
    public ModeTestCluster nodePort(int p) {
        this.nodePort = p;
        return this;
    }

    /** The health-check node port of an external Local-policy service (default none). */
    public ModeTestCluster healthCheckNodePort(int p) {
        this.healthCheckNodePort = p;
        return this;
    }

    /** A ready endpoint on {@code node}. */
    public ModeTestCluster endpoint(String ip, String node) {
        return endpoint(ip, node, true, true, false);
    }

    public ModeTestCluster endpoint(String ip, String node, boolean ready, boolean serving, boolean terminating) {
        endpoints.add(new Endpoint(List.of(IpAddress.parse(ip)), ready, serving, terminating, node, null, List.of(),
                List.of(), null));
        return this;
    }

    /** {@code n} ready endpoints 10.244.2.x on node-b (remote). */
    public ModeTestCluster remoteEndpoints(int n) {
        for (int i = 0; i < n; i++) {
            endpoint("10.244." + (2 + i / 250) + "." + (1 + i % 250), "node-b");
        }
        return this;
    }

    /** The two-node cluster with this one service and its slices. */
    public ClusterSnapshot build() {
        return of(List.of(this));
    }

    /** The two-node cluster with several services (each its own builder) and their slices. */
    public static ClusterSnapshot of(List<ModeTestCluster> services) {
        List<Service> svcs = new ArrayList<>();
        List<EndpointSlice> slices = new ArrayList<>();
        for (ModeTestCluster m : services) {
            svcs.add(m.service());
            slices.addAll(m.slices());
        }
        return ClusterSnapshot.of(svcs, slices, List.of(node("node-a", NODE_A, "10.244.1.0/24"),
                node("node-b", NODE_B, "10.244.2.0/24")));
    }

    /** The service alone. */
    public Service service() {
        boolean hasNodePort = type.hasNodePorts();
        int np = nodePort != null ? nodePort : hasNodePort ? NODE_PORT : 0;
        return new Service(ObjectRef.of(namespace, name), type, clusterIPs, false,
                clusterIPs.stream().map(IpAddress::family).toList(),
                List.of(new ServicePort(portName, protocol, port, TargetPort.of(targetPort), np)), externalIPs,
                vips.stream().map(ip -> new LoadBalancerIngress(ip, null, null)).toList(),
                hasNodePort ? etp : null, itp,
                affinitySeconds > 0 ? SessionAffinity.ClientIP : SessionAffinity.None, affinitySeconds, ranges,
                healthCheckNodePort, null, Map.of("app", name));
    }

    /** The service's endpoint slices: one per address family of its endpoints, IPv4 first; none without. */
    public List<EndpointSlice> slices() {
        List<EndpointSlice> out = new ArrayList<>();
        for (IpFamily f : IpFamily.values()) {
            List<Endpoint> eps = endpoints.stream().filter(e -> e.addresses().get(0).family() == f).toList();
            if (!eps.isEmpty()) {
                out.add(new EndpointSlice(ObjectRef.of(namespace, name + (f == IpFamily.IPv4 ? "-abc" : "-v6")),
                        name, f, List.of(new EndpointPort(portName, protocol, targetPort)), eps));
            }
        }
        return out;
    }

    private static Node node(String name, IpAddress ip, String pods) {
        return new Node(name, List.of(new NodeAddress(NodeAddress.INTERNAL_IP, ip.toString(), ip)), Map.of(),
                List.of(Cidr.parse(pods)));
    }

    /** A TCP packet {@code src:40000 -> dst:dport}. */
    public static FiveTuple packet(IpAddress src, IpAddress dst, int dport) {
        return new FiveTuple().set(src, 40000, dst, dport, Protocol.TCP);
    }
}
