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
        // the second word says what the line adds; a chain's name is the fifth (verb object family table name):
        // found by index, since a partial sync writes every line through here and a split allocates per word
        int s1 = l.indexOf(' ');
        int s2 = s1 < 0 ? -1 : l.indexOf(' ', s1 + 1);
        int s3 = s2 < 0 ? -1 : l.indexOf(' ', s2 + 1);
        int s4 = s3 < 0 ? -1 : l.indexOf(' ', s3 + 1);
        if (s4 < 0) {
            return;
        }
        if (word(l, s1, s2, "rule")) {
            rules++;
        } else if (word(l, s1, s2, "element")) {
            elements++;
        } else if (word(l, s1, s2, "chain")) {
            int s5 = l.indexOf(' ', s4 + 1);
            chains.add(l.substring(s4 + 1, s5 < 0 ? l.length() : s5));
        }
    }

    /** The word between the spaces at {@code from} and {@code to} is {@code w}. */
    private static boolean word(String l, int from, int to, String w) {
        return to - from - 1 == w.length() && l.startsWith(w, from + 1);
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
