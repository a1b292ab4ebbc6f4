package io.kpbench.proxy.iptables;

import io.kpbench.proxy.iptables.netfilter.NetfilterTables;
import io.kpbench.proxy.iptables.netfilter.RuleSegment;
import io.kpbench.proxy.iptables.netfilter.ServicePortSource;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code iptables-save} text of the modelled kernel tables: per table, built-in chains in hook order and then
 * user chains by name, their rules, {@code COMMIT}, as iptables-save (iptables 1.8) prints them. A chain a sync
 * compiled without text has its lines regenerated from its service port's source, once per segment.
 */
final class IptablesRenderer {
    private IptablesRenderer() {
    }

    /** The {@code iptables-save} text of {@code kernel}. */
    static String render(NetfilterTables kernel) {
        StringBuilder sb = new StringBuilder(4096);
        for (String name : kernel.tableNames()) {
            Map<String, NetfilterTables.Chain> t = kernel.table(name);
            List<String> order = kernel.orderedChains(name);
            sb.append('*').append(name).append('\n');
            for (String c : order) {
                String policy = t.get(c).policy;
                sb.append(':').append(c).append(' ').append(policy == null ? "-" : policy).append(" [0:0]\n");
            }
            Map<RuleSegment, List<String>> regenerated = new IdentityHashMap<>();
            for (String c : order) {
                NetfilterTables.Chain ch = t.get(c);
                List<String> lines = ch.segment == null ? ch.texts() : ServicePortSource.linesOf(
                        regenerated.computeIfAbsent(ch.segment, g -> g.source().text()), c);
                for (String l : lines) {
                    sb.append(l).append('\n');
                }
            }
            sb.append("COMMIT\n");
        }
        return sb.toString();
    }
}
