package io.kpbench.path;

import io.kpbench.cluster.ObjectRef;
import io.kpbench.net.IpAddress;

/**
 * A pod of the path model: a name, an IP on its node's pod CIDR, and the node it runs on.
 *
 * @param ref namespace and name, printed {@code pod/ns/name}
 * @param ip the pod IP
 * @param node the index of the node in {@link ClusterNetwork#nodes()}
 * @param endpoint true for a pod behind some EndpointSlice, false for a client pod
 */
public record Pod(ObjectRef ref, IpAddress ip, int node, boolean endpoint) {
    /** The CLI spelling, {@code pod/ns/name}. */
    public String label() {
        return "pod/" + ref.namespace() + "/" + ref.name();
    }
}
