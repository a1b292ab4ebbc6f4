package io.kpbench.cli;

import io.kpbench.common.UserError;
import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.DataPlane;
import io.kpbench.proxy.NodeConfig;
import java.util.EnumMap;
import java.util.Map;

/**
 * One synced proxier per IP family that the node has an address of, as kube-proxy's dual-stack MetaProxier
 * runs one single-family proxier per family.
 */
final class Proxiers {
    private final Map<IpFamily, DataPlane> byFamily = new EnumMap<>(IpFamily.class);

    Proxiers(ModeOptions mode, NodeConfig node, ClusterSnapshot cluster) {
        for (IpFamily f : IpFamily.values()) {
            if (node.primaryIP(f) != null) {
                DataPlane dp = mode.create(node, f);
                try {
                    dp.sync(cluster);
                } catch (io.kpbench.proxy.ebpf.maps.LbMapFullException e) {
                    throw new UserError(e.getMessage());
                }
                byFamily.put(f, dp);
            }
        }
    }

    /** The proxier of {@code family}, or null when the node has no address of it. */
    DataPlane of(IpFamily family) {
        return byFamily.get(family);
    }

    /** Every proxier, IPv4 first. */
    Iterable<Map.Entry<IpFamily, DataPlane>> all() {
        return byFamily.entrySet();
    }
}
