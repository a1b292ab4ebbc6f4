package io.kpbench.proxy.iptables;

import io.kpbench.net.FiveTuple;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.Verdict;
import io.kpbench.proxy.iptables.netfilter.CtState;
import io.kpbench.proxy.iptables.netfilter.Opcodes;
import io.kpbench.proxy.iptables.netfilter.RuleKey;

/**
 * The iptables hot path: walks a NEW packet through {@link IptablesTables} rule by rule, as netfilter's
 * {@code ipt_do_table} does: nat PREROUTING (jumping into KUBE-SERVICES), the DNAT it picks, then the filter chains
 * kube-proxy's packet tracer runs (KUBE-SERVICES, KUBE-EXTERNAL-SERVICES, KUBE-NODEPORTS, KUBE-PROXY-FIREWALL).
 * The masquerade decision is whether the mark's masquerade bit is set when the walk ends.
 *
 * <p>The cost is the point: a packet to the k-th service IP:port evaluates about k KUBE-SERVICES rules, then
 * about (n+1)/2 statistic rules of an n-endpoint SVC chain and two SEP rules. There is no index and no cache:
 * every rule is visited in order, with one masked 64-bit {@link RuleKey} compare, and a rule with other matches
 * then has them evaluated one by one. The rules walked are the packet's {@link Classification#work}.
 * {@link #classify} allocates nothing: recursion replaces an explicit jump stack, and the walk's state travels in
 * one {@link WalkRegister}.
 */
final class IptablesClassifier {
    private IptablesClassifier() {
    }

    /** Classifies a NEW packet into a {@link Classification}-packed long carrying the rules walked. */
    static long classify(IptablesTables rs, FiveTuple p, long now, long random) {
        final long sHi = p.srcHi();
        final long sLo = p.srcLo();
        final long dHi = p.dstHi();
        final long dLo = p.dstLo();
        final int proto = p.protocol();
        final int dport = p.dstPort();
        long reg = WalkRegister.NAT;
        if (rs.natEntry >= 0) {
            reg = runChain(rs, rs.natEntry, RuleKey.packet(dHi, dLo, proto, dport), sHi, sLo, dHi, dLo, proto,
                    dport, reg, CtState.NEW, now, random);
            if (WalkRegister.done(reg)) {
                return reg & ~WalkRegister.DONE;
            }
        }
        int status = WalkRegister.status(reg);
        if (status != WalkRegister.CONTINUE) {
            return Classification.withWork(Classification.pack(verdictOf(status),
                    (WalkRegister.mark(reg) & rs.masqMark) != 0, -1), WalkRegister.work(reg));
        }
        return filter(rs, -1, sHi, sLo, dHi, dLo, proto, dport, CtState.NEW, reg & ~WalkRegister.NAT, now,
                random);
    }

    /**
     * Runs the filter chains after the nat walk (to {@code endpoint}, or -1 when nothing DNATed) and returns the
     * finished classification; {@code reg} holds the mark and the rules walked so far.
     */
    private static long filter(IptablesTables rs, int endpoint, long sHi, long sLo, long dHi, long dLo, int proto,
            int dport, int ct, long reg, long now, long random) {
        Verdict verdict = endpoint >= 0 ? Verdict.DNAT : Verdict.NONE;
        final long key = RuleKey.packet(dHi, dLo, proto, dport);
        final int[] filters = rs.filterEntries;
        long state = reg;
        for (int i = 0; i < filters.length; i++) {
            long s = runChain(rs, filters[i], key, sHi, sLo, dHi, dLo, proto, dport, state, ct, now, random);
            state = WalkRegister.withStatus(s, WalkRegister.CONTINUE);
            int st = WalkRegister.status(s);
            if (st != WalkRegister.CONTINUE && st != WalkRegister.DNAT_SEEN) {
                Verdict v = verdictOf(st);
                if (v != Verdict.ACCEPT || endpoint < 0) {
                    verdict = v;
                }
                break;
            }
        }
        boolean masq = (WalkRegister.mark(state) & rs.masqMark) != 0;
        return Classification.withWork(Classification.pack(verdict, masq, verdict == Verdict.DNAT ? endpoint : -1),
                WalkRegister.work(state));
    }

    /** The DNAT of the nat walk: rewrites the destination and finishes the packet through the filter chains. */
    private static long dnat(IptablesTables rs, int endpoint, long sHi, long sLo, int proto, int ct, long reg,
            long now, long random) {
        return WalkRegister.DONE | filter(rs, endpoint, sHi, sLo, rs.endpointHi[endpoint], rs.endpointLo[endpoint],
                proto, rs.endpointPort[endpoint], ct | CtState.DNAT,
                WalkRegister.withStatus(reg & ~WalkRegister.NAT, WalkRegister.CONTINUE), now, random);
    }

    private static Verdict verdictOf(int status) {
        return Verdict.of(status - 1 + Verdict.ACCEPT.ordinal());
    }

    private static long runChain(IptablesTables rs, int chain, long key, long sHi, long sLo, long dHi, long dLo,
            int proto, int dport, long reg, int ct, long now, long random) {
        final long[] keys = rs.ruleKeys;
        final int[] kind = rs.ruleKind;
        final int[] arg = rs.ruleArg;
        final int end = rs.chainEnd[chain];
        int counted = rs.chainFirst[chain];
        long result = reg;
        int r = counted;
        while ((r = nextCandidate(keys, key, r, end)) < end) {
            final int here = r++;
            if (keys[here << 1] == RuleKey.GENERAL && !rs.matches(here, sHi, sLo, dHi, dLo, proto, dport,
                    WalkRegister.mark(result), ct, now, random, false)) {
                continue;
            }
            final int k = kind[here];
            if (k == Opcodes.T_NONE) {
                continue;
            }
            if (k == Opcodes.T_JUMP) {
                long s = runChain(rs, arg[here], key, sHi, sLo, dHi, dLo, proto, dport,
                        WalkRegister.addWork(result, r - counted), ct, now, random);
                counted = r;
                if (WalkRegister.done(s)) {
                    return s;
                }
                result = s;
                if (WalkRegister.status(s) != WalkRegister.CONTINUE) {
                    break;
                }
            } else if (k == Opcodes.T_GOTO) {
                return runChain(rs, arg[here], key, sHi, sLo, dHi, dLo, proto, dport,
                        WalkRegister.addWork(result, r - counted), ct, now, random);
            } else if (k == Opcodes.T_RETURN) {
                break;
            } else if (k <= Opcodes.T_REJECT) {
                result = WalkRegister.withStatus(result, k + 1);
                break;
            } else if (k == Opcodes.T_DNAT) {
                if ((result & WalkRegister.NAT) != 0) {
                    return dnat(rs, arg[here], sHi, sLo, proto, ct, WalkRegister.addWork(result, r - counted), now,
                            random);
                }
                result = WalkRegister.withStatus(result, WalkRegister.DNAT_SEEN);
                break;
            } else if (k == Opcodes.T_MARK_OR) {
                result = WalkRegister.orMark(result, arg[here]);
            } else if (k == Opcodes.T_MARK_XOR) {
                result = WalkRegister.xorMark(result, arg[here]);
            } else if (k == Opcodes.T_MARK_SET) {
                result = WalkRegister.withMark(result, arg[here]);
            } else if (k == Opcodes.T_MASQUERADE) {
                result = WalkRegister.withStatus(result, Opcodes.T_ACCEPT + 1);
                break;
            }
        }
        return WalkRegister.addWork(result, r - counted);
    }

    /**
     * The first rule of {@code [r, end)} whose {@link RuleKey} compare passes (a header-only rule that matches, or
     * a rule with other matches), else {@code end}: the linear scan that is the cost of a KUBE-SERVICES walk,
     * one masked 64-bit compare per rule.
     */
    private static int nextCandidate(long[] keys, long key, int r, int end) {
        final int stop = Math.min(end << 1, keys.length - 1);
        for (int b = r << 1; b < stop; b += 2) {
            if (((key ^ keys[b]) & keys[b + 1]) == 0L) {
                return b >>> 1;
            }
        }
        return end;
    }
}
