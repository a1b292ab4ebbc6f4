package io.kpbench.cli;

import io.kpbench.common.UserError;
import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.net.Cidr;
import io.kpbench.path.ClusterPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The options of the path model: LB zones, overlay, conntrack size, kube-proxy's NodePort addresses. */
public final class PathOptions {
    @Option(names = "--lb-zones", paramLabel = "cross|keep", defaultValue = "cross",
            description = "Whether the cloud LB sends a flow to healthy nodes of every zone (cross) or "
                    + "keeps it in one zone (keep) (default: ${DEFAULT-VALUE}).")
    String lbZones;

    @Option(names = "--overlay", paramLabel = "none|vxlan", defaultValue = "none",
            description = "Pod traffic between nodes: routed (none) or VXLAN-encapsulated (vxlan, an extra hop) "
                    + "(default: ${DEFAULT-VALUE}).")
    String overlay;

    @Option(names = "--conntrack-max", paramLabel = "N", defaultValue = "16384",
            description = "Each node's conntrack table size (default: ${DEFAULT-VALUE}).")
    int conntrackMax;

    @Option(names = "--nodeport-addresses", paramLabel = "CIDR,...", split = ",",
            description = "kube-proxy's --nodeport-addresses on every node (default: kube-proxy's, every local "
                    + "address for iptables and ipvs, the primary IP for nftables).")
    List<String> nodePortAddresses = new ArrayList<>();

    /** Checks these options and the mode's, so that a typo is reported before any cluster is built. */
    void check(ModeOptions mode) {
        mode.mode();
        String z = lbZones.trim().toLowerCase(Locale.ROOT);
        if (!z.equals("cross") && !z.equals("keep")) {
            throw new UserError("--lb-zones: '" + lbZones + "' is not cross or keep");
        }
        String o = overlay.trim().toLowerCase(Locale.ROOT);
        if (!o.equals("none") && !o.equals("vxlan")) {
            throw new UserError("--overlay: '" + overlay + "' is not none or vxlan");
        }
        if (conntrackMax < 1 || conntrackMax > 1 << 22) {
            throw new UserError("--conntrack-max: " + conntrackMax + " is not in 1-4194304");
        }
        nodePortCidrs();
    }

    private List<Cidr> nodePortCidrs() {
        List<Cidr> npa = new ArrayList<>();
        for (String t : nodePortAddresses) {
            try {
                npa.add(Cidr.parse(t));
            } catch (IllegalArgumentException e) {
                throw new UserError("--nodeport-addresses: " + e.getMessage());
            }
        }
        return npa;
    }

    /** The path model of {@code cluster} with proxiers of {@code mode}. */
    ClusterPath build(ClusterSnapshot cluster, ModeOptions mode) {
        check(mode);
        String z = lbZones.trim().toLowerCase(Locale.ROOT);
        String o = overlay.trim().toLowerCase(Locale.ROOT);
        String name = mode.mode().cliName();
        try {
            return new ClusterPath(cluster, mode::create, name, z.equals("cross"), o.equals("vxlan"), conntrackMax,
                    nodePortCidrs());
        } catch (io.kpbench.proxy.ebpf.maps.LbMapFullException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** Loads the cluster, turning a loader that is not available yet into a one-line error. */
    static ClusterSnapshot load(ClusterOptions cluster) {
        try {
            return cluster.load().snapshot();
        } catch (UnsupportedOperationException e) {
            throw new UserError("-f: " + (e.getMessage() == null ? "manifest loading is not available" : e.getMessage()));
        }
    }
}
