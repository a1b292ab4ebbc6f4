package io.kpbench.proxy.iptables;

import io.kpbench.cluster.ChangeSet;
import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.SyncStats;
import java.util.HashSet;
import java.util.Set;

/**
 * kube-proxy's iptables mode for one node and one IP family: each sync writes the iptables-restore input kube-proxy
 * would write ({@code pkg/proxy/iptables/proxier.go}), applies it to the modelled kernel tables with
 * {@code --noflush} semantics and recompiles them; packets are then classified by walking the rules in order.
 * Dual-stack nodes use one proxier per family.
 */
public final class IptablesProxier extends IptablesDataPlane {
    private final ProxierSettings settings;
    private String lastRestore = "";

    /** An empty proxier; nothing is programmed until the first {@link #sync(ClusterSnapshot)}. */
    public IptablesProxier(NodeConfig node, IpFamily family) {
        super(node, family);
        this.settings = new ProxierSettings(node, family);
    }

    @Override
    public SyncStats sync(ClusterSnapshot cluster) {
        KubeJumpRules.ensure(tables);
        return apply(new RestoreWriter(settings).write(cluster, null, existingNatChains()), true);
    }

    @Override
    public SyncStats sync(ClusterSnapshot after, ChangeSet changes) {
        if (tables.chainNames("nat").isEmpty()) {
            return sync(after);
        }
        return apply(new RestoreWriter(settings).write(after, changes.touchedServices(), existingNatChains()),
                false);
    }

    /** The iptables-restore input of the last sync, exactly as kube-proxy would have written it. */
    public String lastRestoreInput() {
        return lastRestore;
    }

    private Set<String> existingNatChains() {
        return new HashSet<>(tables.chainNames("nat"));
    }

    private SyncStats apply(RestoreBuffers out, boolean full) {
        lastRestore = out.text();
        tables.restore(lastRestore);
        recompile();
        return new SyncStats(full, out.lines(), out.rules(), out.chains(), 0);
    }
}
