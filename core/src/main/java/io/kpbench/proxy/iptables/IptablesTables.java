package io.kpbench.proxy.iptables;

/**
 * An iptables ruleset compiled into packed primitive arrays, and the per-rule matcher over them: the data plane
 * of the iptables model. Chains are contiguous rule ranges; each rule is a range of match ops, a target kind and
 * one int operand; each match is an op code (with a negation bit) and four long operands.
 *
 * <p>Nothing here is indexed: a rule is found by trying every earlier rule of its chain, as netfilter's
 * {@code ipt_do_table} does.
 */
final class IptablesTables {
    static final int OP_SRC = 1;
    static final int OP_DST = 2;
    static final int OP_PROTO = 3;
    static final int OP_DPORT = 4;
    static final int OP_SRC_LOCAL = 5;
    static final int OP_DST_LOCAL = 6;
    static final int OP_STATISTIC = 7;
    static final int OP_RECENT_CHECK = 8;
    static final int OP_RECENT_SET = 9;
    static final int OP_MARK = 10;
    static final int OP_CTSTATE = 11;
    static final int NEG = 0x100;
    static final int OP_MASK = 0xFF;

    static final int T_ACCEPT = Target.Kind.ACCEPT.ordinal();
    static final int T_DROP = Target.Kind.DROP.ordinal();
    static final int T_REJECT = Target.Kind.REJECT.ordinal();
    static final int T_NONE = Target.Kind.NONE.ordinal();
    static final int T_JUMP = Target.Kind.JUMP.ordinal();
    static final int T_GOTO = Target.Kind.GOTO.ordinal();
    static final int T_RETURN = Target.Kind.RETURN.ordinal();
    static final int T_DNAT = Target.Kind.DNAT.ordinal();
    static final int T_MARK_OR = Target.Kind.MARK_OR.ordinal();
    static final int T_MARK_XOR = Target.Kind.MARK_XOR.ordinal();
    static final int T_MARK_SET = Target.Kind.MARK_SET.ordinal();
    static final int T_MASQUERADE = Target.Kind.MASQUERADE.ordinal();

    final String[] chainTable;
    final String[] chainName;
    final int[] chainFirst;
    final int[] chainEnd;
    final int[] ruleMatchFirst;
    final int[] ruleMatchEnd;
    final int[] ruleKind;
    final int[] ruleArg;
    /** Per rule, its {@link RuleKey} key and mask, interleaved ({@code [2r]} key, {@code [2r + 1]} mask). */
    final long[] ruleKeys;
    final boolean[] ruleProbabilistic;
    final NetfilterTables.Chain[] chainSource;
    final int[] matchOp;
    final long[] matchArg;
    final long[] localNets;
    final long[] endpointHi;
    final long[] endpointLo;
    final int[] endpointPort;
    final RecentTable[] recents;
    final int natEntry;
    final int[] filterEntries;
    final int masqMark;

    IptablesTables(String[] chainTable, String[] chainName, int[] chainFirst, int[] chainEnd, int[] ruleMatchFirst,
            int[] ruleMatchEnd, int[] ruleKind, int[] ruleArg, boolean[] ruleProbabilistic,
            NetfilterTables.Chain[] chainSource, int[] matchOp, long[] matchArg, long[] localNets, long[] endpointHi,
            long[] endpointLo, int[] endpointPort, RecentTable[] recents, int natEntry, int[] filterEntries,
            int masqMark) {
        this.chainTable = chainTable;
        this.chainName = chainName;
        this.chainFirst = chainFirst;
        this.chainEnd = chainEnd;
        this.ruleMatchFirst = ruleMatchFirst;
        this.ruleMatchEnd = ruleMatchEnd;
        this.ruleKind = ruleKind;
        this.ruleArg = ruleArg;
        this.ruleKeys = new long[ruleKind.length * 2];
        for (int r = 0; r < ruleKind.length; r++) {
            RuleKey.encode(matchOp, matchArg, ruleMatchFirst[r], ruleMatchEnd[r], ruleKeys, r << 1);
        }
        this.ruleProbabilistic = ruleProbabilistic;
        this.chainSource = chainSource;
        this.matchOp = matchOp;
        this.matchArg = matchArg;
        this.localNets = localNets;
        this.endpointHi = endpointHi;
        this.endpointLo = endpointLo;
        this.endpointPort = endpointPort;
        this.recents = recents;
        this.natEntry = natEntry;
        this.filterEntries = filterEntries;
        this.masqMark = masqMark;
    }

    /** The text of rule {@code r}, regenerated for a compiled chain (not for the hot path). */
    String ruleText(int r) {
        int c = chainOf(r);
        return chainSource[c].lines(chainName[c]).get(r - chainFirst[c]);
    }

    /** The chain holding rule {@code r}. */
    int chainOf(int r) {
        int lo = 0;
        int hi = chainFirst.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (chainFirst[mid] <= r) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        while (chainEnd[lo] <= r) {
            lo++;
        }
        return lo;
    }

    /** The {@code ip:port} text of endpoint {@code id} ({@code [ip]:port} for IPv6). */
    String endpointText(int id) {
        return new io.kpbench.net.IpAddress(endpointHi[id], endpointLo[id]).withPort(endpointPort[id]);
    }

    /** The number of rules. */
    int rules() {
        return ruleKind.length;
    }

    /**
     * True when every match of rule {@code r} matches the packet. With {@code explore}, statistic matches always
     * match, recent checks never do and recent sets record nothing (kube-proxy's test tracer).
     */
    boolean matches(int r, long sHi, long sLo, long dHi, long dLo, int proto, int dport, int mark, int ct,
            long now, long random, boolean explore) {
        final int[] ops = matchOp;
        final long[] arg = matchArg;
        for (int m = ruleMatchFirst[r], end = ruleMatchEnd[r]; m < end; m++) {
            final int op = ops[m];
            final int a = m << 2;
            final boolean ok;
            switch (op & OP_MASK) {
                case OP_SRC -> ok = (sHi & arg[a + 2]) == arg[a] && (sLo & arg[a + 3]) == arg[a + 1];
                case OP_DST -> ok = (dHi & arg[a + 2]) == arg[a] && (dLo & arg[a + 3]) == arg[a + 1];
                case OP_PROTO -> ok = proto == arg[a];
                case OP_DPORT -> ok = dport >= arg[a] && dport <= arg[a + 1];
                default -> ok = matchesSlowPath(op & OP_MASK, a, r, sHi, sLo, dHi, dLo, mark, ct, now, random,
                        explore);
            }
            if (ok == ((op & NEG) != 0)) {
                return false;
            }
        }
        return true;
    }

    /** The rarer matches (addrtype, statistic, recent, mark, conntrack), kept out of the inlined loop. */
    private boolean matchesSlowPath(int op, int a, int r, long sHi, long sLo, long dHi, long dLo, int mark, int ct,
            long now, long random, boolean explore) {
        final long[] arg = matchArg;
        switch (op) {
            case OP_SRC_LOCAL:
                return isLocal(sHi, sLo);
            case OP_DST_LOCAL:
                return isLocal(dHi, dLo);
            case OP_STATISTIC:
                return explore || (mix(random + r * 0x9E37_79B9_7F4A_7C15L) >>> 33) < arg[a];
            case OP_RECENT_CHECK:
                return !explore && recents[(int) arg[a]].check(sHi, sLo, now, arg[a + 1], arg[a + 2] != 0);
            case OP_RECENT_SET:
                if (!explore) {
                    recents[(int) arg[a]].set(sHi, sLo, now);
                }
                return true;
            case OP_MARK:
                return (mark & arg[a + 1]) == arg[a];
            case OP_CTSTATE:
                return (ct & arg[a]) != 0;
            default:
                return false;
        }
    }

    private boolean isLocal(long hi, long lo) {
        final long[] nets = localNets;
        for (int i = 0; i < nets.length; i += 4) {
            if ((hi & nets[i + 2]) == nets[i] && (lo & nets[i + 3]) == nets[i + 1]) {
                return true;
            }
        }
        return false;
    }

    /** SplitMix64's finaliser: the per-rule random of a statistic match, derived from the packet's random. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
