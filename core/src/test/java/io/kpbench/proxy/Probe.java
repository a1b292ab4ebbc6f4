package io.kpbench.proxy;

import io.kpbench.cluster.Service;
import io.kpbench.cluster.ServicePort;
import io.kpbench.net.FiveTuple;
import java.util.List;

/**
 * One NEW packet sent to a generated cluster, with what it is aimed at and where it comes from, so that an
 * allowed difference between two modes can be stated about the situation rather than about addresses.
 *
 * @param dst what the destination address and port are
 * @param src who sends the packet
 * @param service the service the destination belongs to, or null
 * @param port the service port the destination belongs to, or null
 * @param allEndpoints every endpoint of the port, as {@link EndpointsMap} merges them
 * @param endpoints the port's endpoints as this node categorises them (empty lists without a service)
 * @param packet the packet
 */
public record Probe(Dst dst, Src src, Service service, ServicePort port, List<EndpointInfo> allEndpoints,
        Topology.Categorized endpoints, FiveTuple packet) {

    /** What a packet is aimed at. */
    public enum Dst {
        /** The service's ClusterIP and port. */
        CLUSTER_IP,
        /** The service's ClusterIP on a port the service does not define. */
        CLUSTER_IP_WRONG_PORT,
        /** The node's primary IP and the port's NodePort. */
        NODE_PORT,
        /** A secondary node IP and the port's NodePort. */
        NODE_PORT_SECONDARY_IP,
        /** 127.0.0.1 and the port's NodePort. */
        NODE_PORT_LOCALHOST,
        /** The node's primary IP and the service's health-check node port. */
        HEALTH_CHECK_NODE_PORT,
        /** A LoadBalancer ingress IP and the service port. */
        LOAD_BALANCER,
        /** An externalIP and the service port. */
        EXTERNAL_IP,
        /** An address inside the service CIDR that no service holds. */
        UNALLOCATED_SERVICE_IP,
        /** An address outside every cluster range. */
        UNRELATED
    }

    /** Who sends a packet. */
    public enum Src {
        /** A pod on this node (not an endpoint of the service). */
        LOCAL_POD,
        /** A pod on another node. */
        REMOTE_POD,
        /** The service's first endpoint on this node, itself (hairpin). */
        ENDPOINT_ITSELF,
        /** This node's primary IP. */
        THIS_NODE,
        /** 127.0.0.1 on this node (only towards 127.0.0.1). */
        LOCALHOST,
        /** Another node's IP. */
        OTHER_NODE,
        /** An external client inside the LB source ranges the generator uses. */
        EXTERNAL_IN_RANGE,
        /** An external client outside every source range. */
        EXTERNAL
    }

    /** True for sources that are pods. */
    public boolean fromPod() {
        return src == Src.LOCAL_POD || src == Src.REMOTE_POD || src == Src.ENDPOINT_ITSELF;
    }

    /** True for sources that are this node's own addresses. */
    public boolean fromThisNode() {
        return src == Src.THIS_NODE || src == Src.LOCALHOST;
    }

    /** True when the destination is a NodePort, an LB VIP or an externalIP: externalTrafficPolicy applies. */
    public boolean toExternalAddress() {
        return dst == Dst.NODE_PORT || dst == Dst.NODE_PORT_SECONDARY_IP || dst == Dst.NODE_PORT_LOCALHOST
                || dst == Dst.LOAD_BALANCER || dst == Dst.EXTERNAL_IP;
    }

    /** True when the service has externalTrafficPolicy Local. */
    public boolean externalLocal() {
        return service != null && service.externalPolicyLocal();
    }

    /** True when the service has internalTrafficPolicy Local. */
    public boolean internalLocal() {
        return service != null && service.internalPolicyLocal();
    }

    /** True when the service has loadBalancerSourceRanges. */
    public boolean hasSourceRanges() {
        return service != null && !service.loadBalancerSourceRanges().isEmpty();
    }

    /** True when some usable endpoint exists anywhere. */
    public boolean hasAnyEndpoints() {
        return endpoints.hasAnyEndpoints();
    }

    /** True when Local-policy traffic has an endpoint on this node. */
    public boolean hasLocalEndpoints() {
        return !endpoints.local().isEmpty();
    }

    @Override
    public String toString() {
        return src + " -> " + dst + (service == null ? "" : " of " + service.ref() + " (" + service.type()
                + (externalLocal() ? ", eTP=Local" : "") + (internalLocal() ? ", iTP=Local" : "")
                + (hasSourceRanges() ? ", ranges " + service.loadBalancerSourceRanges() : "")
                + ", cluster eps " + endpoints.cluster() + ", local eps " + endpoints.local() + ")") + ": "
                + packet;
    }
}
