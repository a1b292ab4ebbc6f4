package io.kpbench.proxy.iptables;

import java.util.HashSet;
import java.util.Set;

/**
 * The four sections of one kube-proxy iptables-restore input (filter chains and rules, nat chains and rules),
 * the discarding pair that counts the nat lines a partial sync skips, and the nat chains the ruleset keeps.
 */
final class RestoreBuffers {
    final LineBuffer filterChains = LineBuffer.keeping();
    final LineBuffer filterRules = LineBuffer.keeping();
    final LineBuffer natChains = LineBuffer.keeping();
    final LineBuffer natRules = LineBuffer.keeping();
    final LineBuffer skippedNatChains = LineBuffer.discarding();
    final LineBuffer skippedNatRules = LineBuffer.discarding();
    final Set<String> activeNatChains = new HashSet<>();
    int deletedChains;

    /** The iptables-restore input, filter then nat, as kube-proxy writes it. */
    String text() {
        return "*filter\n" + filterChains.text() + filterRules.text() + "COMMIT\n"
                + "*nat\n" + natChains.text() + natRules.text() + "COMMIT\n";
    }

    /** Lines of {@link #text()}. */
    int lines() {
        return 4 + filterChains.lines() + filterRules.lines() + natChains.lines() + natRules.lines();
    }

    /** {@code -A} lines of {@link #text()} (nat rule lines minus the {@code -X} lines). */
    int rules() {
        return filterRules.lines() + natRules.lines() - deletedChains;
    }

    /** Chain lines of {@link #text()} (declared, flushed or deleted). */
    int chains() {
        return filterChains.lines() + natChains.lines();
    }
}
