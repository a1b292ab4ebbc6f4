package io.kpbench.proxy.nftables.nft;

import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.NodeConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-family, per-node facts the nftables rules depend on, derived once from {@link NodeConfig}: the
 * spellings ({@code ip}/{@code ip6}, {@code ipv4_addr}/{@code ipv6_addr}), the local-traffic detector (the first
 * cluster CIDR of the family, or none), the primary node IP, the local addresses ({@code fib ... type local}),
 * the {@code nodeport-ips} and the service CIDRs.
 *
 * @param node the node settings
 * @param family the proxier's family
 * @param ipX {@code ip} or {@code ip6}
 * @param addrType {@code ipv4_addr} or {@code ipv6_addr}
 * @param podCidr the local detector's CIDR, or null without a detector
 * @param nodeIP the primary node IP of the family, or null
 * @param localIPs the node's addresses of the family
 * @param nodePortIPs the addresses that accept NodePorts
 * @param serviceCidrs the service CIDRs of the family
 */
public record NodeContext(NodeConfig node, IpFamily family, String ipX, String addrType, Cidr podCidr, IpAddress nodeIP,
        List<IpAddress> localIPs, List<IpAddress> nodePortIPs, List<Cidr> serviceCidrs) {

    public static NodeContext of(NodeConfig node, IpFamily family) {
        boolean v4 = family == IpFamily.IPv4;
        List<Cidr> cluster = node.clusterCIDRs(family);
        List<IpAddress> local = node.nodeIPs(family);
        List<Cidr> npa = new ArrayList<>();
        for (Cidr c : node.nodePortAddresses()) {
            if (c.family() == family) {
                npa.add(c);
            }
        }
        List<IpAddress> np = new ArrayList<>();
        if (npa.isEmpty()) {
            IpAddress primary = node.primaryIP(family);
            if (primary != null && !primary.isLoopback()) {
                np.add(primary);
            }
        } else {
            for (IpAddress ip : local) {
                if (!ip.isLoopback() && npa.stream().anyMatch(c -> c.contains(ip))) {
                    np.add(ip);
                }
            }
        }
        List<Cidr> svc = new ArrayList<>();
        for (Cidr c : node.serviceCIDRs()) {
            if (c.family() == family) {
                svc.add(c);
            }
        }
        return new NodeContext(node, family, v4 ? "ip" : "ip6", v4 ? "ipv4_addr" : "ipv6_addr",
                cluster.isEmpty() ? null : cluster.get(0), node.primaryIP(family), List.copyOf(local),
                List.copyOf(np), List.copyOf(svc));
    }

    /** The table's family keyword: {@code ip} or {@code ip6}. */
    public String tableFamily() {
        return ipX;
    }
}
