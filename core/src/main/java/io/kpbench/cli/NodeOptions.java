package io.kpbench.cli;

import io.kpbench.common.UserError;
import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.Node;
import io.kpbench.cluster.NodeAddress;
import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.proxy.NodeConfig;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The node a proxier runs on, with kube-proxy's flags: shared by {@code trace}, {@code render} and the
 * commands that build proxiers.
 */
public final class NodeOptions {
    @Option(names = "--node", paramLabel = "NAME",
            description = "The node the proxier runs on (default: the first Node in the cluster).")
    String node;

    @Option(names = "--node-ip", paramLabel = "IP",
            description = "A node IP (repeatable; the first of each family is primary). Default: the Node's "
                    + "InternalIP/ExternalIP addresses.")
    List<String> nodeIPs = new ArrayList<>();

    @Option(names = "--cluster-cidr", paramLabel = "CIDR",
            description = "kube-proxy's --cluster-cidr, the local-traffic detector (repeatable). Absent: no "
                    + "detector, as in kube-proxy.")
    List<String> clusterCIDRs = new ArrayList<>();

    @Option(names = "--masquerade-all", description = "kube-proxy's --masquerade-all.")
    boolean masqueradeAll;

    @Option(names = "--nodeport-addresses", paramLabel = "CIDR,...", split = ",",
            description = "kube-proxy's --nodeport-addresses (default: all local addresses for iptables, "
                    + "the primary IPs for nftables).")
    List<String> nodePortAddresses = new ArrayList<>();

    @Option(names = "--no-localhost-nodeports",
            description = "Turn off --iptables-localhost-nodeports (iptables, IPv4; on by default).")
    boolean noLocalhostNodePorts;

    @Option(names = "--service-cidr", paramLabel = "CIDR",
            description = "A service CIDR (repeatable; nftables drops unallocated addresses in it).")
    List<String> serviceCIDRs = new ArrayList<>();

    /** The node configuration for {@code cluster}. */
    public NodeConfig resolve(ClusterSnapshot cluster) {
        String name = node;
        Node n = null;
        if (name == null) {
            n = cluster.nodes().isEmpty() ? null : cluster.nodes().values().iterator().next();
            name = n == null ? "node" : n.name();
        } else {
            n = cluster.node(name);
        }
        List<IpAddress> ips = new ArrayList<>();
        for (String s : nodeIPs) {
            ips.add(parseIp("--node-ip", s));
        }
        if (ips.isEmpty() && n != null) {
            for (String type : new String[] {NodeAddress.INTERNAL_IP, NodeAddress.EXTERNAL_IP}) {
                for (NodeAddress a : n.addresses()) {
                    if (type.equals(a.type()) && a.ip() != null) {
                        ips.add(a.ip());
                    }
                }
            }
        }
        if (ips.isEmpty()) {
            throw new UserError("--node-ip: node '" + name + "' has no IP: give --node-ip, or a Node named '"
                    + name + "' with an InternalIP in the manifests");
        }
        return new NodeConfig(name, ips, n == null ? null : n.zone(), cidrs("--cluster-cidr", clusterCIDRs),
                masqueradeAll, NodeConfig.DEFAULT_MASQUERADE_BIT, cidrs("--nodeport-addresses", nodePortAddresses),
                !noLocalhostNodePorts, cidrs("--service-cidr", serviceCIDRs), true);
    }

    static IpAddress parseIp(String option, String s) {
        IpAddress ip = IpAddress.tryParse(s);
        if (ip == null) {
            throw new UserError(option + ": '" + s + "' is not a valid IP address");
        }
        return ip;
    }

    private static List<Cidr> cidrs(String option, List<String> texts) {
        List<Cidr> out = new ArrayList<>();
        for (String t : texts) {
            try {
                out.add(Cidr.parse(t));
            } catch (IllegalArgumentException e) {
                throw new UserError(option + ": " + e.getMessage());
            }
        }
        return out;
    }
}
