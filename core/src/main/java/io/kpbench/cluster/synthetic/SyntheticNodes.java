package io.kpbench.cluster.synthetic;

import io.kpbench.cluster.Node;
import io.kpbench.cluster.NodeAddress;
import io.kpbench.net.IpAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The nodes of a synthetic cluster, {@code node-0001} upwards, with an InternalIP from the node network
 * ({@code .2} upwards, {@code .1} being the gateway as on kind's docker bridge), the well-known hostname, OS, arch
 * and zone labels, and one pod CIDR each from the {@link PodCidrPlan}.
 *
 * <p>Also the per-node strings that endpoints share, so that a million endpoints hold a hundred node names.
 */
final class SyntheticNodes {
    /** The well-known hostname label. */
    static final String HOSTNAME_LABEL = "kubernetes.io/hostname";

    final List<Node> nodes;
    final String[] names;
    final String[] zones;
    final List<List<String>> zoneHints;

    private SyntheticNodes(List<Node> nodes, String[] names, String[] zones, List<List<String>> zoneHints) {
        this.nodes = nodes;
        this.names = names;
        this.zones = zones;
        this.zoneHints = zoneHints;
    }

    /** The {@code spec.nodes()} nodes, zones given round robin. */
    static SyntheticNodes build(SyntheticSpec spec, PodCidrPlan plan) {
        int n = spec.nodes();
        String[] zoneNames = new String[spec.zones()];
        List<List<String>> hintsByZone = new ArrayList<>(zoneNames.length);
        for (int z = 0; z < zoneNames.length; z++) {
            zoneNames[z] = Names.zone(z);
            hintsByZone.add(List.of(zoneNames[z]));
        }
        List<Node> nodes = new ArrayList<>(n);
        String[] names = new String[n];
        String[] zones = new String[n];
        List<List<String>> hints = new ArrayList<>(n);
        int width = Names.width(n, 4);
        for (int i = 0; i < n; i++) {
            names[i] = Names.ordinal("node-", i + 1, width);
            Map<String, String> labels = new TreeMap<>();
            labels.put("kubernetes.io/arch", "amd64");
            labels.put(HOSTNAME_LABEL, names[i]);
            labels.put("kubernetes.io/os", "linux");
            if (zoneNames.length > 0) {
                zones[i] = zoneNames[i % zoneNames.length];
                labels.put(Node.ZONE_LABEL, zones[i]);
            }
            hints.add(zones[i] == null ? List.of() : hintsByZone.get(i % zoneNames.length));
            IpAddress ip = spec.nodeCidr().address(i + 2L);
            List<NodeAddress> addresses = List.of(new NodeAddress(NodeAddress.INTERNAL_IP, ip.toString(), ip),
                    new NodeAddress(NodeAddress.HOSTNAME, names[i], null));
            nodes.add(new Node(names[i], addresses, labels, List.of(plan.block(i))));
        }
        return new SyntheticNodes(nodes, names, zones, hints);
    }
}
