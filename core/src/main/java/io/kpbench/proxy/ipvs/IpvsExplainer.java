package io.kpbench.proxy.ipvs;

import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.proxy.Explanation;
import io.kpbench.proxy.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * Explains a NEW packet in IPVS mode without changing any state: the iptables rules and ipset matches, the
 * virtual-server bucket walk, every real server the scheduler could pick, and the masquerade decision.
 *
 * <p>Source: the same path as {@link IpvsDataPlane#classify}; a NEW packet has no connection entry yet.
 */
final class IpvsExplainer {
    private IpvsExplainer() {
    }

    static Explanation explain(IpvsDataPlane p, FiveTuple packet) {
        List<String> path = new ArrayList<>();
        if (!packet.isV4()) {
            path.add("not IPv4: the ipvs model is IPv4-only");
            return new Explanation(Verdict.NONE, List.of(), false, path, 0);
        }
        int src = packet.srcV4();
        int dst = packet.dstV4();
        int sport = packet.srcPort();
        int dport = packet.dstPort();
        int proto = packet.protocol();
        long r = p.iptables.before(src, dst, dport, proto, path);
        int n = (int) (r >>> 32);
        boolean mark = (r & IpvsIptables.MARK) != 0;
        Verdict verdict = Verdict.of((int) (r & 0xF));
        if (verdict != Verdict.NONE) {
            return new Explanation(verdict, List.of(), false, path, n);
        }
        if (!p.iptables.local(dst)) {
            path.add("route: " + IpAddress.formatV4(dst) + " is not a local address, so IPVS (LOCAL_IN) never sees it");
            return new Explanation(Verdict.NONE, List.of(), false, path, n);
        }
        VirtualServerTable vst = p.core.vst;
        long vr = vst.lookup(proto, dst, dport);
        n += (int) (vr >>> 32);
        int v = (int) vr - 1;
        String where = "ipvs service table bucket " + vst.bucketOf(proto, dst, dport) + ", " + (vr >>> 32)
                + " node(s) visited";
        if (v < 0) {
            path.add(where + ": no virtual server; delivered to the local stack");
            return new Explanation(Verdict.NONE, List.of(), false, path, n);
        }
        path.add(where + " -> " + ServiceKey.ipvsadm(vst.key[v]) + " " + p.core.sched.name
                + ((vst.flags[v] & VirtualServerTable.F_PERSISTENT) != 0 ? " persistent " + vst.timeoutSeconds[v] : "")
                + " (" + p.owner(v) + ")");
        int[] cand = new int[Math.max(1, vst.numDests[v])];
        int k = p.core.sched.candidates(v, src, sport, dst, cand);
        if (k == 0) {
            path.add("scheduler " + p.core.sched.name + ": no destination available -> ip_vs_leave: ICMP port"
                    + " unreachable");
            return new Explanation(Verdict.REJECT, List.of(), false, path, n);
        }
        List<String> eps = new ArrayList<>();
        boolean hairpin = false;
        for (int i = 0; i < k; i++) {
            int d = cand[i];
            eps.add(p.core.rs.text(d));
            long lb = p.iptables.loopBack(src, p.core.rs.addr[d], p.core.rs.port[d], proto, path);
            n += (int) (lb >>> 32);
            hairpin |= (lb & IpvsIptables.MARK) != 0;
        }
        path.add("scheduler " + p.core.sched.name + ": " + k + " candidate(s) " + eps);
        boolean masq = mark || hairpin;
        path.add(masq ? "nat KUBE-POSTROUTING: MASQUERADE" : "nat KUBE-POSTROUTING: no masquerade");
        return new Explanation(Verdict.DNAT, eps, masq, path, n);
    }
}
