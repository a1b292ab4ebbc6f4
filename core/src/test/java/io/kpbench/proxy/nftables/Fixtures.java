package io.kpbench.proxy.nftables;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.Endpoint;
import io.kpbench.cluster.EndpointPort;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.IpMode;
import io.kpbench.cluster.LoadBalancerIngress;
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
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.PacketFlow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builders for the objects of kube-proxy's nftables tests (NewFakeProxier, makeTestService, ...). */
final class Fixtures {
    static final String NODE = "test-node";

    private Fixtures() {
    }

    /** NewFakeProxier's node: five local IPs, pod CIDR detector, nodePortAddresses = the primary IPs. */
    static NodeConfig fakeNode() {
        return new NodeConfig(NODE,
                ips(PacketFlow.NODE_IP, PacketFlow.ALT_IP, "192.168.99.11", PacketFlow.NODE_IP6, PacketFlow.ALT_IP6),
                null, cidrs("10.0.0.0/8", "fd00:10::/64"), false, NodeConfig.DEFAULT_MASQUERADE_BIT,
                cidrs(PacketFlow.NODE_IP + "/32", PacketFlow.NODE_IP6 + "/128"), false,
                cidrs("172.30.0.0/16", "fd00:10:96::/112"), true);
    }

    static NodeConfig withNodePortAddresses(NodeConfig n, List<Cidr> npa) {
        return new NodeConfig(n.nodeName(), n.nodeIPs(), n.zone(), n.clusterCIDRs(), n.masqueradeAll(),
                n.masqueradeBit(), npa, n.localhostNodePorts(), n.serviceCIDRs(), n.preferSameNode());
    }

    static List<IpAddress> ips(String... s) {
        List<IpAddress> out = new ArrayList<>();
        for (String x : s) {
            out.add(IpAddress.parse(x));
        }
        return out;
    }

    static List<Cidr> cidrs(String... s) {
        List<Cidr> out = new ArrayList<>();
        for (String x : s) {
            out.add(Cidr.parse(x));
        }
        return out;
    }

    static NftablesDataPlane proxier(NodeConfig node, IpFamily family, ClusterSnapshot cluster) {
        NftablesDataPlane p = new NftablesDataPlane(node, family);
        p.sync(cluster);
        return p;
    }

    static ClusterSnapshot cluster(List<Service> services, List<EndpointSlice> slices) {
        return ClusterSnapshot.of(services, slices, List.of());
    }

    /** makeTestService: starts from an empty spec (ClusterIP type, Cluster policies). */
    static Svc svc(String ns, String name) {
        return new Svc(ns, name);
    }

    /** makeTestEndpointSlice: {@code <name>-<n>} labelled with the service name. */
    static Eps slice(String ns, String svcName, int n) {
        return new Eps(ns, svcName, n);
    }

    /** A mutable Service builder. */
    static final class Svc {
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

        private Svc(String ns, String name) {
            this.ns = ns;
            this.name = name;
        }

        Svc type(ServiceType t) {
            type = t;
            return this;
        }

        Svc clusterIP(String... ip) {
            clusterIPs.addAll(ips(ip));
            return this;
        }

        Svc port(String pname, Protocol proto, int port, int nodePort, int targetPort) {
            ports.add(new ServicePort(pname, proto, port, TargetPort.of(targetPort == 0 ? port : targetPort),
                    nodePort));
            return this;
        }

        Svc tcp(String pname, int port, int nodePort) {
            return port(pname, Protocol.TCP, port, nodePort, 0);
        }

        Svc externalIPs(String... ip) {
            externalIPs.addAll(ips(ip));
            return this;
        }

        Svc lb(String ip) {
            ingress.add(new LoadBalancerIngress(IpAddress.parse(ip), null, null));
            return this;
        }

        Svc lb(String ip, IpMode mode) {
            ingress.add(new LoadBalancerIngress(IpAddress.parse(ip), null, mode));
            return this;
        }

        Svc etpLocal() {
            etp = TrafficPolicy.Local;
            return this;
        }

        Svc itpLocal() {
            itp = TrafficPolicy.Local;
            return this;
        }

        Svc clientIP(int seconds) {
            affinity = SessionAffinity.ClientIP;
            timeout = seconds;
            return this;
        }

        Svc sourceRanges(String... c) {
            for (String x : c) {
                ranges.add(Cidr.parse(x));
            }
            return this;
        }

        Svc healthCheckNodePort(int p) {
            hcnp = p;
            return this;
        }

        Service build() {
            List<IpFamily> fams = new ArrayList<>();
            clusterIPs.forEach(ip -> fams.add(ip.family()));
            return new Service(ObjectRef.of(ns, name), type, clusterIPs, false, fams, ports, externalIPs, ingress,
                    type.hasNodePorts() ? etp : null, itp, affinity, timeout, ranges, hcnp, null, Map.of());
        }
    }

    /** A mutable EndpointSlice builder; endpoints are ready unless conditions say otherwise. */
    static final class Eps {
        private final String ns;
        private final String svcName;
        private final int n;
        private final List<EndpointPort> ports = new ArrayList<>();
        private final List<Endpoint> endpoints = new ArrayList<>();
        private IpFamily family = IpFamily.IPv4;

        private Eps(String ns, String svcName, int n) {
            this.ns = ns;
            this.svcName = svcName;
            this.n = n;
        }

        Eps port(String name, Protocol proto, int port) {
            ports.add(new EndpointPort(name, proto, port));
            return this;
        }

        Eps tcp(String name, int port) {
            return port(name, Protocol.TCP, port);
        }

        Eps ep(String ip, String node) {
            return ep(ip, node, null, null, null);
        }

        Eps ep(String ip, String node, Boolean ready, Boolean serving, Boolean terminating) {
            IpAddress a = IpAddress.parse(ip);
            family = a.family();
            endpoints.add(new Endpoint(List.of(a), ready, serving, terminating, node, null, List.of(), List.of(),
                    null));
            return this;
        }

        EndpointSlice build() {
            return new EndpointSlice(ObjectRef.of(ns, svcName + "-" + n), svcName, family, ports, endpoints);
        }
    }
}
