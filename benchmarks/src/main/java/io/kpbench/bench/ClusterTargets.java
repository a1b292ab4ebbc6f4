package io.kpbench.bench;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.IpMode;
import io.kpbench.cluster.LoadBalancerIngress;
import io.kpbench.cluster.Service;
import io.kpbench.cluster.ServicePort;
import io.kpbench.cluster.ServiceType;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.path.ClusterPath;
import io.kpbench.proxy.NodeConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The destinations a cluster's traffic hits on one node, one {@code {address, port, protocol, from}} per frontend
 * of every proxied IPv4 service port, in service name order: a ClusterIP:port from a pod ({@link #FROM_POD}); the
 * node's IP:nodePort, an externalIP:port or a LoadBalancer's frontend from {@link #CLIENT} outside the cluster
 * ({@link #FROM_CLIENT}). A LoadBalancer's frontend follows the path model's cloud LB
 * ({@link io.kpbench.path.CloudLoadBalancer}): an ingress IPv4 address with ipMode VIP (or unset) is kept as the
 * destination, since kube-proxy programs it; any other LB (ipMode Proxy, a hostname only, pending) is in
 * instance mode and forwards to the node's IP:nodePort; an ingress of IPv6 addresses only gets no IPv4 LB.
 */
final class ClusterTargets {
    /** The target is hit from a pod on the node. */
    static final int FROM_POD = 0;
    /** The target is hit from {@link #CLIENT}. */
    static final int FROM_CLIENT = 1;
    /** The outside client, the path model's {@value ClusterPath#CLIENT_IP}. */
    static final int CLIENT = IpAddress.parse(ClusterPath.CLIENT_IP).v4();

    private ClusterTargets() {
    }

    /** {@link #of} every ClusterIP:port of {@code c} (no node needed). */
    static int[][] clusterIps(ClusterSnapshot c) {
        return of(c, null, ServicePath.clusterIP);
    }

    /**
     * The targets of {@code path} on {@code node}, or, when {@code path} is null, each service port through its
     * type's frontend (ClusterIP, NodePort, LoadBalancer) and its externalIPs.
     *
     * @throws IllegalArgumentException when the cluster has no such target
     */
    static int[][] of(ClusterSnapshot c, NodeConfig node, ServicePath path) {
        List<int[]> out = new ArrayList<>();
        List<Service> services = new ArrayList<>(c.services().values());
        services.sort((a, b) -> a.ref().compareTo(b.ref()));
        for (Service s : services) {
            if (!s.proxied() || s.clusterIP(IpFamily.IPv4) == null) {
                continue;
            }
            ServicePath own = switch (s.type()) {
                case NodePort -> ServicePath.nodePort;
                case LoadBalancer -> ServicePath.loadBalancer;
                default -> ServicePath.clusterIP;
            };
            for (ServicePort p : s.ports()) {
                int pp = p.protocol().number();
                for (ServicePath each : ServicePath.values()) {
                    if (path == each || path == null && (each == own || each == ServicePath.externalIP)) {
                        add(out, s, p, pp, each, node);
                    }
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("the cluster has no IPv4 " + (path == null ? "service port"
                    : path + " frontend") + " to send to");
        }
        return out.toArray(new int[0][]);
    }

    private static void add(List<int[]> out, Service s, ServicePort p, int proto, ServicePath path, NodeConfig node) {
        int nodeIp = node == null || node.primaryIP(IpFamily.IPv4) == null ? 0 : node.primaryIP(IpFamily.IPv4).v4();
        switch (path) {
            case clusterIP -> out.add(new int[] {s.clusterIP(IpFamily.IPv4).v4(), p.port(), proto, FROM_POD});
            case nodePort -> {
                if (p.nodePort() != 0 && nodeIp != 0) {
                    out.add(new int[] {nodeIp, p.nodePort(), proto, FROM_CLIENT});
                }
            }
            case externalIP -> {
                for (IpAddress ip : s.externalIPs()) {
                    if (ip.isV4()) {
                        out.add(new int[] {ip.v4(), p.port(), proto, FROM_CLIENT});
                    }
                }
            }
            case loadBalancer -> {
                if (s.type() != ServiceType.LoadBalancer) {
                    return;
                }
                LoadBalancerIngress vip = null;
                boolean v4 = s.ingress().isEmpty();
                for (LoadBalancerIngress i : s.ingress()) {
                    v4 |= i.ip() == null ? i.hostname() != null : i.ip().isV4();
                    if (vip == null && i.ip() != null && i.ip().isV4()) {
                        vip = i;
                    }
                }
                if (vip != null && vip.ipMode() != IpMode.Proxy) {
                    out.add(new int[] {vip.ip().v4(), p.port(), proto, FROM_CLIENT});
                } else if (v4 && p.nodePort() != 0 && nodeIp != 0) {
                    out.add(new int[] {nodeIp, p.nodePort(), proto, FROM_CLIENT});
                }
            }
            default -> throw new IllegalStateException("unknown path " + path);
        }
    }
}
