package io.kpbench.path;

import io.kpbench.cluster.LoadBalancerIngress;
import io.kpbench.cluster.Service;
import io.kpbench.cluster.ServicePort;
import io.kpbench.net.IpAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What kind of Service address a destination is, as kube-proxy tells its traffic apart (the reference's §1.1):
 * a {@code ClusterIP}, a {@code NodePort} (or {@code healthCheckNodePort}) on a node address, an {@code LB VIP}
 * ({@code status.loadBalancer.ingress} IP, or the address the model gave an LB without one), or an
 * {@code externalIP}; another port of a node is a {@code node IP}. For the walk's text only.
 */
final class AddressKinds {
    private final Map<IpAddress, String> kinds = new HashMap<>();
    private final Set<Long> nodePorts = new HashSet<>();
    private final Set<Integer> healthCheckPorts = new HashSet<>();
    private final ClusterNetwork network;

    AddressKinds(ClusterNetwork network, CloudLoadBalancer lb) {
        this.network = network;
        for (Service s : network.snapshot().services().values()) {
            for (IpAddress ip : s.externalIPs()) {
                kinds.put(ip, "externalIP");
            }
            for (LoadBalancerIngress in : s.ingress()) {
                if (in.ip() != null) {
                    kinds.put(in.ip(), "LB VIP");
                }
            }
            for (IpAddress ip : s.clusterIPs()) {
                kinds.put(ip, "ClusterIP");
            }
            for (ServicePort p : s.ports()) {
                if (p.nodePort() != 0) {
                    nodePorts.add((long) p.protocol().number() << 16 | p.nodePort());
                }
            }
            if (s.healthCheckNodePort() != 0) {
                healthCheckPorts.add(s.healthCheckNodePort());
            }
        }
        for (LbListener l : lb.listeners()) {
            kinds.putIfAbsent(l.address(), "LB VIP");
        }
    }

    /**
     * The kind of {@code dst:port/protocol}: ClusterIP, NodePort, healthCheckNodePort, node IP, LB VIP, externalIP,
     * pod IP, or null for another address.
     */
    String of(IpAddress dst, int port, int protocol) {
        if (network.nodeWithAddress(dst.hi(), dst.lo()) != ClusterNetwork.NONE) {
            return nodePorts.contains((long) protocol << 16 | port) ? "NodePort"
                    : healthCheckPorts.contains(port) ? "healthCheckNodePort" : "node IP";
        }
        String k = kinds.get(dst);
        if (k != null) {
            return k;
        }
        return network.podWithAddress(dst.hi(), dst.lo()) != ClusterNetwork.NONE ? "pod IP" : null;
    }
}
