package io.kpbench.proxy.iptables;

import io.kpbench.net.FiveTuple;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.Verdict;

/**
 * Walks a NEW packet through a {@link CompiledRuleset} rule by rule, as netfilter's {@code ipt_do_table} does:
 * nat PREROUTING (jumping into KUBE-SERVICES), the DNAT it picks, then the filter chains kube-proxy's packet
 * tracer runs (KUBE-SERVICES, KUBE-EXTERNAL-SERVICES, KUBE-NODEPORTS, KUBE-PROXY-FIREWALL). The masquerade decision
 * is whether the mark's masquerade bit is set when the walk ends.
 *
 * <p>The cost is the point: a packet to the k-th service IP:port evaluates about k KUBE-SERVICES rules, then
 * about (n+1)/2 statistic rules of an n-endpoint SVC chain and two SEP rules. There is no index and no cache:
 * every rule is visited in order, with one masked 64-bit {@link RuleKey} compare, and a rule with other matches
 * then has them evaluated one by one.
 * {@link #classify} allocates nothing; recursion replaces an explicit jump stack, and the packet's state travels
 * in one long: bits 0-31 the mark, 32-59 the DNAT endpoint id plus one, 60-63 the chain verdict.
 */
final class LinearRuleWalker {
    private static final long MARK_BITS = 0xFFFF_FFFFL;
    private static final long ENDPOINT_BITS = 0x0FFF_FFFF_0000_0000L;
    private static final int S_CONTINUE = 0;
    private static final int S_DNAT = 4;

    private volatile CompiledRuleset rules;
    private long rulesEvaluated;

    /** Installs a newly compiled ruleset; classifications in flight finish on the old one. */
    void install(CompiledRuleset rs) {
        this.rules = rs;
    }

    /** The installed ruleset. */
    CompiledRuleset rules() {
        return rules;
    }

    /** Rules evaluated by {@link #classify} so far (racy across threads; a benchmark counter). */
    long rulesEvaluated() {
        return rulesEvaluated;
    }

    /** Classifies a NEW packet into a {@link Classification}-packed long. */
    long classify(FiveTuple p, long now, long random) {
        final CompiledRuleset rs = rules;
        final long sHi = p.srcHi();
        final long sLo = p.srcLo();
        long dHi = p.dstHi();
        long dLo = p.dstLo();
        final int proto = p.protocol();
        int dport = p.dstPort();
        int ct = CtState.NEW;
        long state = 0L;
        if (rs.natEntry >= 0) {
            state = runChain(rs, rs.natEntry, RuleKey.packet(dHi, dLo, proto, dport), sHi, sLo, dHi, dLo, proto,
                    dport, 0L, ct, now, random);
        }
        int status = (int) (state >>> 60);
        int endpoint = (int) ((state & ENDPOINT_BITS) >>> 32) - 1;
        Verdict verdict = Verdict.NONE;
        if (status == S_DNAT) {
            verdict = Verdict.DNAT;
            dHi = rs.endpointHi[endpoint];
            dLo = rs.endpointLo[endpoint];
            dport = rs.endpointPort[endpoint];
            ct |= CtState.DNAT;
        } else if (status != S_CONTINUE) {
            return Classification.pack(Verdict.of(status - 1 + Verdict.ACCEPT.ordinal()),
                    ((int) state & rs.masqMark) != 0, -1);
        }
        long mark = state & MARK_BITS;
        final long key = RuleKey.packet(dHi, dLo, proto, dport);
        final int[] filters = rs.filterEntries;
        for (int i = 0; i < filters.length; i++) {
            long s = runChain(rs, filters[i], key, sHi, sLo, dHi, dLo, proto, dport, mark, ct, now, random);
            mark = s & MARK_BITS;
            int st = (int) (s >>> 60);
            if (st != S_CONTINUE && st != S_DNAT) {
                Verdict v = Verdict.of(st - 1 + Verdict.ACCEPT.ordinal());
                if (v != Verdict.ACCEPT || endpoint < 0) {
                    verdict = v;
                }
                break;
            }
        }
        boolean masq = ((int) mark & rs.masqMark) != 0;
        return Classification.pack(verdict, masq, verdict == Verdict.DNAT ? endpoint : -1);
    }

    private long runChain(CompiledRuleset rs, int chain, long key, long sHi, long sLo, long dHi, long dLo,
            int proto, int dport, long state, int ct, long now, long random) {
        final long[] keys = rs.ruleKeys;
        final int[] kind = rs.ruleKind;
        final int[] arg = rs.ruleArg;
        final int first = rs.chainFirst[chain];
        final int end = rs.chainEnd[chain];
        long result = state;
        int r = first;
        while ((r = nextCandidate(keys, key, r, end)) < end) {
            final int here = r++;
            if (keys[here << 1] == RuleKey.GENERAL
                    && !rs.matches(here, sHi, sLo, dHi, dLo, proto, dport, (int) result, ct, now, random, false)) {
                continue;
            }
            final int k = kind[here];
            if (k == CompiledRuleset.T_NONE) {
                continue;
            }
            if (k == CompiledRuleset.T_JUMP) {
                long s = runChain(rs, arg[here], key, sHi, sLo, dHi, dLo, proto, dport, result, ct, now, random);
                result = s;
                if ((s >>> 60) != S_CONTINUE) {
                    break;
                }
            } else if (k == CompiledRuleset.T_GOTO) {
                result = runChain(rs, arg[here], key, sHi, sLo, dHi, dLo, proto, dport, result, ct, now, random);
                break;
            } else if (k == CompiledRuleset.T_RETURN) {
                break;
            } else if (k <= CompiledRuleset.T_REJECT) {
                result = (result & MARK_BITS) | ((long) (k + 1) << 60);
                break;
            } else if (k == CompiledRuleset.T_DNAT) {
                result = (result & MARK_BITS) | ((long) (arg[here] + 1) << 32) | ((long) S_DNAT << 60);
                break;
            } else if (k == CompiledRuleset.T_MARK_OR) {
                result = (result | (arg[here] & MARK_BITS));
            } else if (k == CompiledRuleset.T_MARK_XOR) {
                result = (result ^ (arg[here] & MARK_BITS));
            } else if (k == CompiledRuleset.T_MARK_SET) {
                result = (result & ~MARK_BITS) | (arg[here] & MARK_BITS);
            } else if (k == CompiledRuleset.T_MASQUERADE) {
                result = (result & MARK_BITS) | ((long) (CompiledRuleset.T_ACCEPT + 1) << 60);
                break;
            }
        }
        rulesEvaluated += r - first;
        return result;
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
