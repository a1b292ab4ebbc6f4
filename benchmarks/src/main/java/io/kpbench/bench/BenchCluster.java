package io.kpbench.bench;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.Node;
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
import java.util.List;

/**
 * The benchmarks' fixture: a seeded synthetic cluster of ClusterIP services on 100 nodes, and the
 * {@link NodeConfig} of its first node with the pod CIDR as the local-traffic detector ({@code --cluster-cidr}),
 * as kubeadm and kind configure kube-proxy.
 *
 * @param snapshot the cluster
 * @param node the proxier's node (the first node)
 */
record BenchCluster(ClusterSnapshot snapshot, NodeConfig node) {
    /** Nodes in every benchmark cluster. */
    static final int NODES = 100;
    /** The seed of every benchmark cluster. */
    static final long SEED = 1;

    /** {@code services} ClusterIP services of {@code endpoints} endpoints each (seed 1, 10% UDP ports). */
    static BenchCluster clusterIp(int services, int endpoints) {
        return of(services, endpoints, "ClusterIP");
    }

    /** {@code services} services of {@code type} (ClusterIP, NodePort or LoadBalancer), otherwise as {@link #clusterIp}. */
    static BenchCluster of(int services, int endpoints, String type) {
        SyntheticSpec spec = SyntheticSpec.parse("services=" + services + ",endpoints=" + endpoints + ",nodes="
                + NODES + ",seed=" + SEED + ",types=" + type + ":1");
        ClusterSnapshot c = SyntheticCluster.generate(spec);
        return new BenchCluster(c, nodeConfig(c, spec.podCidr()));
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
