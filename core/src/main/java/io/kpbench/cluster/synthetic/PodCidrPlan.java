package io.kpbench.cluster.synthetic;

import io.kpbench.net.Cidr;

/**
 * The pod address plan of a synthetic cluster: the cluster pod CIDR carved into one block per node, as
 * kube-controller-manager's nodeipam range allocator carves {@code --cluster-cidr} into
 * {@code --node-cidr-mask-size} blocks (a /24 by default), each block handed out from {@code .2} upwards as the
 * host-local IPAM plugin does ({@code .1} is the node's bridge gateway).
 *
 * <p>Unlike the real allocator, the plan widens instead of failing: a node with more pods than a /24 holds (253)
 * gets a larger block, and when the nodes' blocks do not fit the pod CIDR its prefix shrinks just enough, keeping
 * the base aligned (for /24 blocks, 10.244.0.0/16 becomes 10.244.0.0/14 for 1000 nodes and 10.240.0.0/12 for
 * 4096). It fails only when the widened CIDR would overlap another of the cluster's ranges.
 *
 * @param clusterCidr the pod CIDR in force (the spec's, or wider)
 * @param nodeMask the per-node prefix length
 */
record PodCidrPlan(Cidr clusterCidr, int nodeMask) {
    /** kube-controller-manager's default {@code --node-cidr-mask-size} for IPv4. */
    static final int DEFAULT_NODE_MASK = 24;
    /** Addresses of a node block that are not pods: the network, the gateway and the broadcast address. */
    static final int RESERVED_PER_BLOCK = 3;

    /** Plans {@code spec.nodes()} blocks of at least {@code maxPodsPerNode} pods each. */
    static PodCidrPlan plan(SyntheticSpec spec, int maxPodsPerNode) {
        int mask = DEFAULT_NODE_MASK;
        while (mask > 1 && (1L << (32 - mask)) - RESERVED_PER_BLOCK < maxPodsPerNode) {
            mask--;
        }
        int nodeBits = 32 - Integer.numberOfLeadingZeros(spec.nodes() - 1);
        int prefix = Math.min(spec.podCidr().prefix(), mask - nodeBits);
        if (prefix < 1 || (1L << (32 - mask)) - RESERVED_PER_BLOCK < maxPodsPerNode) {
            throw new IllegalArgumentException("podCidr: " + spec.nodes() + " nodes of " + maxPodsPerNode
                    + " pods (/" + mask + " blocks) do not fit the IPv4 space");
        }
        Cidr cidr = new Cidr(spec.podCidr().base(), prefix);
        check(cidr, "serviceCidr", spec.serviceCidr(), spec, mask);
        check(cidr, "nodeCidr", spec.nodeCidr(), spec, mask);
        check(cidr, "lbCidr", spec.effectiveLbPool(), spec, mask);
        return new PodCidrPlan(cidr, mask);
    }

    private static void check(Cidr cidr, String otherKey, Cidr other, SyntheticSpec spec, int mask) {
        if (cidr.overlaps(other)) {
            throw new IllegalArgumentException("podCidr: " + spec.nodes() + " nodes of /" + mask
                    + " blocks widen " + spec.podCidr() + " to " + cidr + ", which overlaps " + otherKey + " " + other);
        }
    }

    /** The pod CIDR of node {@code node} (0-based), in the order the nodeipam allocator hands them out. */
    Cidr block(int node) {
        return new Cidr(clusterCidr.address((long) node << (32 - nodeMask)), nodeMask);
    }

    /** The pods a block holds. */
    long podsPerBlock() {
        return (1L << (32 - nodeMask)) - RESERVED_PER_BLOCK;
    }

    /** The packed IPv4 address of pod {@code k} (0-based) of node {@code node}: the block base plus {@code k + 2}. */
    int podIp(int node, int k) {
        return clusterCidr.base().v4() + (node << (32 - nodeMask)) + k + 2;
    }
}
