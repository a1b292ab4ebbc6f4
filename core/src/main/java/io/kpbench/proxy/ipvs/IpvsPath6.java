package io.kpbench.proxy.ipvs;

import io.kpbench.net.FiveTuple;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.Verdict;

/**
 * The packet path of an IPv6 IPVS data plane: ip6tables pre-rules, then IPVS at LOCAL_IN for AF_INET6
 * (connection lookup, virtual-server lookup, scheduler or persistence template, new connection entry), then the
 * {@code KUBE-6-LOOP-BACK} hairpin masquerade. The same steps as {@link IpvsDataPlane#classify} on IPv4, with
 * addresses as two longs held in primitive locals and arrays, so a packet allocates nothing.
 *
 * <p>Source: Linux {@code ip_vs_core.c} ({@code ip_vs_in} is family-generic), {@code ip_vs_conn.c},
 * {@code ip_vs_ctl.c}. Per packet the source and destination folds ({@link IpvsHash#fold}, four XORs each) are
 * computed once: the virtual-server bucket and the sh/dh/mh schedulers hash them, as the kernel does.
 */
final class IpvsPath6 {
    private final IpvsCore core;
    private final IpvsIptables6 iptables;
    private long rules;

    IpvsPath6(IpvsCore core, IpvsIptables6 iptables) {
        this.core = core;
        this.iptables = iptables;
    }

    /** Rules, ipset probes and chain nodes walked so far (racy, as the IPv4 counter). */
    long rulesEvaluated() {
        return rules;
    }

    /** {@link IpvsDataPlane#classify} for an IPv6 packet; IPv4 packets are not this proxier's. */
    long classify(FiveTuple packet, long nowNanos) {
        if (packet.isV4()) {
            return Classification.pack(Verdict.NONE, false, -1);
        }
        long sHi = packet.srcHi();
        long sLo = packet.srcLo();
        long dHi = packet.dstHi();
        long dLo = packet.dstLo();
        int sport = packet.srcPort();
        int dport = packet.dstPort();
        int proto = packet.protocol();
        IpvsCore k = core;
        long r = iptables.before(sHi, sLo, dHi, dLo, dport, proto, null);
        long n = r >>> 32;
        boolean mark = (r & IpvsIptables.MARK) != 0;
        int verdict = (int) (r & 0xF);
        if (verdict != 0 || !iptables.local(dHi, dLo)) {
            rules += n;
            return Classification.pack(Verdict.of(verdict), false, -1);
        }
        long cr = k.conns.lookup6(proto, sHi, sLo, sport, dHi, dLo, dport, nowNanos);
        n += cr >>> 32;
        int c = (int) cr - 1;
        int d;
        if (c >= 0) {
            d = k.conns.dest[c];
        } else {
            int dFold = IpvsHash.fold(dHi, dLo);
            long vr = k.vst.lookup6(proto, dHi, dLo, dFold, dport);
            n += vr >>> 32;
            int v = (int) vr - 1;
            if (v < 0) {
                rules += n;
                return Classification.pack(Verdict.NONE, false, -1);
            }
            d = connect(v, proto, sHi, sLo, sport, dHi, dLo, dFold, dport, nowNanos);
            if (d < 0) {
                rules += n;
                return Classification.pack(Verdict.REJECT, false, -1);
            }
        }
        RealServerPool rs = k.rs;
        long lb = iptables.loopBack(sHi, sLo, rs.addrHi[d], rs.addrLo[d], rs.port[d], proto, null);
        rules += n + (lb >>> 32);
        return Classification.dnat(d, mark || (lb & IpvsIptables.MARK) != 0);
    }

    /** {@code ip_vs_schedule} / {@code ip_vs_sched_persist} for AF_INET6. */
    private int connect(int v, int proto, long sHi, long sLo, int sport, long dHi, long dLo, int dFold, int dport,
            long now) {
        IpvsCore k = core;
        IpvsConnTable conns = k.conns;
        int sFold = IpvsHash.fold(sHi, sLo);
        int connFlags = proto == 17 ? 0 : IpvsConnTable.F_INACTIVE;
        long connTimeout = proto == 17 ? IpvsConnTable.UDP_NORMAL : IpvsConnTable.TCP_SYN_RECV;
        if ((k.vst.flags[v] & VirtualServerTable.F_PERSISTENT) == 0) {
            int d = k.sched.schedule(v, sFold, sport, dFold, now);
            if (d >= 0) {
                conns.create6(proto, sHi, sLo, sport, dHi, dLo, dport, d, connFlags, now, connTimeout, -1);
            }
            return d;
        }
        long timeout = k.vst.timeoutSeconds[v] * IpvsConnTable.NANOS;
        int t = (int) conns.lookupTemplate6(proto, sHi, sLo, dHi, dLo, dport, now) - 1;
        int d;
        if (t >= 0 && k.rs.vs[conns.dest[t]] == v && k.rs.weight[conns.dest[t]] > 0) {
            d = conns.dest[t];
            conns.touch(t, now + timeout);
        } else {
            if (t >= 0) {
                conns.vport[t] = -1;
            }
            d = k.sched.schedule(v, sFold, sport, dFold, now);
            if (d < 0) {
                return -1;
            }
            t = conns.create6(proto, sHi, sLo, 0, dHi, dLo, dport, d, IpvsConnTable.F_TEMPLATE, now, timeout, -1);
        }
        conns.create6(proto, sHi, sLo, sport, dHi, dLo, dport, d, connFlags, now, connTimeout, t);
        return d;
    }
}
