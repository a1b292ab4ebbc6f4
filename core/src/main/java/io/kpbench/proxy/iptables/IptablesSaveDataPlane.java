package io.kpbench.proxy.iptables;

import io.kpbench.cluster.ChangeSet;
import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.SyncStats;

/**
 * An iptables data plane read from {@code iptables-save} text (what {@code kpbench trace --iptables-save} walks):
 * the parsed rules are compiled and evaluated as they are; syncing does nothing.
 */
public final class IptablesSaveDataPlane extends IptablesDataPlane {
    private IptablesSaveDataPlane(NodeConfig node, IpFamily family) {
        super(node, family);
    }

    /**
     * Parses {@code text}; {@code node} gives the addresses that {@code addrtype LOCAL} matches and the
     * masquerade bit.
     *
     * @throws RuleParseException naming the line of an unknown match or target
     */
    public static IptablesSaveDataPlane parse(String text, NodeConfig node, IpFamily family) {
        IptablesSaveDataPlane dp = new IptablesSaveDataPlane(node, family);
        dp.tables.restore(text);
        dp.recompile();
        return dp;
    }

    @Override
    public SyncStats sync(ClusterSnapshot cluster) {
        return new SyncStats(true, 0, 0, 0, 0);
    }

    @Override
    public SyncStats sync(ClusterSnapshot after, ChangeSet changes) {
        return new SyncStats(false, 0, 0, 0, 0);
    }
}
