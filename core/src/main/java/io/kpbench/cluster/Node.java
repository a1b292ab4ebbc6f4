package io.kpbench.cluster;

import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import java.util.List;
import java.util.Map;

/**
 * An immutable Node: its name, addresses, labels (zone) and pod CIDRs.
 *
 * @param name the node name (what an endpoint's {@code nodeName} refers to)
 * @param addresses {@code status.addresses}
 * @param labels {@code metadata.labels}
 * @param podCIDRs {@code spec.podCIDRs}
 */
public record Node(String name, List<NodeAddress> addresses, Map<String, String> labels, List<Cidr> podCIDRs) {
    /** The well-known zone label. */
    public static final String ZONE_LABEL = "topology.kubernetes.io/zone";

    /** Copies the collections. */
    public Node {
        addresses = List.copyOf(addresses);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        podCIDRs = podCIDRs == null ? List.of() : List.copyOf(podCIDRs);
    }

    /** The zone from {@code topology.kubernetes.io/zone}, or null. */
    public String zone() {
        return labels.get(ZONE_LABEL);
    }

    /** The node's primary IP of a family: the first InternalIP of it, else the first ExternalIP; or null. */
    public IpAddress primaryIP(IpFamily family) {
        for (String type : new String[] {NodeAddress.INTERNAL_IP, NodeAddress.EXTERNAL_IP}) {
            for (NodeAddress a : addresses) {
                if (type.equals(a.type()) && a.ip() != null && a.ip().family() == family) {
                    return a.ip();
                }
            }
        }
        return null;
    }
}
