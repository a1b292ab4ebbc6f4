package io.kpbench.cluster;

import io.kpbench.net.IpFamily;
import java.util.List;

/**
 * An immutable {@code discovery.k8s.io/v1} EndpointSlice of one address family.
 *
 * @param ref namespace and name of the slice
 * @param serviceName the owning service's name, from the {@code kubernetes.io/service-name} label
 * @param addressType IPv4 or IPv6 (FQDN slices are not proxied and are not modelled)
 * @param ports the slice's ports
 * @param endpoints the slice's endpoints
 */
public record EndpointSlice(
        ObjectRef ref,
        String serviceName,
        IpFamily addressType,
        List<EndpointPort> ports,
        List<Endpoint> endpoints) {

    /** The label that names the owning service. */
    public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

    /** Copies the lists. */
    public EndpointSlice {
        ports = List.copyOf(ports);
        endpoints = List.copyOf(endpoints);
    }

    /** The owning service's reference (same namespace as the slice). */
    public ObjectRef serviceRef() {
        return ObjectRef.of(ref.namespace(), serviceName);
    }
}
