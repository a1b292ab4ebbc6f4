package io.kpbench.proxy.iptables.netfilter;

import java.util.List;

/**
 * One parsed {@code -A} line of an iptables-save dump: its matches in order, its target and its text.
 *
 * @param chain the chain it is appended to
 * @param matches the matches, in the order iptables evaluates them
 * @param target the target
 * @param text the line as written
 */
record Rule(String chain, List<Match> matches, Target target, String text) {
    Rule {
        matches = List.copyOf(matches);
    }

    /** True when the rule's match includes a {@code statistic} match (a probabilistic branch). */
    boolean probabilistic() {
        for (Match m : matches) {
            if (m instanceof Match.Statistic) {
                return true;
            }
        }
        return false;
    }
}
