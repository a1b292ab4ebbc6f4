package io.kpbench.proxy.nftables.nft;

import io.kpbench.proxy.SyncStats;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The text of one {@code nft -f} transaction as kube-proxy's knftables writes it ({@code add}, {@code flush},
 * {@code delete} of tables, chains, sets, maps, rules and elements), with the counts a {@link SyncStats}
 * reports.
 */
public final class Transaction {
    private final String head;
    private final List<String> lines = new ArrayList<>();
    private final Set<String> chains = new HashSet<>();
    private int rules;
    private int elements;

    /** A transaction on the {@code <family> kube-proxy} table. */
    public Transaction(String family) {
        this.head = " " + family + " kube-proxy ";
    }

    /** Appends a pre-rendered line, counting what it writes. */
    public void line(String l) {
        lines.add(l);
        String[] w = l.split(" ", 6);
        if (w.length < 5) {
            return;
        }
        switch (w[1]) {
            case "rule" -> rules++;
            case "element" -> elements++;
            case "chain" -> chains.add(w[4]);
            default -> {
            }
        }
    }

    /** {@code add chain} then {@code flush chain}: kube-proxy's {@code ensureChain}. */
    public void ensureChain(String chain) {
        line("add chain" + head + chain);
        line("flush chain" + head + chain);
    }

    /** {@code add rule <chain> <text>}. */
    public void rule(String chain, String text) {
        line("add rule" + head + chain + " " + text);
    }

    /** {@code flush chain}. */
    public void flushChain(String chain) {
        line("flush chain" + head + chain);
    }

    /** {@code delete chain}. */
    public void deleteChain(String chain) {
        line("delete chain" + head + chain);
    }

    /** {@code delete set}. */
    public void deleteSet(String set) {
        line("delete set" + head + set);
    }

    /** {@code delete element <container> { <key> }}. */
    public void deleteElement(Element e) {
        line("delete element" + head + e.container() + " { " + e.key() + " }");
    }

    /** The lines written. */
    public List<String> lines() {
        return lines;
    }

    /** The counts of this transaction. */
    public SyncStats stats(boolean full) {
        return new SyncStats(full, lines.size(), rules, chains.size(), elements);
    }

    /** {@code add set <affinity-set> { type <addr> ; flags dynamic,timeout ; timeout Ns ; }}. */
    public static String affinitySet(String family, String addrType, String name, int timeoutSeconds) {
        return "add set " + family + " kube-proxy " + name + " { type " + addrType
                + " ; flags dynamic,timeout ; timeout " + timeoutSeconds + "s ; }";
    }
}
