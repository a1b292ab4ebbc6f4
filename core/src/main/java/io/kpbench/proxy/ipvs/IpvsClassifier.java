package io.kpbench.proxy.ipvs;

import io.kpbench.net.FiveTuple;
import io.kpbench.net.Protocol;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.Verdict;
import io.kpbench.proxy.ipvs.companion.CompanionRules;
import io.kpbench.proxy.ipvs.kernel.ConnectionTable;
import io.kpbench.proxy.ipvs.kernel.IpvsHash;
import io.kpbench.proxy.ipvs.kernel.RealServerPool;
import io.kpbench.proxy.ipvs.kernel.VirtualServerTable;

/**
 * The packet path of an IPVS proxier, one path for both families: the companion iptables rules and ipsets, then
 * IPVS at LOCAL_IN (connection lookup, virtual-server lookup, scheduler or persistence template, a new connection
 * entry), then the {@code KUBE-LOOP-BACK} hairpin masquerade. Addresses stay the packet's 128-bit halves in
 * primitive locals; the 32 bits the kernel hashes ({@link IpvsHash#word}) are computed once per packet.
 *
 * <p>Source: Linux {@code ip_vs_core.c} ({@code ip_vs_in} at LOCAL_IN is family-generic),
 * {@code ip_vs_conn.c}, {@code ip_vs_ctl.c} ({@code ip_vs_service_find}), {@code ip_vs_schedule} /
 * {@code ip_vs_sched_persist}, {@code ip_vs_leave} answering ICMP port unreachable when no real server is
 * available. Every first packet of a flow creates a connection entry (and a persistence template for ClientIP
 * affinity), because the lc/wlc/sed/nq/lblc schedulers count them and later packets of the flow must find it;
 * nothing allocates unless the connection pool must grow.
 */
final class IpvsClassifier {
    private static final int UDP = Protocol.UDP.number();

    private IpvsClassifier() {
    }

    /**
     * Classifies a NEW packet.
     *
     * @return a {@link Classification} whose work is the iptables rules, ipset probes and hash-chain nodes walked
     */
    static long classify(IpvsTables t, ConnectionTable conns, FiveTuple packet, long nowNanos) {
        final boolean v6 = t.v6;
        if (packet.isV4() == v6) {
            return Classification.pack(Verdict.NONE, false, -1);
        }
        final long sHi = packet.srcHi();
        final long sLo = packet.srcLo();
        final long dHi = packet.dstHi();
        final long dLo = packet.dstLo();
        final int sport = packet.srcPort();
        final int dport = packet.dstPort();
        final int proto = packet.protocol();
        final CompanionRules rules = t.rules;
        long r = rules.before(sHi, sLo, dHi, dLo, dport, proto, null);
        long n = Classification.work(r);
        if (Classification.verdictOrdinal(r) != Verdict.NONE.ordinal() || !rules.local(dHi, dLo)) {
            return Classification.withWork(r & ~Classification.MASQ, n);
        }
        final int sWord = IpvsHash.word(v6, sHi, sLo);
        final int dWord = IpvsHash.word(v6, dHi, dLo);
        long cr = conns.lookup(proto, sHi, sLo, sWord, sport, dHi, dLo, dWord, dport, nowNanos);
        n += cr >>> 32;
        int c = (int) cr - 1;
        int d;
        if (c >= 0) {
            d = conns.dest[c];
        } else {
            long vr = t.vst.lookup(proto, dHi, dLo, dWord, dport);
            n += vr >>> 32;
            int v = (int) vr - 1;
            if (v < 0) {
                return Classification.withWork(Classification.pack(Verdict.NONE, false, -1), n);
            }
            d = scheduleSlowPath(t, conns, v, proto, sHi, sLo, sWord, sport, dHi, dLo, dWord, dport, nowNanos);
            if (d < 0) {
                return Classification.withWork(Classification.pack(Verdict.REJECT, false, -1), n);
            }
        }
        RealServerPool rs = t.rs;
        long lb = rules.loopBack(sHi, sLo, rs.addrHi[d], rs.addrLo[d], rs.port[d], proto, null);
        n += Classification.work(lb);
        return Classification.withWork(Classification.dnat(d, Classification.masquerade(r)
                || Classification.masquerade(lb)), n);
    }

    /**
     * A connection-table miss: {@code ip_vs_schedule} / {@code ip_vs_sched_persist} pick a destination and
     * record the connection (and the persistence template). Every first packet of a flow takes it.
     *
     * @return the destination, or -1 when the scheduler finds none
     */
    private static int scheduleSlowPath(IpvsTables t, ConnectionTable conns, int v, int proto, long sHi, long sLo,
            int sWord, int sport, long dHi, long dLo, int dWord, int dport, long now) {
        VirtualServerTable vst = t.vst;
        RealServerPool rs = t.rs;
        // __ip_vs_update_dest puts IP_VS_CONN_F_INACTIVE in every destination's conn_flags and ip_vs_bind_dest
        // copies it into each new connection: inactive whatever the protocol, until a TCP (or SCTP) state change
        // to ESTABLISHED makes it active. UDP has no such state, so a UDP connection stays inactive.
        int connFlags = ConnectionTable.F_INACTIVE;
        long connTimeout = proto == UDP ? ConnectionTable.UDP_NORMAL : ConnectionTable.TCP_SYN_RECV;
        if ((vst.flags[v] & VirtualServerTable.F_PERSISTENT) == 0) {
            int d = t.sched.schedule(v, sWord, sport, dWord, now);
            if (d >= 0) {
                conns.create(proto, sHi, sLo, sWord, sport, dHi, dLo, dWord, dport, d, connFlags, now, connTimeout,
                        -1);
            }
            return d;
        }
        long timeout = vst.timeoutSeconds[v] * ConnectionTable.NANOS;
        int tpl = (int) conns.lookupTemplate(proto, sHi, sLo, sWord, dHi, dLo, dWord, dport, now) - 1;
        int d;
        if (tpl >= 0 && rs.vs[conns.dest[tpl]] == v && rs.weight[conns.dest[tpl]] > 0) {
            d = conns.dest[tpl];
            conns.holdTemplate(tpl, now, timeout);
        } else {
            if (tpl >= 0) {
                conns.vport[tpl] = -1;
            }
            d = t.sched.schedule(v, sWord, sport, dWord, now);
            if (d < 0) {
                return -1;
            }
            tpl = conns.create(proto, sHi, sLo, sWord, 0, dHi, dLo, dWord, dport, d, ConnectionTable.F_TEMPLATE, now,
                    timeout, -1);
        }
        conns.create(proto, sHi, sLo, sWord, sport, dHi, dLo, dWord, dport, d, connFlags, now, connTimeout, tpl);
        return d;
    }
}
