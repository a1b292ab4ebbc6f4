package io.kpbench.path;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.Node;
import io.kpbench.conntrack.ConntrackTable;
import io.kpbench.net.Cidr;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.DataPlane;
import io.kpbench.proxy.NodeConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the {@link ClusterNode}s of a snapshot: for every Node with an IP, kube-proxy's settings from its
 * addresses and one synced proxier and conntrack table per IP family it has an address of.
 *
 * <p>Each node's proxiers get the node's local addresses ({@link NodeAddresses#local()}, primary first) as
 * {@code --node-ip}s, the union of every node's pod CIDRs as {@code --cluster-cidr} (the local-traffic detector),
 * the given {@code --nodeport-addresses} (empty: kube-proxy's default, every local address for iptables and IPVS,
 * the primary IP for nftables), and otherwise kube-proxy's defaults.
 */
final class NodeFactory {
    private NodeFactory() {
    }

    static List<ClusterNode> build(ClusterSnapshot snapshot, ProxyFactory factory, int conntrackCapacity,
            List<Cidr> nodePortAddresses) {
        List<Cidr> cidrs = new ArrayList<>();
        for (Node n : snapshot.nodes().values()) {
            cidrs.addAll(n.podCIDRs());
        }
        List<ClusterNode> out = new ArrayList<>();
        for (Node n : snapshot.nodes().values()) {
            NodeAddresses a = NodeAddresses.of(n);
            if (a.ip() == null && a.ip6() == null) {
                continue;
            }
            NodeConfig cfg = new NodeConfig(n.name(), a.local(), n.zone(), cidrs, false,
                    NodeConfig.DEFAULT_MASQUERADE_BIT, nodePortAddresses, true, List.of(), true);
            int i = out.size();
            DataPlane v4 = a.ip() == null ? null : synced(factory, cfg, IpFamily.IPv4, snapshot);
            DataPlane v6 = a.ip6() == null ? null : synced(factory, cfg, IpFamily.IPv6, snapshot);
            out.add(new ClusterNode(i, n.name(), a, podCidr(n, IpFamily.IPv4), podCidr(n, IpFamily.IPv6), n.zone(),
                    v4, v6, new ConntrackTable(conntrackCapacity, 0x5EED_0000L + i),
                    v6 == null ? null : new ConntrackTable(IpFamily.IPv6, conntrackCapacity, 0x5EED_6000L + i)));
        }
        return out;
    }

    private static DataPlane synced(ProxyFactory factory, NodeConfig cfg, IpFamily family, ClusterSnapshot s) {
        DataPlane d = factory.create(cfg, family);
        d.sync(s);
        return d;
    }

    static Cidr podCidr(Node n, IpFamily family) {
        for (Cidr c : n.podCIDRs()) {
            if (c.family() == family) {
                return c;
            }
        }
        return null;
    }
}
