package io.kpbench.proxy.iptables;

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
import java.util.ArrayList;
import java.util.List;

/** Builders for kube-proxy's test objects ({@code makeTestService}, {@code makeTestEndpointSlice}). */
final class Fixtures {
    static final String NODE = "test-node";
    static final List<String> NODE_IPS = List.of("192.168.0.2", "192.168.1.2", "192.168.99.11", "2001:db8::1",
            "2001:db8:1::2");

    private Fixtures() {
    }

    /** kube-proxy's fake iptables proxier: test-node, pod CIDR 10.0.0.0/8 (fd00:10::/64), default flags. */
    static NodeConfig fakeNode() {
        List<IpAddress> ips = new ArrayList<>();
        for (String s : NODE_IPS) {
            ips.add(IpAddress.parse(s));
        }
        return NodeConfig.of(NODE, ips).withClusterCIDRs(List.of(Cidr.parse("10.0.0.0/8"),
                Cidr.parse("fd00:10::/64")));
    }

    static ClusterSnapshot cluster(List<Service> services, List<EndpointSlice> slices) {
        return ClusterSnapshot.of(services, slices, List.of());
    }

    static Svc svc(String ns, String name) {
        return new Svc(ns, name);
    }

    /** A mutable Service builder starting from an empty spec (ClusterIP, policies Cluster). */
    static final class Svc {
        final String ns;
        final String name;
        ServiceType type = ServiceType.ClusterIP;
        final List<IpAddress> clusterIPs = new ArrayList<>();
        final List<ServicePort> ports = new ArrayList<>();
        final List<IpAddress> externalIPs = new ArrayList<>();
        final List<LoadBalancerIngress> ingress = new ArrayList<>();
        TrafficPolicy etp = TrafficPolicy.Cluster;
        TrafficPolicy itp = TrafficPolicy.Cluster;
        SessionAffinity affinity = SessionAffinity.None;
        int timeout = SessionAffinity.DEFAULT_TIMEOUT_SECONDS;
        final List<Cidr> sourceRanges = new ArrayList<>();
        int hcnp;

        Svc(String ns, String name) {
            this.ns = ns;
            this.name = name;
        }

        Svc type(ServiceType t) {
            type = t;
            return this;
        }

        Svc ip(String... ips) {
            for (String s : ips) {
                clusterIPs.add(IpAddress.parse(s));
            }
            return this;
        }

        Svc port(String portName, int port, int nodePort) {
            return port(portName, Protocol.TCP, port, port, nodePort);
        }

        Svc port(String portName, Protocol p, int port, int target, int nodePort) {
            ports.add(new ServicePort(portName, p, port, TargetPort.of(target), nodePort));
            return this;
        }

        Svc external(String... ips) {
            for (String s : ips) {
                externalIPs.add(IpAddress.parse(s));
            }
            return this;
        }

        Svc lb(String... ips) {
            for (String s : ips) {
                ingress.add(new LoadBalancerIngress(IpAddress.parse(s), null, null));
            }
            return this;
        }

        Svc lbProxyMode(String ip) {
            ingress.add(new LoadBalancerIngress(IpAddress.parse(ip), null, IpMode.Proxy));
            return this;
        }

        Svc local() {
            etp = TrafficPolicy.Local;
            return this;
        }

        Svc internalLocal() {
            itp = TrafficPolicy.Local;
            return this;
        }

        Svc affinity(int seconds) {
            affinity = SessionAffinity.ClientIP;
            timeout = seconds;
            return this;
        }

        Svc ranges(String... cidrs) {
            for (String s : cidrs) {
                sourceRanges.add(Cidr.parse(s));
            }
            return this;
        }

        Svc hcnp(int port) {
            hcnp = port;
            return this;
        }

        Service build() {
            List<IpFamily> fams = new ArrayList<>();
            for (IpAddress ip : clusterIPs) {
                fams.add(ip.family());
            }
            return new Service(ObjectRef.of(ns, name), type, clusterIPs, false, fams, ports, externalIPs, ingress, etp,
                    itp, affinity, timeout, sourceRanges, hcnp, null, null);
        }
    }

    /** An endpoint: {@code ip}, optional node, and conditions (null = unset). */
    static Endpoint ep(String ip, String node, Boolean ready, Boolean serving, Boolean terminating) {
        return new Endpoint(List.of(IpAddress.parse(ip)), ready, serving, terminating, node, null, null, null, null);
    }

    static Endpoint ep(String ip) {
        return ep(ip, null, null, null, null);
    }

    static Endpoint ep(String ip, String node) {
        return ep(ip, node, null, null, null);
    }

    /** A slice {@code <name>-<n>} of service {@code ns/name} with one port. */
    static EndpointSlice slice(String ns, String name, int n, String portName, int port, Endpoint... eps) {
        return slice(ns, name, n, portName, Protocol.TCP, port, eps);
    }

    static EndpointSlice slice(String ns, String name, int n, String portName, Protocol p, int port,
            Endpoint... eps) {
        IpFamily fam = eps.length > 0 ? eps[0].address().family() : IpFamily.IPv4;
        return new EndpointSlice(ObjectRef.of(ns, name + "-" + n), name, fam,
                List.of(new EndpointPort(portName, p, port)), List.of(eps));
    }
}
