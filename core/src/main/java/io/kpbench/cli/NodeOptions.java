package io.kpbench.cli;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.Node;
import io.kpbench.cluster.NodeAddress;
import io.kpbench.common.UserError;
import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.proxy.NodeConfig;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.StringJoiner;
import picocli.CommandLine.Option;

/**
 * The node a proxier runs on, with kube-proxy's flags: shared by {@code trace}, {@code render} and the
 * commands that build proxiers.
 */
public final class NodeOptions {
    /** How many node names an unknown-node error lists before {@code ...}. */
    static final int KNOWN_NODES_SHOWN = 10;

    @Option(names = "--node", paramLabel = "NAME",
            description = "The node the proxier runs on, one of the cluster's Nodes (default: the first Node).")
    String node;

    @Option(names = "--node-ip", paramLabel = "IP",
            description = "A node IP (repeatable; the first of each family is primary) (default: the Node's "
                    + "InternalIP and ExternalIP addresses).")
    List<String> nodeIPs = new ArrayList<>();

    @Option(names = "--cluster-cidr", paramLabel = "CIDR",
            description = "kube-proxy's --cluster-cidr, the local-traffic detector (repeatable) (default: none, "
                    + "so no detector, as in kube-proxy).")
    List<String> clusterCIDRs = new ArrayList<>();

    @Option(names = "--masquerade-all", description = "kube-proxy's --masquerade-all (default: off).")
    boolean masqueradeAll;

    @Option(names = "--nodeport-addresses", paramLabel = "CIDR", split = ",",
            description = "kube-proxy's --nodeport-addresses (default: all local addresses for iptables, "
                    + "the primary IPs for nftables).")
    List<String> nodePortAddresses = new ArrayList<>();

    @Option(names = "--no-localhost-nodeports",
            description = "Turn off --iptables-localhost-nodeports (iptables, IPv4) (default: on, as in kube-proxy).")
    boolean noLocalhostNodePorts;

    @Option(names = "--service-cidr", paramLabel = "CIDR",
            description = "A service CIDR (repeatable; nftables drops unallocated addresses in it) (default: none).")
    List<String> serviceCIDRs = new ArrayList<>();

    /** Checks the addresses and CIDRs given, so that a typo is reported before any cluster is built. */
    public void check() {
        ips();
        cidrs("--cluster-cidr", clusterCIDRs);
        cidrs("--nodeport-addresses", nodePortAddresses);
        cidrs("--service-cidr", serviceCIDRs);
    }

    /**
     * The node configuration for {@code cluster}. A {@code --node} that names none of the cluster's Nodes is an
     * error listing the known ones; with a cluster of no Nodes (an iptables-save dump) any name goes.
     */
    public NodeConfig resolve(ClusterSnapshot cluster) {
        String name = node;
        Node n;
        if (name == null) {
            n = cluster.nodes().isEmpty() ? null : cluster.nodes().values().iterator().next();
            name = n == null ? "node" : n.name();
        } else {
            n = cluster.node(name);
            if (n == null && !cluster.nodes().isEmpty()) {
                throw new UserError("--node: unknown node '" + name + "' (known: " + known(cluster) + ")");
            }
        }
        List<IpAddress> ips = ips();
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

    /** The cluster's node names, at most {@link #KNOWN_NODES_SHOWN} of them, then {@code ...}. */
    static String known(ClusterSnapshot cluster) {
        StringJoiner j = new StringJoiner(", ");
        Iterator<String> names = cluster.nodes().keySet().iterator();
        for (int i = 0; i < KNOWN_NODES_SHOWN && names.hasNext(); i++) {
            j.add(names.next());
        }
        if (names.hasNext()) {
            j.add("...");
        }
        return j.toString();
    }

    static IpAddress parseIp(String option, String s) {
        IpAddress ip = IpAddress.tryParse(s);
        if (ip == null) {
            throw new UserError(option + ": '" + s + "' is not a valid IP address");
        }
        return ip;
    }

    private List<IpAddress> ips() {
        List<IpAddress> ips = new ArrayList<>();
        for (String s : nodeIPs) {
            ips.add(parseIp("--node-ip", s));
        }
        return ips;
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
