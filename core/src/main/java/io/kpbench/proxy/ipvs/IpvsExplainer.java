package io.kpbench.proxy.ipvs;

import io.kpbench.net.FiveTuple;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.Explanation;
import io.kpbench.proxy.Verdict;
import io.kpbench.proxy.ipvs.companion.CompanionRules;
import io.kpbench.proxy.ipvs.kernel.IpvsHash;
import io.kpbench.proxy.ipvs.kernel.RealServerPool;
import io.kpbench.proxy.ipvs.kernel.ServiceKey;
import io.kpbench.proxy.ipvs.kernel.VirtualServerTable;
import java.util.ArrayList;
import java.util.List;

/**
 * Explains a NEW packet in IPVS mode without changing any state: the iptables rules and ipset matches, the
 * virtual-server bucket walk, every real server the scheduler could pick, and the masquerade decision.
 *
 * <p>Source: the same path as {@link IpvsClassifier} (both families); a NEW packet has no connection entry yet.
 */
final class IpvsExplainer {
    private IpvsExplainer() {
    }

    static Explanation explain(IpvsTables t, IpvsCompiler compiler, FiveTuple packet) {
        List<String> path = new ArrayList<>();
        boolean v6 = t.v6;
        if (packet.isV4() == v6) {
            path.add("not " + t.book.family() + ": this proxier only sees " + t.book.family() + " packets");
            return new Explanation(Verdict.NONE, List.of(), false, path, 0);
        }
        long sHi = packet.srcHi();
        long sLo = packet.srcLo();
        long dHi = packet.dstHi();
        long dLo = packet.dstLo();
        int src = IpvsHash.word(v6, sHi, sLo);
        int dst = IpvsHash.word(v6, dHi, dLo);
        int sport = packet.srcPort();
        int dport = packet.dstPort();
        int proto = packet.protocol();
        CompanionRules rules = t.rules;
        long r = rules.before(sHi, sLo, dHi, dLo, dport, proto, path);
        int n = Classification.work(r);
        boolean mark = Classification.masquerade(r);
        Verdict verdict = Classification.verdict(r);
        if (verdict != Verdict.NONE) {
            return new Explanation(verdict, List.of(), false, path, n);
        }
        if (!rules.local(dHi, dLo)) {
            path.add("route: " + packet.dst() + " is not a local address, so IPVS (LOCAL_IN) never sees it");
            return new Explanation(Verdict.NONE, List.of(), false, path, n);
        }
        VirtualServerTable vst = t.vst;
        long vr = vst.lookup(proto, dHi, dLo, dst, dport);
        n += (int) (vr >>> 32);
        int v = (int) vr - 1;
        String where = "ipvs service table bucket " + vst.bucketOf(proto, dst, dport) + ", " + (vr >>> 32)
                + " node(s) visited" + (v6 ? " (address fold " + String.format("%08x", dst) + ")" : "");
        if (v < 0) {
            path.add(where + ": no virtual server; delivered to the local stack");
            return new Explanation(Verdict.NONE, List.of(), false, path, n);
        }
        String sched = t.sched.name;
        path.add(where + " -> " + ServiceKey.ipvsadm(t.book, vst.key[v]) + " " + sched
                + ((vst.flags[v] & VirtualServerTable.F_PERSISTENT) != 0 ? " persistent " + vst.timeoutSeconds[v] : "")
                + " (" + compiler.owner(v) + ")");
        int[] cand = new int[Math.max(1, vst.numDests[v])];
        int k = t.sched.candidates(v, src, sport, dst, cand);
        if (k == 0) {
            path.add("scheduler " + sched + ": no destination available -> ip_vs_leave: ICMP port unreachable");
            return new Explanation(Verdict.REJECT, List.of(), false, path, n);
        }
        List<String> eps = new ArrayList<>();
        boolean hairpin = false;
        RealServerPool rs = t.rs;
        for (int i = 0; i < k; i++) {
            int d = cand[i];
            eps.add(rs.text(d));
            long lb = rules.loopBack(sHi, sLo, rs.addrHi[d], rs.addrLo[d], rs.port[d], proto, path);
            n += Classification.work(lb);
            hairpin |= Classification.masquerade(lb);
        }
        path.add("scheduler " + sched + ": " + k + " candidate(s) " + eps);
        boolean masq = mark || hairpin;
        path.add(masq ? "nat KUBE-POSTROUTING: MASQUERADE" : "nat KUBE-POSTROUTING: no masquerade");
        return new Explanation(Verdict.DNAT, eps, masq, path, n);
    }
}
