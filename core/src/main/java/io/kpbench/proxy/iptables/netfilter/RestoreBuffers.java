package io.kpbench.proxy.iptables.netfilter;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The four sections of one kube-proxy iptables-restore input (filter chains and rules, nat chains and rules),
 * the discarding pair that counts the nat lines a partial sync skips, and the nat chains the ruleset keeps.
 *
 * <p>In text mode every line is kept as text. In compiling mode the rules of each re-emitted service port's own
 * chains go to {@link #natServiceRules}, which encodes them into that port's {@link RuleSegment} (collected in
 * {@link #segments}) and only counts their lines, and their declarations go to {@link #natServiceChains}, which
 * keeps only the names; everything else is still text. Both modes count the same lines.
 */
public final class RestoreBuffers {
    final LineBuffer filterChains = LineBuffer.keeping();
    final LineBuffer filterRules = LineBuffer.keeping();
    final LineBuffer natChains = LineBuffer.keeping();
    final LineBuffer natRules = LineBuffer.keeping();
    public final LineBuffer natServiceChains;
    final LineBuffer natServiceRules;
    final LineBuffer skippedNatChains = LineBuffer.discarding();
    final LineBuffer skippedNatRules = LineBuffer.discarding();
    final Set<String> activeNatChains = new HashSet<>();
    public final List<RuleSegment> segments = new ArrayList<>();
    int deletedChains;

    private RestoreBuffers(boolean compiling) {
        this.natServiceChains = compiling ? LineBuffer.declaring() : natChains;
        this.natServiceRules = compiling ? LineBuffer.compiling() : natRules;
    }

    /** Buffers that keep every line as text. */
    public static RestoreBuffers forText() {
        return new RestoreBuffers(false);
    }

    /** Buffers that compile the service ports' own chains into {@link #segments}. */
    public static RestoreBuffers forCompiling() {
        return new RestoreBuffers(true);
    }

    /** True in compiling mode. */
    boolean compiles() {
        return natServiceRules != natRules;
    }

    /**
     * The kept text, filter then nat: in text mode the iptables-restore input as kube-proxy writes it; in
     * compiling mode the same without the service chains' declarations and {@code -A} lines.
     */
    public String text() {
        return "*filter\n" + filterChains.text() + filterRules.text() + "COMMIT\n"
                + "*nat\n" + natChains.text() + natRules.text() + "COMMIT\n";
    }

    /** Lines of the iptables-restore input. */
    public int lines() {
        return 4 + chains() + filterRules.lines() + natRuleLines();
    }

    /** {@code -A} lines of the iptables-restore input (nat rule lines minus the {@code -X} lines). */
    public int rules() {
        return filterRules.lines() + natRuleLines() - deletedChains;
    }

    /** Chain lines of the iptables-restore input (declared, flushed or deleted). */
    public int chains() {
        return filterChains.lines() + natChains.lines() + (compiles() ? natServiceChains.lines() : 0);
    }

    private int natRuleLines() {
        return natRules.lines() + (compiles() ? natServiceRules.lines() : 0);
    }
}
