package io.kpbench.proxy.iptables;

import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.PublishingDataPlane;
import io.kpbench.proxy.iptables.netfilter.RuleParseException;

/**
 * kube-proxy's iptables mode for one node and one IP family, the seam only: {@link IptablesCompiler} turns the
 * cluster into {@link IptablesTables}, published through one volatile reference; {@link IptablesClassifier} walks
 * them, {@link IptablesExplainer} traces them and {@link IptablesRenderer} prints the kernel tables. Dual-stack
 * nodes use one data plane per family.
 */
public final class IptablesDataPlane extends PublishingDataPlane<IptablesTables, IptablesCompiler> {
    private volatile IptablesTables tables;

    /** An empty data plane; nothing is programmed until the first {@link #sync(ClusterSnapshot)}. */
    public IptablesDataPlane(NodeConfig node, IpFamily family) {
        this(IptablesCompiler.forCluster(node, family));
    }

    private IptablesDataPlane(IptablesCompiler compiler) {
        super(compiler, IptablesExplainer::explain, IptablesTables::endpointText,
                t -> IptablesRenderer.render(compiler.kernel()));
        this.tables = compiler.tables();
    }

    /**
     * A data plane of the rules in {@code iptables-save} text (what {@code kpbench trace --iptables-save} walks);
     * syncing it does nothing. {@code node} gives the addresses that {@code addrtype LOCAL} matches and the
     * masquerade bit.
     *
     * @throws RuleParseException naming the line of an unknown match or target
     */
    public static IptablesDataPlane fromSave(String text, NodeConfig node, IpFamily family) {
        return new IptablesDataPlane(IptablesCompiler.loaded(text, node, family));
    }

    @Override
    protected void publish(IptablesTables published) {
        tables = published;
    }

    @Override
    public long classify(FiveTuple packet, long nowNanos, long random) {
        return IptablesClassifier.classify(tables, packet, nowNanos, random);
    }

    /** The iptables-restore input of the last sync, exactly as kube-proxy would have written it (regenerated). */
    public String lastRestoreInput() {
        return compiler.lastRestoreInput();
    }

    /** The number of rules in the installed ruleset, over both tables. */
    public int ruleCount() {
        return tables.rules();
    }
}
