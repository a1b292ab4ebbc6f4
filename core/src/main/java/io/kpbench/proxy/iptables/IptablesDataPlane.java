package io.kpbench.proxy.iptables;

import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.DataPlane;
import io.kpbench.proxy.Explanation;
import io.kpbench.proxy.NodeConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of an iptables data plane that does not depend on where its rules come from: kernel-side tables, the
 * compiled ruleset, the linear walk for {@link #classify}, the tracer-style walk for {@link #explain}, and
 * iptables-save rendering.
 */
public abstract class IptablesDataPlane implements DataPlane {
    final NodeConfig node;
    final IpFamily family;
    final NetfilterTables tables = new NetfilterTables();
    private final LinearRuleWalker walker = new LinearRuleWalker();
    private Map<String, RecentTable> recents = new HashMap<>();

    IptablesDataPlane(NodeConfig node, IpFamily family) {
        this.node = node;
        this.family = family;
        recompile();
    }

    /** Recompiles {@link #tables} and installs the result. */
    final void recompile() {
        Map<String, RecentTable> next = new HashMap<>();
        List<IpAddress> locals = node.nodeIPs(family);
        walker.install(RuleCompiler.compile(tables, family, locals, node.masqueradeMark(), recents, next,
                walker.rules()));
        recents = next;
    }

    @Override
    public final long classify(FiveTuple packet, long nowNanos, long random) {
        return walker.classify(packet, nowNanos, random);
    }

    @Override
    public final Explanation explain(FiveTuple packet) {
        return RuleExplorer.explain(walker.rules(), packet);
    }

    @Override
    public final String endpoint(int id) {
        return walker.rules().endpointText(id);
    }

    @Override
    public final String render() {
        return tables.save();
    }

    /** Rules evaluated by {@link #classify} since creation (racy across threads; for benchmark counters). */
    public final long rulesEvaluated() {
        return walker.rulesEvaluated();
    }

    /** The number of rules in the installed ruleset, over both tables. */
    public final int ruleCount() {
        return walker.rules().rules();
    }
}
