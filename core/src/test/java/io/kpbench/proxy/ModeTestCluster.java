package io.kpbench.proxy;

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
import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.net.Protocol;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The one cluster-fixture builder of the proxy tests. An instance is a two-node test cluster for data-plane
 * semantics tests: node-a (192.168.0.1, pods 10.244.1.0/24) is "this" node, node-b (192.168.0.2, pods
 * 10.244.2.0/24) is remote; one service {@code ns/web} on port 80/TCP. The static part builds the objects of
 * kube-proxy's own proxier tests, which the ported iptables and nftables flows use: {@link #svc}
 * ({@code makeTestService}), {@link #slice} ({@code makeTestEndpointSlice}), {@link #ep}, {@link #cluster} and the
 * fake proxiers' nodes ({@link #iptablesFakeNode}, {@link #nftablesFakeNode}).
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
        this.clusterIPs = Arrays.stream(ips).map(IpAddress::parse).toList();
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

    /** The node of kube-proxy's fake proxiers ({@code NewFakeProxier}). */
    public static final String FAKE_NODE = "test-node";

    /** kube-proxy's fake iptables proxier: test-node, five IPs, pod CIDR 10.0.0.0/8 (fd00:10::/64), default flags. */
    public static NodeConfig iptablesFakeNode() {
        return NodeConfig.of(FAKE_NODE, fakeNodeIPs()).withClusterCIDRs(cidrs("10.0.0.0/8", "fd00:10::/64"));
    }

    /** kube-proxy's fake nftables proxier: the same IPs, pod CIDR detector, nodePortAddresses = the primary IPs. */
    public static NodeConfig nftablesFakeNode() {
        return new NodeConfig(FAKE_NODE, fakeNodeIPs(), null, cidrs("10.0.0.0/8", "fd00:10::/64"), false,
                NodeConfig.DEFAULT_MASQUERADE_BIT, cidrs(PacketFlow.NODE_IP + "/32", PacketFlow.NODE_IP6 + "/128"),
                false, cidrs("172.30.0.0/16", "fd00:10:96::/112"), true);
    }

    private static List<IpAddress> fakeNodeIPs() {
        return Arrays.stream(new String[] {PacketFlow.NODE_IP, PacketFlow.ALT_IP, "192.168.99.11",
            PacketFlow.NODE_IP6, PacketFlow.ALT_IP6}).map(IpAddress::parse).toList();
    }

    private static List<Cidr> cidrs(String... s) {
        return Arrays.stream(s).map(Cidr::parse).toList();
    }

    /** {@code n} with other {@code --nodeport-addresses}. */
    public static NodeConfig withNodePortAddresses(NodeConfig n, List<Cidr> npa) {
        return new NodeConfig(n.nodeName(), n.nodeIPs(), n.zone(), n.clusterCIDRs(), n.masqueradeAll(),
                n.masqueradeBit(), npa, n.localhostNodePorts(), n.serviceCIDRs(), n.preferSameNode());
    }

    /** {@code plane} after a full sync of {@code cluster}. */
    public static <P extends DataPlane> P synced(P plane, ClusterSnapshot cluster) {
        plane.sync(cluster);
        return plane;
    }

    /** A cluster of these objects and no Node objects, as kube-proxy's proxier tests have. */
    public static ClusterSnapshot cluster(List<Service> services, List<EndpointSlice> slices) {
        return ClusterSnapshot.of(services, slices, List.of());
    }

    /** The input of kube-proxy's {@code TestOverallIPTablesRules} and {@code TestOverallNFTablesRules}. */
    public static ClusterSnapshot kubeProxyOverall() {
        return cluster(List.of(
                svc("ns1", "svc1").clusterIP("172.30.0.41").tcp("p80", 80, 0).build(),
                svc("ns2", "svc2").type(ServiceType.LoadBalancer).externalLocal().clusterIP("172.30.0.42")
                        .tcp("p80", 80, 3001).lb("1.2.3.4").externalIPs("192.168.99.22").healthCheckNodePort(30000)
                        .build(),
                svc("ns3", "svc3").type(ServiceType.NodePort).clusterIP("172.30.0.43").tcp("p80", 80, 3003).build(),
                svc("ns4", "svc4").type(ServiceType.NodePort).clusterIP("172.30.0.44").externalIPs("192.168.99.33")
                        .tcp("p80", 80, 0).build(),
                svc("ns5", "svc5").type(ServiceType.LoadBalancer).clusterIP("172.30.0.45").tcp("p80", 80, 3002)
                        .lb("5.6.7.8").healthCheckNodePort(30000).sourceRanges(" 203.0.113.0/25").affinity(10800)
                        .build(),
                svc("ns6", "svc6").clusterIP("172.30.0.46").tcp("p80", 80, 0).build()),
                List.of(
                        slice("ns1", "svc1", 1, "p80", 80, ep("10.180.0.1")),
                        slice("ns2", "svc2", 1, "p80", 80, ep("10.180.0.2")),
                        slice("ns3", "svc3", 1, "p80", 80, ep("10.180.0.3")),
                        slice("ns4", "svc4", 1, "p80", 80, ep("10.180.0.4"), ep("10.180.0.5", FAKE_NODE)),
                        slice("ns5", "svc5", 1, "p80", 80, ep("10.180.0.3"))));
    }

    /** {@code makeTestService}: a builder starting from an empty spec (ClusterIP type, Cluster policies). */
    public static TestService svc(String ns, String name) {
        return new TestService(ns, name);
    }

    /** {@code makeTestEndpointSlice}: a builder of slice {@code <svcName>-<n>} labelled with the service name. */
    public static TestSlice slice(String ns, String svcName, int n) {
        return new TestSlice(ns, svcName, n);
    }

    /** Slice {@code <name>-<n>} of service {@code ns/name} with one TCP port and {@code eps}. */
    public static EndpointSlice slice(String ns, String name, int n, String portName, int port, Endpoint... eps) {
        return slice(ns, name, n, portName, Protocol.TCP, port, eps);
    }

    /** Slice {@code <name>-<n>} of service {@code ns/name} with one port; its family is the first endpoint's. */
    public static EndpointSlice slice(String ns, String name, int n, String portName, Protocol p, int port,
            Endpoint... eps) {
        TestSlice b = slice(ns, name, n).port(portName, p, port);
        b.endpoints.addAll(List.of(eps));
        if (eps.length > 0) {
            b.family = eps[0].address().family();
        }
        return b.build();
    }

    /** An endpoint: {@code ip}, optional node, and conditions (null = unset). */
    public static Endpoint ep(String ip, String node, Boolean ready, Boolean serving, Boolean terminating) {
        return new Endpoint(List.of(IpAddress.parse(ip)), ready, serving, terminating, node, null, null, null, null);
    }

    /** An endpoint on no node with unset conditions. */
    public static Endpoint ep(String ip) {
        return ep(ip, null, null, null, null);
    }

    /** An endpoint on {@code node} (null for none) with unset conditions. */
    public static Endpoint ep(String ip, String node) {
        return ep(ip, node, null, null, null);
    }

    /** A mutable Service builder for {@link #svc}. */
    public static final class TestService {
        private final String ns;
        private final String name;
        private ServiceType type = ServiceType.ClusterIP;
        private final List<IpAddress> clusterIPs = new ArrayList<>();
        private final List<ServicePort> ports = new ArrayList<>();
        private final List<IpAddress> externalIPs = new ArrayList<>();
        private final List<LoadBalancerIngress> ingress = new ArrayList<>();
        private TrafficPolicy etp = TrafficPolicy.Cluster;
        private TrafficPolicy itp = TrafficPolicy.Cluster;
        private SessionAffinity affinity = SessionAffinity.None;
        private int timeout = SessionAffinity.DEFAULT_TIMEOUT_SECONDS;
        private final List<Cidr> ranges = new ArrayList<>();
        private int hcnp;

        private TestService(String ns, String name) {
            this.ns = ns;
            this.name = name;
        }

        public TestService type(ServiceType t) {
            type = t;
            return this;
        }

        /** The cluster IPs, one per family, primary first. */
        public TestService clusterIP(String... ips) {
            for (String s : ips) {
                clusterIPs.add(IpAddress.parse(s));
            }
            return this;
        }

        /** A port; a {@code targetPort} of 0 targets {@code port}, a {@code nodePort} of 0 is none. */
        public TestService port(String portName, Protocol p, int port, int nodePort, int targetPort) {
            ports.add(new ServicePort(portName, p, port, TargetPort.of(targetPort == 0 ? port : targetPort),
                    nodePort));
            return this;
        }

        /** A TCP port targeting the same port number. */
        public TestService tcp(String portName, int port, int nodePort) {
            return port(portName, Protocol.TCP, port, nodePort, 0);
        }

        public TestService externalIPs(String... ips) {
            for (String s : ips) {
                externalIPs.add(IpAddress.parse(s));
            }
            return this;
        }

        /** Load-balancer ingress IPs. */
        public TestService lb(String... ips) {
            for (String s : ips) {
                ingress.add(new LoadBalancerIngress(IpAddress.parse(s), null, null));
            }
            return this;
        }

        /** A load-balancer ingress IP with {@code ipMode}. */
        public TestService lb(String ip, IpMode mode) {
            ingress.add(new LoadBalancerIngress(IpAddress.parse(ip), null, mode));
            return this;
        }

        public TestService externalLocal() {
            etp = TrafficPolicy.Local;
            return this;
        }

        public TestService internalLocal() {
            itp = TrafficPolicy.Local;
            return this;
        }

        /** ClientIP session affinity with a timeout of {@code seconds}. */
        public TestService affinity(int seconds) {
            affinity = SessionAffinity.ClientIP;
            timeout = seconds;
            return this;
        }

        public TestService sourceRanges(String... cidrs) {
            ranges.addAll(cidrs(cidrs));
            return this;
        }

        public TestService healthCheckNodePort(int p) {
            hcnp = p;
            return this;
        }

        /** The Service; {@code externalTrafficPolicy} is kept only on types that have one. */
        public Service build() {
            return new Service(ObjectRef.of(ns, name), type, clusterIPs, false,
                    clusterIPs.stream().map(IpAddress::family).toList(), ports, externalIPs, ingress,
                    type.hasNodePorts() ? etp : null, itp, affinity, timeout, ranges, hcnp, null, Map.of());
        }
    }

    /** A mutable EndpointSlice builder for {@link #slice(String, String, int)}; endpoints' conditions unset. */
    public static final class TestSlice {
        private final String ns;
        private final String svcName;
        private final int n;
        private final List<EndpointPort> ports = new ArrayList<>();
        private final List<Endpoint> endpoints = new ArrayList<>();
        private IpFamily family = IpFamily.IPv4;

        private TestSlice(String ns, String svcName, int n) {
            this.ns = ns;
            this.svcName = svcName;
            this.n = n;
        }

        public TestSlice port(String name, Protocol proto, int port) {
            ports.add(new EndpointPort(name, proto, port));
            return this;
        }

        public TestSlice tcp(String name, int port) {
            return port(name, Protocol.TCP, port);
        }

        /** An endpoint on {@code node} (null for none); the slice takes its family. */
        public TestSlice ep(String ip, String node) {
            return ep(ip, node, null, null, null);
        }

        /** An endpoint with conditions (null = unset); the slice takes its family. */
        public TestSlice ep(String ip, String node, Boolean ready, Boolean serving, Boolean terminating) {
            Endpoint e = ModeTestCluster.ep(ip, node, ready, serving, terminating);
            family = e.address().family();
            endpoints.add(e);
            return this;
        }

        public EndpointSlice build() {
            return new EndpointSlice(ObjectRef.of(ns, svcName + "-" + n), svcName, family, ports, endpoints);
        }
    }
}
