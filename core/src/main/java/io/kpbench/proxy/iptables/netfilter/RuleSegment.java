package io.kpbench.proxy.iptables.netfilter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rules of a few chains encoded into packed arrays with symbolic references (a jump's chain name, a DNAT
 * {@link Target}, a recent list's name) that {@link RulesetLinker} resolves when it links segments into a
 * {@link IptablesTables}. A sync encodes each service port's own chains (KUBE-SVC/SVL/EXT/FW/SEP) into one
 * segment straight from the writer's tokens, and keeps it as the kernel-side content of those chains; their text
 * is regenerated on demand from {@link #source()}.
 *
 * <p>Per rule: chain, target kind, operand, probabilistic flag, symbol and the end of its match range; per
 * match: an op code and the operands it uses; per IPv4 DNAT: its destination packed in one long.
 */
public final class RuleSegment {
    private final ServicePortSource source;
    private final List<String> chainNames = new ArrayList<>(4);
    private List<String> recentNames;
    private int rules;
    private int matches;
    private int[] chainOf = new int[8];
    private int[] kind = new int[8];
    private int[] arg = new int[8];
    private boolean[] prob = new boolean[8];
    private Object[] sym = new Object[8];
    private int[] matchEnd = new int[8];
    private int[] ops = new int[8];
    private long[] margs = new long[32];
    private int nargs;
    private final long[] scratch = new long[4];
    private int[] chainArgStart;
    private NetfilterTables.Chain[] chainRefs;
    private long[] dnat = new long[0];
    private int dnats;
    private int[] chainStart;

    /** An empty segment whose chains' text {@code source} regenerates (null for parsed chains). */
    RuleSegment(ServicePortSource source) {
        this.source = source;
    }

    /** Where the text of this segment's chains comes from, or null. */
    public ServicePortSource source() {
        return source;
    }

    /** The chains with rules in this segment, in order of their first rule. */
    List<String> chains() {
        return chainNames;
    }

    /** Appends {@code rule} to its chain. */
    void add(Rule rule) {
        int c = chainNames.indexOf(rule.chain());
        if (c < 0) {
            c = chainNames.size();
            chainNames.add(rule.chain());
        }
        if (rules == kind.length) {
            grow();
        }
        int r = rules++;
        chainOf[r] = c;
        for (Match m : rule.matches()) {
            if (matches == ops.length) {
                ops = Arrays.copyOf(ops, matches * 2);
            }
            if (nargs + 4 > margs.length) {
                margs = Arrays.copyOf(margs, margs.length * 2);
            }
            int op = encode(m, scratch, 0);
            if (op != 0) {
                ops[matches++] = op;
                int n = argCount(op);
                System.arraycopy(scratch, 0, margs, nargs, n);
                nargs += n;
            }
        }
        matchEnd[r] = matches;
        Target t = rule.target();
        kind[r] = t.kind().ordinal();
        prob[r] = rule.probabilistic();
        switch (t.kind()) {
            case JUMP, GOTO -> sym[r] = t.chain();
            case DNAT -> {
                if (t.ip().isV4()) {
                    if (dnats == dnat.length) {
                        dnat = Arrays.copyOf(dnat, Math.max(4, dnats * 2));
                    }
                    dnat[dnats] = EndpointTable.v4Key(t.ip().v4(), t.port());
                    arg[r] = dnats++;
                } else {
                    sym[r] = t;
                }
            }
            case MARK_OR, MARK_XOR, MARK_SET -> arg[r] = t.mark();
            default -> {
            }
        }
    }

    private void grow() {
        int n = kind.length * 2;
        chainOf = Arrays.copyOf(chainOf, n);
        kind = Arrays.copyOf(kind, n);
        arg = Arrays.copyOf(arg, n);
        prob = Arrays.copyOf(prob, n);
        sym = Arrays.copyOf(sym, n);
        matchEnd = Arrays.copyOf(matchEnd, n);
    }

    /**
     * Groups the rules by chain (keeping their order within a chain) and trims every array to size; call once,
     * after the last {@link #add}. Rule indexes of the accessors below are those of the finished segment.
     */
    RuleSegment finish() {
        int nc = chainNames.size();
        int[] start = new int[nc + 1];
        for (int r = 0; r < rules; r++) {
            start[chainOf[r] + 1]++;
        }
        for (int i = 0; i < nc; i++) {
            start[i + 1] += start[i];
        }
        int[] fill = Arrays.copyOf(start, nc);
        int[] k = new int[rules];
        int[] g = new int[rules];
        boolean[] p = new boolean[rules];
        Object[] y = new Object[rules];
        int[] me = new int[rules];
        int[] o = new int[matches];
        long[] ma = new long[nargs];
        int[] argFrom = new int[rules + 1];
        for (int r = 0, x = 0; r < rules; r++) {
            int a = argFrom[r];
            for (; x < matchEnd[r]; x++) {
                a += argCount(ops[x]);
            }
            argFrom[r + 1] = a;
        }
        int[] slot = new int[rules];
        for (int r = 0; r < rules; r++) {
            slot[fill[chainOf[r]]++] = r;
        }
        int m = 0;
        int na = 0;
        int[] cas = new int[nc + 1];
        for (int i = 0, c = 0; i < rules; i++) {
            int r = slot[i];
            while (c < nc && start[c] == i) {
                cas[c++] = na;
            }
            k[i] = kind[r];
            g[i] = arg[r];
            p[i] = prob[r];
            y[i] = sym[r];
            int from = r == 0 ? 0 : matchEnd[r - 1];
            int n = matchEnd[r] - from;
            System.arraycopy(ops, from, o, m, n);
            System.arraycopy(margs, argFrom[r], ma, na, argFrom[r + 1] - argFrom[r]);
            na += argFrom[r + 1] - argFrom[r];
            m += n;
            me[i] = m;
        }
        cas[nc] = na;
        for (int i = 0; i < rules; i++) {
            if (k[i] == Opcodes.T_JUMP || k[i] == Opcodes.T_GOTO) {
                g[i] = chainNames.indexOf((String) y[i]);
            }
        }
        kind = k;
        arg = g;
        prob = p;
        sym = y;
        matchEnd = me;
        ops = o;
        margs = ma;
        chainOf = null;
        dnat = Arrays.copyOf(dnat, dnats);
        chainStart = start;
        chainArgStart = cas;
        return this;
    }

    /** Binds local chain {@code c} to the kernel chain holding it (jumps between local chains resolve through it). */
    void bind(int c, NetfilterTables.Chain chain) {
        if (chainRefs == null) {
            chainRefs = new NetfilterTables.Chain[chainNames.size()];
        }
        chainRefs[c] = chain;
    }

    /** The kernel chain bound to local chain {@code c}, or null. */
    NetfilterTables.Chain bound(int c) {
        return chainRefs == null ? null : chainRefs[c];
    }

    /** The first rule of local chain {@code c} (an index into {@link #chains()}) in a finished segment. */
    int chainFirst(int c) {
        return chainStart[c];
    }

    /** The end of the rules of local chain {@code c} in a finished segment. */
    int chainEnd(int c) {
        return chainStart[c + 1];
    }

    int kind(int r) {
        return kind[r];
    }

    /**
     * The MARK operand; for a jump or goto, the local chain it targets, or -1 for another chain; for an IPv4
     * DNAT, its index among the segment's destinations.
     */
    int arg(int r) {
        return arg[r];
    }

    boolean probabilistic(int r) {
        return prob[r];
    }

    /** The packed IPv4 destination ({@link EndpointTable#v4Key}) of a DNAT rule whose symbol is null. */
    long dnatV4(int r) {
        return dnat[arg[r]];
    }

    /** The chain name of a jump or goto, or the {@link Target} of an IPv6 DNAT, else null. */
    Object symbol(int r) {
        return sym[r];
    }

    int matchFirst(int r) {
        return r == 0 ? 0 : matchEnd[r - 1];
    }

    int matchEnd(int r) {
        return matchEnd[r];
    }

    int op(int m) {
        return ops[m];
    }

    /** The first operand of the first match of local chain {@code c}; operands follow match by match. */
    int chainArgStart(int c) {
        return chainArgStart[c];
    }

    long matchArg(int i) {
        return margs[i];
    }

    /** The number of operands a match op keeps in a segment (a compiled ruleset pads every match to four). */
    static int argCount(int op) {
        return switch (op & Opcodes.OP_MASK) {
            case Opcodes.OP_SRC, Opcodes.OP_DST -> 4;
            case Opcodes.OP_RECENT_CHECK, Opcodes.OP_RECENT_SET -> 3;
            case Opcodes.OP_DPORT, Opcodes.OP_MARK -> 2;
            case Opcodes.OP_SRC_LOCAL, Opcodes.OP_DST_LOCAL -> 0;
            default -> 1;
        };
    }

    /** The name of the recent list a recent match refers to by its local id. */
    String recentName(int localId) {
        return recentNames.get(localId);
    }

    private int encode(Match match, long[] a, int at) {
        if (match instanceof Match.Address x) {
            RulesetLinker.net(x.cidr(), a, at);
            return (x.source() ? Opcodes.OP_SRC : Opcodes.OP_DST) | neg(x.negated());
        } else if (match instanceof Match.Protocol x) {
            a[at] = x.number();
            return Opcodes.OP_PROTO | neg(x.negated());
        } else if (match instanceof Match.DestPort x) {
            a[at] = x.lo();
            a[at + 1] = x.hi();
            return Opcodes.OP_DPORT | neg(x.negated());
        } else if (match instanceof Match.AddrTypeLocal x) {
            return (x.source() ? Opcodes.OP_SRC_LOCAL : Opcodes.OP_DST_LOCAL) | neg(x.negated());
        } else if (match instanceof Match.Statistic x) {
            a[at] = x.threshold();
            return Opcodes.OP_STATISTIC;
        } else if (match instanceof Match.Recent x) {
            if (recentNames == null) {
                recentNames = new ArrayList<>(2);
            }
            int id = recentNames.indexOf(x.name());
            if (id < 0) {
                id = recentNames.size();
                recentNames.add(x.name());
            }
            a[at] = id;
            a[at + 1] = x.seconds() * 1_000_000_000L;
            a[at + 2] = x.reap() ? 1 : 0;
            return x.set() ? Opcodes.OP_RECENT_SET : Opcodes.OP_RECENT_CHECK;
        } else if (match instanceof Match.Mark x) {
            a[at] = x.value() & x.mask();
            a[at + 1] = x.mask();
            return Opcodes.OP_MARK | neg(x.negated());
        } else if (match instanceof Match.ConnState x) {
            a[at] = x.states();
            return Opcodes.OP_CTSTATE | neg(x.negated());
        }
        return 0;
    }

    private static int neg(boolean negated) {
        return negated ? Opcodes.NEG : 0;
    }
}
