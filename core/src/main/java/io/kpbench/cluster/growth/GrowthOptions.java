package io.kpbench.cluster.growth;

import io.kpbench.net.Cidr;
import io.kpbench.net.Ports;
import java.util.List;

/**
 * What {@link ClusterGrowth} allocates from: the API server's node-port range and, optionally, its service CIDRs
 * (kube-apiserver {@code --service-node-port-range}, {@code --service-cluster-ip-range}).
 *
 * @param nodePortRange the node-port range new node ports come from (default 30000-32767)
 * @param serviceCidrs the service CIDRs, at most one per family; empty to infer each family's from the
 *     cluster's ClusterIPs ({@link ClusterGrowth#inferServiceCidr})
 */
public record GrowthOptions(Ports.Range nodePortRange, List<Cidr> serviceCidrs) {
    /** Copies the list. */
    public GrowthOptions {
        serviceCidrs = List.copyOf(serviceCidrs);
    }

    /** The API server's default node-port range and inferred service CIDRs. */
    public static GrowthOptions defaults() {
        return new GrowthOptions(Ports.Range.DEFAULT_NODE_PORTS, List.of());
    }
}
