package io.kpbench.cluster.growth;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.Endpoint;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.LoadBalancerIngress;
import io.kpbench.cluster.Node;
import io.kpbench.cluster.NodeAddress;
import io.kpbench.cluster.ObjectRef;
import io.kpbench.cluster.Service;
import io.kpbench.cluster.ServicePort;
import io.kpbench.cluster.TargetRef;
import io.kpbench.common.UserError;
import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.net.Ports;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Grows a cluster ×N while keeping its shape: every service gets N−1 copies named {@code <name>-x<N>-<k>} in
 * its namespace, each with new ClusterIPs from the service CIDR, new node ports (and health-check node port)
 * from the node-port range, new externalIPs and LoadBalancer ingress IPs next to the originals, and copies of
 * its EndpointSlices whose pods get new IPs from the same node's {@code podCIDR}. Types, ports, endpoints per
 * service and their conditions, node names, zones, eTP/iTP, affinity and source ranges are copied, and the nodes
 * are kept, so {@link ClusterShape#of} is the same at ×1 and ×N.
 *
 * <p>Allocation is sequential (lowest free address or port first) and never reuses an address or port the
 * cluster has, so the result is a deterministic function of the input (no seed is needed); a pod shared by two services stays
 * shared by their copies, and a host-network endpoint (a node's own address) stays on that address. Growth that
 * needs more node ports than the range holds is refused with a {@link UserError} that says so, as the API server
 * refuses the service ({@code pkg/registry/core/service/portallocator}: "range is full").
 */
public final class ClusterGrowth {
    private final ClusterSnapshot cluster;
    private final int factor;
    private final Set<IpAddress> used = new HashSet<>();
    private final Map<Cidr, AddressPool> pools = new HashMap<>();
    private final Map<IpFamily, Cidr> serviceCidrs = new EnumMap<>(IpFamily.class);
    private final Set<IpAddress> nodeIPs = new HashSet<>();
    private final NodePortPool nodePorts;

    private ClusterGrowth(ClusterSnapshot cluster, int factor, GrowthOptions options) {
        this.cluster = cluster;
        this.factor = factor;
        this.nodePorts = new NodePortPool(options.nodePortRange());
        for (Cidr c : options.serviceCidrs()) {
            serviceCidrs.put(c.family(), c);
        }
    }

    /** {@link #scale(ClusterSnapshot, int, GrowthOptions)} with the default node-port range and inferred CIDRs. */
    public static ClusterSnapshot scale(ClusterSnapshot cluster, int factor) {
        return scale(cluster, factor, GrowthOptions.defaults());
    }

    /**
     * The cluster grown ×{@code factor}; {@code factor} 1 returns {@code cluster} itself.
     *
     * @throws UserError when the factor is below 1, or the node-port range, a service CIDR or a pod CIDR runs out
     */
    public static ClusterSnapshot scale(ClusterSnapshot cluster, int factor, GrowthOptions options) {
        if (factor < 1) {
            throw new UserError("growth: the factor must be 1 or more, not " + factor);
        }
        if (factor == 1) {
            return cluster;
        }
        return new ClusterGrowth(cluster, factor, options).grow();
    }

    /**
     * Node ports (service ports' and health-check) one copy of {@code cluster}'s services needs: a node port two
     * ports of one service share (TCP and UDP on 53) counts once.
     */
    public static int nodePortsPerCopy(ClusterSnapshot cluster) {
        int n = 0;
        for (Service s : cluster.services().values()) {
            Set<Integer> ports = new HashSet<>();
            for (ServicePort p : s.ports()) {
                if (p.nodePort() != 0) {
                    ports.add(p.nodePort());
                }
            }
            n += ports.size() + (s.healthCheckNodePort() != 0 ? 1 : 0);
        }
        return n;
    }

    /**
     * The smallest prefix holding every ClusterIP of {@code family}, widened to at least a /16 (IPv4) or /112
     * (IPv6) so that growth has room, or null when the cluster has no ClusterIP of that family. Kubernetes'
     * default is kubeadm's {@code 10.96.0.0/12}; give the real one in {@link GrowthOptions} when it is smaller.
     */
    public static Cidr inferServiceCidr(ClusterSnapshot cluster, IpFamily family) {
        IpAddress first = null;
        long diffHi = 0;
        long diffLo = 0;
        for (Service s : cluster.services().values()) {
            for (IpAddress ip : s.clusterIPs()) {
                if (ip.family() != family) {
                    continue;
                }
                if (first == null) {
                    first = ip;
                }
                diffHi |= ip.hi() ^ first.hi();
                diffLo |= ip.lo() ^ first.lo();
            }
        }
        if (first == null) {
            return null;
        }
        int common;
        if (family == IpFamily.IPv4) {
            common = Integer.numberOfLeadingZeros((int) diffLo);
            return new Cidr(first, Math.min(common, 16));
        }
        common = diffHi != 0 ? Long.numberOfLeadingZeros(diffHi) : 64 + Long.numberOfLeadingZeros(diffLo);
        return new Cidr(first, Math.min(common, 112));
    }

    private ClusterSnapshot grow() {
        checkNodePorts();
        for (Node n : cluster.nodes().values()) {
            for (NodeAddress a : n.addresses()) {
                if (a.ip() != null) {
                    nodeIPs.add(a.ip());
                }
            }
        }
        markUsed();
        for (IpFamily f : IpFamily.values()) {
            serviceCidrs.computeIfAbsent(f, fam -> inferServiceCidr(cluster, fam));
        }
        List<Service> services = new ArrayList<>(cluster.services().values());
        List<EndpointSlice> slices = new ArrayList<>(cluster.slices().values());
        for (int k = 1; k < factor; k++) {
            Map<IpAddress, IpAddress> remap = new HashMap<>();
            for (Service s : cluster.services().values()) {
                Service copy = copy(s, k, remap);
                services.add(copy);
                for (EndpointSlice sl : cluster.slicesOf(s.ref())) {
                    slices.add(copy(sl, copy.ref().name(), k, remap));
                }
            }
        }
        return ClusterSnapshot.of(services, slices, cluster.nodes().values());
    }

    private void checkNodePorts() {
        int perCopy = nodePortsPerCopy(cluster);
        for (Service s : cluster.services().values()) {
            for (ServicePort p : s.ports()) {
                nodePorts.take(p.nodePort());
            }
            nodePorts.take(s.healthCheckNodePort());
        }
        long needed = (long) perCopy * (factor - 1);
        if (needed > nodePorts.free()) {
            Ports.Range r = nodePorts.range();
            throw new UserError("growth x" + factor + ": needs " + needed + " more node ports (" + perCopy
                    + " per copy) but the node-port range " + r.first() + "-" + r.last() + " (" + r.size()
                    + " ports) has " + nodePorts.free() + " free");
        }
    }

    private void markUsed() {
        used.addAll(nodeIPs);
        for (Service s : cluster.services().values()) {
            used.addAll(s.clusterIPs());
            used.addAll(s.externalIPs());
            for (LoadBalancerIngress i : s.ingress()) {
                if (i.ip() != null) {
                    used.add(i.ip());
                }
            }
        }
        for (EndpointSlice sl : cluster.slices().values()) {
            for (Endpoint e : sl.endpoints()) {
                used.addAll(e.addresses());
            }
        }
    }

    private String name(String original, int k) {
        return original + "-x" + factor + "-" + k;
    }

    private Service copy(Service s, int k, Map<IpAddress, IpAddress> remap) {
        List<IpAddress> clusterIPs = new ArrayList<>();
        for (IpAddress ip : s.clusterIPs()) {
            Cidr c = serviceCidrs.get(ip.family());
            clusterIPs.add(pools.computeIfAbsent(c, x -> new AddressPool(x, "service CIDR", used)).next());
        }
        List<ServicePort> ports = new ArrayList<>();
        Map<Integer, Integer> shared = new HashMap<>();
        for (ServicePort p : s.ports()) {
            ports.add(new ServicePort(p.name(), p.protocol(), p.port(), p.targetPort(),
                    p.nodePort() == 0 ? 0 : shared.computeIfAbsent(p.nodePort(), x -> nodePorts.next())));
        }
        List<IpAddress> externalIPs = new ArrayList<>();
        for (IpAddress ip : s.externalIPs()) {
            externalIPs.add(remap.computeIfAbsent(ip, x -> nearby(x, "externalIP range")));
        }
        List<LoadBalancerIngress> ingress = new ArrayList<>();
        for (LoadBalancerIngress i : s.ingress()) {
            IpAddress ip = i.ip() == null ? null : remap.computeIfAbsent(i.ip(), x -> nearby(x, "LoadBalancer range"));
            ingress.add(new LoadBalancerIngress(ip, i.hostname(), i.ipMode()));
        }
        return new Service(ObjectRef.of(s.ref().namespace(), name(s.ref().name(), k)), s.type(), clusterIPs,
                s.headless(), s.ipFamilies(), ports, externalIPs, ingress, s.externalTrafficPolicy(),
                s.internalTrafficPolicy(), s.sessionAffinity(), s.sessionAffinityTimeoutSeconds(),
                s.loadBalancerSourceRanges(), s.healthCheckNodePort() == 0 ? 0 : nodePorts.next(), s.externalName(),
                s.selector());
    }

    private EndpointSlice copy(EndpointSlice sl, String serviceName, int k, Map<IpAddress, IpAddress> remap) {
        List<Endpoint> endpoints = new ArrayList<>(sl.endpoints().size());
        for (Endpoint e : sl.endpoints()) {
            List<IpAddress> addresses = new ArrayList<>(e.addresses().size());
            for (IpAddress ip : e.addresses()) {
                addresses.add(nodeIPs.contains(ip) ? ip : remap.computeIfAbsent(ip, x -> podIP(x, e.nodeName())));
            }
            TargetRef t = e.targetRef() == null ? null
                    : new TargetRef(e.targetRef().kind(), e.targetRef().namespace(), name(e.targetRef().name(), k));
            endpoints.add(new Endpoint(addresses, e.ready(), e.serving(), e.terminating(), e.nodeName(), e.zone(),
                    e.zoneHints(), e.nodeHints(), e.hostname(), t));
        }
        return new EndpointSlice(ObjectRef.of(sl.ref().namespace(), name(sl.ref().name(), k)), serviceName,
                sl.addressType(), sl.ports(), endpoints);
    }

    /**
     * A new pod IP from the pod CIDR of {@code nodeName} that holds {@code ip}; when there is none, or it is full
     * (growth past the node's pod capacity), from the addresses around {@code ip} ({@link #nearby}), as if the
     * node had been given another podCIDR.
     */
    private IpAddress podIP(IpAddress ip, String nodeName) {
        Node n = nodeName == null ? null : cluster.node(nodeName);
        if (n != null) {
            for (Cidr c : n.podCIDRs()) {
                AddressPool pool = c.contains(ip) ? pools.computeIfAbsent(c, x -> new AddressPool(x, "pod CIDR", used))
                        : null;
                if (pool != null && pool.hasNext()) {
                    return pool.next();
                }
            }
        }
        return nearby(ip, "pod range");
    }

    /** A new address in the /24 (IPv4) or /120 (IPv6) around {@code ip}, else in the /16 or /112 around it. */
    private IpAddress nearby(IpAddress ip, String what) {
        AddressPool near = pools.computeIfAbsent(new Cidr(ip, ip.isV4() ? 24 : 120),
                x -> new AddressPool(x, what, used));
        if (near.hasNext()) {
            return near.next();
        }
        return pools.computeIfAbsent(new Cidr(ip, ip.isV4() ? 16 : 112), x -> new AddressPool(x, what, used)).next();
    }
}
