package io.kpbench.proxy.ipvs;

import io.kpbench.net.FiveTuple;
import io.kpbench.proxy.Explanation;
import io.kpbench.proxy.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * Explains a NEW packet in IPVS mode without changing any state: the iptables rules and ipset matches, the
 * virtual-server bucket walk, every real server the scheduler could pick, and the masquerade decision.
 *
 * <p>Source: the same path as {@link IpvsDataPlane#classify} (and {@link IpvsPath6} on an IPv6 plane); a NEW
 * packet has no connection entry yet.
 */
final class IpvsExplainer {
    private IpvsExplainer() {
    }

    static Explanation explain(IpvsDataPlane p, FiveTuple packet) {
        List<String> path = new ArrayList<>();
        boolean v6 = p.core.book.v6();
        if (packet.isV4() == v6) {
            path.add("not " + p.family() + ": this proxier only sees " + p.family() + " packets");
            return new Explanation(Verdict.NONE, List.of(), false, path, 0);
        }
        long sHi = packet.srcHi();
        long sLo = packet.srcLo();
        long dHi = packet.dstHi();
        long dLo = packet.dstLo();
        // the 32 bits the kernel hashes: the IPv4 address, or the IPv6 fold
        int src = v6 ? IpvsHash.fold(sHi, sLo) : packet.srcV4();
        int dst = v6 ? IpvsHash.fold(dHi, dLo) : packet.dstV4();
        int sport = packet.srcPort();
        int dport = packet.dstPort();
        int proto = packet.protocol();
        long r = v6 ? p.iptables6.before(sHi, sLo, dHi, dLo, dport, proto, path)
                : p.iptables.before(src, dst, dport, proto, path);
        int n = (int) (r >>> 32);
        boolean mark = (r & IpvsIptables.MARK) != 0;
        Verdict verdict = Verdict.of((int) (r & 0xF));
        if (verdict != Verdict.NONE) {
            return new Explanation(verdict, List.of(), false, path, n);
        }
        if (v6 ? !p.iptables6.local(dHi, dLo) : !p.iptables.local(dst)) {
            path.add("route: " + packet.dst() + " is not a local address, so IPVS (LOCAL_IN) never sees it");
            return new Explanation(Verdict.NONE, List.of(), false, path, n);
        }
        VirtualServerTable vst = p.core.vst;
        long vr = v6 ? vst.lookup6(proto, dHi, dLo, dst, dport) : vst.lookup(proto, dst, dport);
        n += (int) (vr >>> 32);
        int v = (int) vr - 1;
        String where = "ipvs service table bucket " + vst.bucketOf(proto, dst, dport) + ", " + (vr >>> 32)
                + " node(s) visited" + (v6 ? " (address fold " + String.format("%08x", dst) + ")" : "");
        if (v < 0) {
            path.add(where + ": no virtual server; delivered to the local stack");
            return new Explanation(Verdict.NONE, List.of(), false, path, n);
        }
        path.add(where + " -> " + ServiceKey.ipvsadm(p.core.book, vst.key[v]) + " " + p.core.sched.name
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
            RealServerPool rs = p.core.rs;
            long lb = v6 ? p.iptables6.loopBack(sHi, sLo, rs.addrHi[d], rs.addrLo[d], rs.port[d], proto, path)
                    : p.iptables.loopBack(src, rs.addr[d], rs.port[d], proto, path);
            n += (int) (lb >>> 32);
            hairpin |= (lb & IpvsIptables.MARK) != 0;
        }
        path.add("scheduler " + p.core.sched.name + ": " + k + " candidate(s) " + eps);
        boolean masq = mark || hairpin;
        path.add(masq ? "nat KUBE-POSTROUTING: MASQUERADE" : "nat KUBE-POSTROUTING: no masquerade");
        return new Explanation(Verdict.DNAT, eps, masq, path, n);
    }
}
