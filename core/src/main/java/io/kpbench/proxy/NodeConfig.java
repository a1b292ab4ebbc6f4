package io.kpbench.proxy;

import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-node settings of a proxier, mirroring kube-proxy's flags.
 *
 * @param nodeName {@code --hostname-override}: endpoints with this nodeName are local
 * @param nodeIPs the node's IPs; the first of each family is the primary ({@code --node-ip})
 * @param zone the node's {@code topology.kubernetes.io/zone} label, or null
 * @param clusterCIDRs {@code --cluster-cidr}: the local-traffic detector; empty means no detector (NoOp)
 * @param masqueradeAll {@code --masquerade-all}
 * @param masqueradeBit {@code --iptables-masquerade-bit} (14, i.e. mark 0x4000)
 * @param nodePortAddresses {@code --nodeport-addresses}; empty means every local address (iptables) or the
 *     primary IPs (nftables)
 * @param localhostNodePorts {@code --iptables-localhost-nodeports} (iptables, IPv4 only)
 * @param serviceCIDRs the service CIDRs (nftables drops unallocated addresses in them)
 * @param preferSameNode the PreferSameTrafficDistribution feature gate (node hints)
 */
public record NodeConfig(
        String nodeName,
        List<IpAddress> nodeIPs,
        String zone,
        List<Cidr> clusterCIDRs,
        boolean masqueradeAll,
        int masqueradeBit,
        List<Cidr> nodePortAddresses,
        boolean localhostNodePorts,
        List<Cidr> serviceCIDRs,
        boolean preferSameNode) {

    /** kube-proxy's default masquerade bit. */
    public static final int DEFAULT_MASQUERADE_BIT = 14;

    /** Copies the lists. */
    public NodeConfig {
        nodeIPs = List.copyOf(nodeIPs);
        clusterCIDRs = List.copyOf(clusterCIDRs);
        nodePortAddresses = List.copyOf(nodePortAddresses);
        serviceCIDRs = List.copyOf(serviceCIDRs);
    }

    /** A node with defaults for everything but its name and IPs. */
    public static NodeConfig of(String nodeName, List<IpAddress> nodeIPs) {
        return new NodeConfig(nodeName, nodeIPs, null, List.of(), false, DEFAULT_MASQUERADE_BIT, List.of(), true,
                List.of(), true);
    }

    /** The masquerade mark, {@code 1 << masqueradeBit} (0x4000 by default). */
    public int masqueradeMark() {
        return 1 << masqueradeBit;
    }

    /** The primary node IP of {@code family}, or null. */
    public IpAddress primaryIP(IpFamily family) {
        for (IpAddress ip : nodeIPs) {
            if (ip.family() == family) {
                return ip;
            }
        }
        return null;
    }

    /** The node IPs of {@code family}. */
    public List<IpAddress> nodeIPs(IpFamily family) {
        List<IpAddress> out = new ArrayList<>();
        for (IpAddress ip : nodeIPs) {
            if (ip.family() == family) {
                out.add(ip);
            }
        }
        return out;
    }

    /** The cluster CIDRs of {@code family} (the local detector of that family's proxier). */
    public List<Cidr> clusterCIDRs(IpFamily family) {
        return clusterCIDRs.stream().filter(c -> c.family() == family).toList();
    }

    /** Copies with other cluster CIDRs. */
    public NodeConfig withClusterCIDRs(List<Cidr> cidrs) {
        return new NodeConfig(nodeName, nodeIPs, zone, cidrs, masqueradeAll, masqueradeBit, nodePortAddresses,
                localhostNodePorts, serviceCIDRs, preferSameNode);
    }

    /** Copies with masquerade-all set. */
    public NodeConfig withMasqueradeAll(boolean on) {
        return new NodeConfig(nodeName, nodeIPs, zone, clusterCIDRs, on, masqueradeBit, nodePortAddresses,
                localhostNodePorts, serviceCIDRs, preferSameNode);
    }
}
