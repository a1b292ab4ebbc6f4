package io.kpbench.proxy.iptables;

import static io.kpbench.proxy.iptables.netfilter.Opcodes.*;

import io.kpbench.proxy.iptables.netfilter.LinkedRuleset;
import io.kpbench.proxy.iptables.netfilter.NetfilterTables;
import io.kpbench.table.AddressLongMap;
import io.kpbench.proxy.iptables.netfilter.RuleKey;

/**
 * An iptables ruleset compiled into packed primitive arrays, and the per-rule matcher over them: the data plane
 * of the iptables model. Chains are contiguous rule ranges; each rule is a range of match ops, a target kind and
 * one int operand; each match is an op code (with a negation bit) and four long operands.
 *
 * <p>Nothing here is indexed: a rule is found by trying every earlier rule of its chain, as netfilter's
 * {@code ipt_do_table} does. The arrays are immutable once published; the one per-packet state is the xt_recent
 * lists in {@link #recents} ({@code --set} writes them from the data path, as the kernel's do), which outlive a
 * ruleset: the compiler hands each list on to the next ruleset that still names it.
 */
final class IptablesTables {

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
    final AddressLongMap[] recents;
    final int natEntry;
    final int[] filterEntries;
    final int masqMark;

    /** The tables of a linked ruleset, with each rule's {@link RuleKey} precomputed. */
    IptablesTables(LinkedRuleset l) {
        this.chainTable = l.chainTable();
        this.chainName = l.chainName();
        this.chainFirst = l.chainFirst();
        this.chainEnd = l.chainEnd();
        this.ruleMatchFirst = l.ruleMatchFirst();
        this.ruleMatchEnd = l.ruleMatchEnd();
        this.ruleKind = l.ruleKind();
        this.ruleArg = l.ruleArg();
        this.ruleKeys = new long[l.ruleKind().length * 2];
        for (int r = 0; r < l.ruleKind().length; r++) {
            RuleKey.encode(l.matchOp(), l.matchArg(), l.ruleMatchFirst()[r], l.ruleMatchEnd()[r], ruleKeys, r << 1);
        }
        this.ruleProbabilistic = l.ruleProbabilistic();
        this.chainSource = l.chainSource();
        this.matchOp = l.matchOp();
        this.matchArg = l.matchArg();
        this.localNets = l.localNets();
        this.endpointHi = l.endpointHi();
        this.endpointLo = l.endpointLo();
        this.endpointPort = l.endpointPort();
        this.recents = l.recents();
        this.natEntry = l.natEntry();
        this.filterEntries = l.filterEntries();
        this.masqMark = l.masqMark();
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
                return !explore && recentCheck(recents[(int) arg[a]], sHi, sLo, now, arg[a + 1], arg[a + 2] != 0);
            case OP_RECENT_SET:
                if (!explore) {
                    recents[(int) arg[a]].put(sHi, sLo, now);
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

    /**
     * xt_recent's {@code --rcheck --seconds s [--reap]}: true when the source was set within {@code maxAgeNanos}
     * (any age when not positive); {@code --reap} removes a stale entry. The list maps addresses to last-set times.
     */
    private static boolean recentCheck(AddressLongMap list, long hi, long lo, long now, long maxAgeNanos,
            boolean reap) {
        long seen = list.get(hi, lo);
        if (seen == AddressLongMap.MISSING) {
            return false;
        }
        boolean fresh = maxAgeNanos <= 0 || now - seen <= maxAgeNanos;
        if (!fresh && reap) {
            list.remove(hi, lo);
        }
        return fresh;
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
