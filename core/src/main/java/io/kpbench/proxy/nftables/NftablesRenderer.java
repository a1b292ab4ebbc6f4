package io.kpbench.proxy.nftables;

import io.kpbench.proxy.nftables.nft.BaseRules;
import io.kpbench.proxy.nftables.nft.ChainSpec;
import io.kpbench.proxy.nftables.nft.Element;
import io.kpbench.proxy.nftables.nft.NodeContext;
import io.kpbench.proxy.nftables.nft.Rule;
import io.kpbench.proxy.nftables.nft.ServicePortRules;
import io.kpbench.proxy.nftables.nft.Transaction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The {@code ip kube-proxy} table as {@code nft -f} lines, in the order kube-proxy's tests print it: the base
 * chains and sets, then per service port its affinity sets, chains with their rules and map elements, then the
 * stale chains still to be deleted.
 */
final class NftablesRenderer {
    private NftablesRenderer() {
    }

    /** The table of {@code ports} (in service-port order), with {@code staleChains}, on {@code ctx}'s node. */
    static String render(NodeContext ctx, Collection<ServicePortRules> ports, Set<String> staleChains) {
        String family = ctx.tableFamily();
        List<String> l = new ArrayList<>(BaseRules.lines(ctx));
        String head = " " + family + " kube-proxy ";
        for (ServicePortRules r : ports) {
            r.affinitySets().forEach((set, timeout) ->
                    l.add(Transaction.affinitySet(family, ctx.addrType(), set, timeout)));
            for (ChainSpec c : r.chains()) {
                l.add("add chain" + head + c.name());
                for (Rule rule : c.rules()) {
                    l.add("add rule" + head + c.name() + " " + rule.text());
                }
            }
            for (Element e : NftablesCompiler.dedup(List.of(r)).values()) {
                l.add(e.render(family));
            }
        }
        for (String stale : staleChains) {
            l.add("add chain" + head + stale);
        }
        return String.join("\n", l) + "\n";
    }
}
