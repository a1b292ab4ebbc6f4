package io.kpbench.bench;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.Node;
import io.kpbench.cluster.NodeAddress;
import io.kpbench.cluster.Service;
import io.kpbench.cluster.synthetic.SyntheticCluster;
import io.kpbench.cluster.synthetic.SyntheticSpec;
import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.DataPlane;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.ProxyMode;
import io.kpbench.proxy.ebpf.EbpfConfig;
import io.kpbench.proxy.ebpf.EbpfDataPlane;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmarks' fixture: a seeded synthetic cluster of ClusterIP services on 100 nodes, and the
 * {@link NodeConfig} of its first node with the pod CIDR as the local-traffic detector ({@code --cluster-cidr}),
 * as kubeadm and kind configure kube-proxy. With {@code -Dbench.cluster} or {@code -Dbench.synthetic}
 * ({@link BenchInput}) a benchmark's {@code services} value names a growth factor of that cluster instead (the
 * driver sweeps the cluster's service count × each {@code -Dbench.scale} factor), and the node is
 * {@code -Dbench.node} or the first by name.
 *
 * @param snapshot the cluster
 * @param node the proxier's node (the first node)
 */
record BenchCluster(ClusterSnapshot snapshot, NodeConfig node) {
    /** Nodes in every benchmark cluster. */
    static final int NODES = 100;
    /** The seed of every benchmark cluster. */
    static final long SEED = 1;
    /** Where the synthetic externalIPs come from (RFC 6598 shared space, apart from the generator's CIDRs). */
    static final Cidr EXTERNAL_IPS = Cidr.parse("100.64.0.0/10");

    /**
     * {@code services} ClusterIP services of {@code endpoints} endpoints each (seed 1, 10% UDP ports); or, when
     * {@code services} is the given cluster's service count × a {@code -Dbench.scale} factor, that cluster.
     */
    static BenchCluster clusterIp(int services, int endpoints) {
        BenchCluster given = given(services);
        return given != null ? given : of(services, endpoints, "ClusterIP");
    }

    /**
     * The fixture of a first packet on {@code path}: the given cluster as {@link #clusterIp}; else synthetic
     * services of the path's type, and for {@code externalIP} ClusterIP services with one externalIP each.
     */
    static BenchCluster forPath(int services, int endpoints, ServicePath path) {
        BenchCluster given = given(services);
        if (given != null) {
            return given;
        }
        return switch (path) {
            case nodePort -> of(services, endpoints, "NodePort");
            case loadBalancer -> of(services, endpoints, "LoadBalancer");
            case externalIP -> of(services, endpoints, "ClusterIP").withExternalIPs();
            default -> of(services, endpoints, "ClusterIP");
        };
    }

    /** {@code services} services of {@code type} (ClusterIP, NodePort or LoadBalancer), otherwise as {@link #clusterIp}. */
    static BenchCluster of(int services, int endpoints, String type) {
        SyntheticSpec spec = SyntheticSpec.parse("services=" + services + ",endpoints=" + endpoints + ",nodes="
                + BenchInput.current().nodesOr(NODES) + ",seed=" + SEED + ",types=" + type + ":1");
        ClusterSnapshot c = SyntheticCluster.generate(spec);
        return new BenchCluster(c, nodeConfig(c, spec.podCidr()));
    }

    /** The given cluster at the factor whose service count is {@code services}, or null when there is none. */
    private static BenchCluster given(int services) {
        BenchInput in = BenchInput.current();
        int factor = in.given() ? in.factorOf(services) : 0;
        if (factor == 0) {
            return null;
        }
        ClusterSnapshot c = in.at(factor);
        return new BenchCluster(c, nodeConfig(c, in.node()));
    }

    /**
     * The proxier's node in a given cluster: {@code name}, or the first node by name when empty, with its
     * InternalIP and ExternalIP addresses and, when nodes have IPv4 pod CIDRs, the prefix covering them all as the
     * local-traffic detector; one line when the node is unknown or has no IPv4 address.
     */
    static NodeConfig nodeConfig(ClusterSnapshot c, String name) {
        Node n = name.isEmpty() ? c.nodes().values().stream().min((a, b) -> a.name().compareTo(b.name()))
                .orElse(null) : c.node(name);
        if (n == null) {
            throw new IllegalArgumentException(name.isEmpty() ? "the cluster has no Node to run the proxier on"
                    : "-Dbench.node: unknown node '" + name + "' (known: "
                            + String.join(", ", c.nodes().keySet().stream().limit(10).toList()) + ")");
        }
        List<IpAddress> ips = new ArrayList<>();
        for (String type : new String[] {NodeAddress.INTERNAL_IP, NodeAddress.EXTERNAL_IP}) {
            for (NodeAddress a : n.addresses()) {
                if (type.equals(a.type()) && a.ip() != null && a.ip().isV4()) {
                    ips.add(a.ip());
                }
            }
        }
        if (ips.isEmpty()) {
            throw new IllegalArgumentException("node " + n.name() + " has no IPv4 InternalIP or ExternalIP");
        }
        NodeConfig config = NodeConfig.of(n.name(), ips);
        Cidr pods = n.podCIDRs().stream().filter(p -> p.family() == IpFamily.IPv4).findFirst().orElse(null);
        return pods == null ? config : config.withClusterCIDRs(List.of(covering(pods, c)));
    }

    /** This cluster with one externalIP per proxied service, from {@link #EXTERNAL_IPS} in service order. */
    BenchCluster withExternalIPs() {
        List<Service> services = new ArrayList<>();
        int next = EXTERNAL_IPS.base().v4() + 1;
        List<Service> sorted = new ArrayList<>(snapshot.services().values());
        sorted.sort((a, b) -> a.ref().compareTo(b.ref()));
        for (Service s : sorted) {
            List<IpAddress> ext = s.proxied() ? List.of(IpAddress.ofV4(next++)) : List.of();
            services.add(new Service(s.ref(), s.type(), s.clusterIPs(), s.headless(), s.ipFamilies(), s.ports(), ext,
                    s.ingress(), s.externalTrafficPolicy(), s.internalTrafficPolicy(), s.sessionAffinity(),
                    s.sessionAffinityTimeoutSeconds(), s.loadBalancerSourceRanges(), s.healthCheckNodePort(),
                    s.externalName(), s.selector()));
        }
        return new BenchCluster(ClusterSnapshot.of(services, snapshot.slices().values(), snapshot.nodes().values()),
                node);
    }

    /** A new data plane of {@code mode} for this node, fully synced. */
    DataPlane syncedDataPlane(ProxyMode mode) {
        DataPlane dp = newDataPlane(mode);
        dp.sync(snapshot);
        return dp;
    }

    /**
     * A new, empty data plane of {@code mode} for this node, configured as an operator would for this cluster:
     * the registry's defaults, except that eBPF's {@code --bpf-lb-map-max} (Cilium's default 65536 entries,
     * which 10k services of 10 endpoints already exceed) is raised to a power of two with room for every
     * service and backend entry.
     */
    DataPlane newDataPlane(ProxyMode mode) {
        if (mode != ProxyMode.EBPF) {
            return mode.create(node, IpFamily.IPv4);
        }
        return new EbpfDataPlane(node, IpFamily.IPv4, EbpfConfig.defaults().withLbMapMax(ebpfLbMapMax(snapshot)));
    }

    /** An eBPF {@code --bpf-lb-map-max} with room for every service and backend entry of {@code c}. */
    static int ebpfLbMapMax(ClusterSnapshot c) {
        long entries = 0;
        for (EndpointSlice s : c.slices().values()) {
            entries += s.endpoints().size() * (long) Math.max(1, s.ports().size()) + 1;
        }
        int fit = Integer.highestOneBit((int) Math.min(1 << 29, entries * 2)) * 2;
        return Math.max(EbpfConfig.DEFAULT_LB_MAP_MAX, fit);
    }

    private static NodeConfig nodeConfig(ClusterSnapshot c, Cidr podCidr) {
        Node first = c.nodes().values().stream().min((a, b) -> a.name().compareTo(b.name())).orElseThrow();
        Cidr detector = covering(podCidr, c);
        return NodeConfig.of(first.name(), List.of(first.primaryIP(IpFamily.IPv4)))
                .withClusterCIDRs(List.of(detector));
    }

    /** {@code podCidr}, widened until it covers every node's pod CIDR (the generator widens it for big clusters). */
    private static Cidr covering(Cidr podCidr, ClusterSnapshot c) {
        int base = podCidr.base().v4();
        for (int p = podCidr.prefix(); p >= 1; p--) {
            Cidr wide = new Cidr(IpAddress.ofV4(base & Cidr.v4Mask(p)), p);
            boolean all = true;
            for (Node n : c.nodes().values()) {
                for (Cidr pc : n.podCIDRs()) {
                    all &= wide.contains(pc.base());
                }
            }
            if (all) {
                return wide;
            }
        }
        throw new IllegalStateException("no IPv4 CIDR covers the pod CIDRs");
    }
}
