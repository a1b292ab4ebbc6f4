package io.kpbench.proxy.iptables;

import io.kpbench.net.FiveTuple;
import io.kpbench.proxy.Explanation;
import io.kpbench.proxy.Verdict;
import io.kpbench.proxy.iptables.netfilter.CtState;
import io.kpbench.proxy.iptables.netfilter.Opcodes;
import java.util.ArrayList;
import java.util.List;

/**
 * Explains a NEW packet over a {@link IptablesTables} the way kube-proxy's iptables packet tracer
 * ({@code tracePacket} in {@code pkg/proxy/iptables/proxier_test.go}) does: the same walk as
 * {@link IptablesClassifier}, but every statistic branch is taken and does not end the calling chain, so every
 * reachable endpoint is reported in rule order; recent checks never match; marks from every branch accumulate.
 */
final class IptablesExplainer {
    private final IptablesTables rs;
    private final long sHi;
    private final long sLo;
    private long dHi;
    private long dLo;
    private final int proto;
    private int dport;
    private int ct = CtState.NEW;
    private int mark;
    private int evaluated;
    private final List<String> dnat = new ArrayList<>();
    private final List<Integer> dnatIds = new ArrayList<>();
    private final List<String> path = new ArrayList<>();
    private Verdict terminal;

    private IptablesExplainer(IptablesTables rs, FiveTuple p) {
        this.rs = rs;
        this.sHi = p.srcHi();
        this.sLo = p.srcLo();
        this.dHi = p.dstHi();
        this.dLo = p.dstLo();
        this.proto = p.protocol();
        this.dport = p.dstPort();
    }

    /** Explains {@code p}. */
    static Explanation explain(IptablesTables rs, FiveTuple p) {
        return new IptablesExplainer(rs, p).run();
    }

    private Explanation run() {
        if (rs.natEntry >= 0) {
            runChain(rs.natEntry);
        }
        if (!dnatIds.isEmpty()) {
            int ep = dnatIds.get(0);
            dHi = rs.endpointHi[ep];
            dLo = rs.endpointLo[ep];
            dport = rs.endpointPort[ep];
            ct |= CtState.DNAT;
        }
        if (terminal == null) {
            for (int f : rs.filterEntries) {
                if (runChain(f)) {
                    break;
                }
            }
        }
        Verdict v = terminal != null ? terminal : dnat.isEmpty() ? Verdict.NONE : Verdict.DNAT;
        return new Explanation(v, dnat, (mark & rs.masqMark) != 0, path, evaluated);
    }

    /** Runs {@code chain}; true when it ended in a terminal verdict. */
    private boolean runChain(int chain) {
        for (int r = rs.chainFirst[chain], end = rs.chainEnd[chain]; r < end; r++) {
            evaluated++;
            int k = rs.ruleKind[r];
            if (k == Opcodes.T_NONE
                    || !rs.matches(r, sHi, sLo, dHi, dLo, proto, dport, mark, ct, 0L, 0L, true)) {
                continue;
            }
            path.add(rs.chainTable[chain] + " " + rs.chainName[chain] + " rule " + (r - rs.chainFirst[chain] + 1)
                    + ": " + rs.ruleText(r));
            if (k == Opcodes.T_JUMP || k == Opcodes.T_GOTO) {
                boolean done = runChain(rs.ruleArg[r]);
                if (done && !rs.ruleProbabilistic[r] || k == Opcodes.T_GOTO) {
                    return done;
                }
            } else if (k == Opcodes.T_RETURN) {
                return false;
            } else if (k <= Opcodes.T_REJECT) {
                terminal = Verdict.of(k + Verdict.ACCEPT.ordinal());
                return true;
            } else if (k == Opcodes.T_DNAT) {
                dnat.add(rs.endpointText(rs.ruleArg[r]));
                dnatIds.add(rs.ruleArg[r]);
                return true;
            } else if (k == Opcodes.T_MARK_OR) {
                mark |= rs.ruleArg[r];
            } else if (k == Opcodes.T_MARK_XOR) {
                mark ^= rs.ruleArg[r];
            } else if (k == Opcodes.T_MARK_SET) {
                mark = rs.ruleArg[r];
            } else if (k == Opcodes.T_MASQUERADE) {
                return true;
            }
        }
        return false;
    }
}
