package io.kpbench.proxy.iptables.netfilter;

import io.kpbench.table.AddressLongMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies chains of {@link RuleSegment}s one after another into the arrays of a {@link IptablesTables},
 * resolving their symbols: a jump's chain name to a chain index, a DNAT target to an endpoint id (one per
 * distinct {@code ip:port}), a recent list's name to its persistent {@link AddressLongMap}.
 */
final class Linker {
    /** xt_recent's default {@code ip_list_tot}: a recent list holds at most 100 addresses. */
    static final int XT_RECENT_IP_LIST_TOT = 100;

    final int[] chainFirst;
    final int[] chainEnd;
    int[] mFirst;
    int[] mEnd;
    int[] kind;
    int[] arg;
    boolean[] prob;
    int[] ops;
    long[] margs;
    final EndpointTable endpoints = new EndpointTable();
    final List<AddressLongMap> recentList = new ArrayList<>();
    private final Map<String, Integer> recentIds = new HashMap<>();
    private final Map<String, AddressLongMap> previous;
    private final Map<String, AddressLongMap> next;
    int r;
    private int m;
    private final NetfilterTables.Chain[] layout;
    private String lastName;
    private Map<String, Integer> lastChains;
    private int lastIndex;

    /**
     * Room for about the given totals (the arrays grow, and {@link #trim} fits them); {@code layout} holds the kernel chains in ruleset order (a jump bound to a chain
     * object resolves through its index only when that object is still the one laid out there).
     */
    Linker(NetfilterTables.Chain[] layout, int rules, int matches, Map<String, AddressLongMap> previous,
            Map<String, AddressLongMap> next) {
        int chains = layout.length;
        this.layout = layout;
        chainFirst = new int[chains];
        chainEnd = new int[chains];
        rules = Math.max(rules, 64);
        matches = Math.max(matches, 64);
        mFirst = new int[rules];
        mEnd = new int[rules];
        kind = new int[rules];
        arg = new int[rules];
        prob = new boolean[rules];
        ops = new int[matches];
        margs = new long[matches * 4];
        this.previous = previous;
        this.next = next;
    }

    /** Appends the rules of chain {@code c} of {@code seg}; jumps resolve against {@code chains} (one table). */
    void copy(RuleSegment seg, int c, Map<String, Integer> chains) {
        int first = seg.chainFirst(c);
        int last = seg.chainEnd(c);
        ensure(last - first, seg.matchEnd(last - 1) - seg.matchFirst(first));
        int b = seg.chainArgStart(c);
        for (int s = seg.chainFirst(c), end = seg.chainEnd(c); s < end; s++, r++) {
            mFirst[r] = m;
            for (int x = seg.matchFirst(s), xe = seg.matchEnd(s); x < xe; x++, m++) {
                int op = seg.op(x);
                ops[m] = op;
                int a = m << 2;
                for (int i = 0, n = RuleSegment.argCount(op); i < n; i++) {
                    margs[a + i] = seg.matchArg(b++);
                }
                if (op == Opcodes.OP_RECENT_CHECK || op == Opcodes.OP_RECENT_SET) {
                    margs[a] = recent(seg.recentName((int) margs[a]));
                }
            }
            mEnd[r] = m;
            int k = seg.kind(s);
            kind[r] = k;
            prob[r] = seg.probabilistic(s);
            Object sym = seg.symbol(s);
            if (k == Opcodes.T_JUMP || k == Opcodes.T_GOTO) {
                int local = seg.arg(s);
                NetfilterTables.Chain to = local >= 0 ? seg.bound(local) : null;
                boolean current = to != null && to.index >= 0 && to.index < layout.length && layout[to.index] == to;
                arg[r] = current ? to.index : chainIndex((String) sym, chains);
            } else if (k == Opcodes.T_DNAT) {
                arg[r] = sym == null ? endpoints.idV4(seg.dnatV4(s)) : endpoints.id((Target) sym);
            } else {
                arg[r] = seg.arg(s);
            }
        }
    }

    private void ensure(int moreRules, int moreMatches) {
        if (r + moreRules > kind.length) {
            int n = Math.max(kind.length * 2, r + moreRules);
            mFirst = Arrays.copyOf(mFirst, n);
            mEnd = Arrays.copyOf(mEnd, n);
            kind = Arrays.copyOf(kind, n);
            arg = Arrays.copyOf(arg, n);
            prob = Arrays.copyOf(prob, n);
        }
        if (m + moreMatches > ops.length) {
            int n = Math.max(ops.length * 2, m + moreMatches);
            ops = Arrays.copyOf(ops, n);
            margs = Arrays.copyOf(margs, n * 4);
        }
    }

    /** Fits every array to what was copied; call once, after the last {@link #copy}. */
    void trim() {
        mFirst = Arrays.copyOf(mFirst, r);
        mEnd = Arrays.copyOf(mEnd, r);
        kind = Arrays.copyOf(kind, r);
        arg = Arrays.copyOf(arg, r);
        prob = Arrays.copyOf(prob, r);
        ops = Arrays.copyOf(ops, m);
        margs = Arrays.copyOf(margs, m * 4);
    }

    /** The index of chain {@code name}, remembering the last one by identity (KUBE-MARK-MASQ, again and again). */
    private int chainIndex(String name, Map<String, Integer> chains) {
        if (name == lastName && chains == lastChains) {
            return lastIndex;
        }
        Integer idx = chains.get(name);
        if (idx == null) {
            throw new IllegalArgumentException("rule jumps to a missing chain: " + name);
        }
        lastName = name;
        lastChains = chains;
        lastIndex = idx;
        return idx;
    }

    private int recent(String name) {
        Integer id = recentIds.get(name);
        if (id == null) {
            id = recentList.size();
            recentIds.put(name, id);
            AddressLongMap t = previous.get(name);
            t = t != null ? t : new AddressLongMap(XT_RECENT_IP_LIST_TOT, 0L);
            next.put(name, t);
            recentList.add(t);
        }
        return id;
    }
}
