package io.kpbench.path;

import io.kpbench.cluster.ObjectRef;
import io.kpbench.net.IpAddress;

/**
 * A pod of the path model: a name, its IPs on its node's pod CIDRs, and the node it runs on.
 *
 * @param ref namespace and name, printed {@code pod/ns/name}
 * @param ip the IPv4 pod IP, or null for an IPv6-only pod
 * @param ip6 the IPv6 pod IP, or null for an IPv4-only pod
 * @param node the index of the node in {@link ClusterNetwork#nodes()}
 * @param endpoint true for a pod behind some EndpointSlice, false for a client pod
 */
public record Pod(ObjectRef ref, IpAddress ip, IpAddress ip6, int node, boolean endpoint) {
    /** An IPv4-only pod. */
    public Pod(ObjectRef ref, IpAddress ip, int node, boolean endpoint) {
        this(ref, ip, null, node, endpoint);
    }

    /** The pod's address of {@code family}, or null. */
    public IpAddress ip(io.kpbench.net.IpFamily family) {
        return family == io.kpbench.net.IpFamily.IPv4 ? ip : ip6;
    }

    /** The CLI spelling, {@code pod/ns/name}. */
    public String label() {
        return "pod/" + ref.namespace() + "/" + ref.name();
    }
}
