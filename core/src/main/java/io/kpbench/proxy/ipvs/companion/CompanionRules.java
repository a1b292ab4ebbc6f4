package io.kpbench.proxy.ipvs.companion;

import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.net.Protocol;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.Verdict;
import java.util.List;

/**
 * The iptables (ip6tables) rules kube-proxy installs next to IPVS, evaluated for one NEW packet of either family:
 * nat {@code KUBE-SERVICES} (with {@code KUBE-LOAD-BALANCER}, {@code KUBE-NODE-PORT}, {@code KUBE-MARK-MASQ})
 * before IPVS, filter {@code KUBE-IPVS-OUT-FILTER} (OUTPUT) and {@code KUBE-IPVS-FILTER},
 * {@code KUBE-PROXY-FIREWALL} / {@code KUBE-SOURCE-RANGES-FIREWALL}, {@code KUBE-NODE-PORT} (INPUT), and
 * {@code KUBE-POSTROUTING}'s {@code KUBE-LOOP-BACK} hairpin rule after it. The rule count is constant in the
 * number of services: every per-service fact lives in an ipset.
 *
 * <p>Source: kube-proxy {@code pkg/proxy/ipvs/proxier.go} ({@code writeIptablesRules}, {@code
 * ipsetWithIptablesChain}, {@code acceptIPVSTraffic}, {@code iptablesJumpChain}; the INPUT jumps are each
 * prepended, so {@code KUBE-IPVS-FILTER} runs first). The rules run unchanged against ip6tables; the one family
 * difference is the localhost short-cut ({@code -s 127.0.0.0/8} or {@code -s ::1/128}). Addresses are the
 * packet's 128-bit halves (IPv4 as {@code ::ffff:a.b.c.d}), so both families walk this one path. Model choices:
 * "locally originated" means the source is a node IP, loopback or a kube-ipvs0 address; {@code --physdev-is-in}
 * (bridged) means the source is in the cluster CIDR.
 *
 * <p>Results are {@link Classification}-packed: the verdict (NONE to continue into IPVS), the masquerade mark as
 * the masquerade bit, and the rules plus ipset probes evaluated as the work.
 */
public final class CompanionRules {
    private static final int TCP = Protocol.TCP.number();
    private static final int SCTP = Protocol.SCTP.number();
    private static final long NONE = Verdict.NONE.ordinal();
    /** nat {@code KUBE-NODE-PORT}'s sets in rule order: per protocol the Local set's RETURN, then the mark. */
    private static final int[] NODE_PORT_SETS = {IpSets.NODE_PORT_LOCAL_TCP, IpSets.NODE_PORT_TCP,
        IpSets.NODE_PORT_LOCAL_UDP, IpSets.NODE_PORT_UDP, IpSets.NODE_PORT_LOCAL_SCTP, IpSets.NODE_PORT_SCTP};
    private static final int[] NODE_PORT_PROTOS = {TCP, TCP, Protocol.UDP.number(), Protocol.UDP.number(), SCTP,
        SCTP};

    private final IpSets sets;
    /** Node addresses as (hi, lo) pairs. */
    private final long[] nodeIPs;
    /** Cluster CIDRs as (base hi, base lo, mask hi, mask lo) quadruples. */
    private final long[] pods;
    private final long loopbackMask;
    private final long loopbackLo;
    private final String loopbackCidr;
    private final boolean masqueradeAll;
    /** {@code KUBE-IPVS-OUT-FILTER} entries as (hi, lo, proto << 16 | port) triples; replaced by each sync. */
    private volatile long[] outFilter = new long[0];

    /** The rules of a proxier with {@code sets}, on a node with {@code nodeIPs} and cluster CIDRs {@code podCidrs}. */
    public CompanionRules(IpSets sets, List<IpAddress> nodeIPs, List<Cidr> podCidrs, boolean masqueradeAll) {
        this.sets = sets;
        this.nodeIPs = new long[nodeIPs.size() * 2];
        for (int i = 0; i < nodeIPs.size(); i++) {
            this.nodeIPs[2 * i] = nodeIPs.get(i).hi();
            this.nodeIPs[2 * i + 1] = nodeIPs.get(i).lo();
        }
        boolean v6 = sets.v6();
        this.pods = new long[podCidrs.size() * 4];
        for (int i = 0; i < podCidrs.size(); i++) {
            Cidr c = podCidrs.get(i);
            int p = c.prefix() + (v6 ? 0 : 96);
            pods[4 * i] = c.base().hi();
            pods[4 * i + 1] = c.base().lo();
            pods[4 * i + 2] = p >= 64 ? -1L : p == 0 ? 0L : -1L << (64 - p);
            pods[4 * i + 3] = p <= 64 ? 0L : p == 128 ? -1L : -1L << (128 - p);
        }
        // 127.0.0.0/8 is ::ffff:127.0.0.0/104; ::1 is ::1/128; the high half is 0 in both
        this.loopbackMask = v6 ? -1L : 0xFFFF_FFFF_FF00_0000L;
        this.loopbackLo = v6 ? 1L : 0x0000_FFFF_7F00_0000L;
        this.loopbackCidr = v6 ? "::1/128" : "127.0.0.0/8";
        this.masqueradeAll = masqueradeAll;
    }

    /** The localhost short-cut's source ({@code 127.0.0.0/8} or {@code ::1/128}). */
    public String loopbackCidr() {
        return loopbackCidr;
    }

    /** The {@code KUBE-IPVS-OUT-FILTER} entries, (hi, lo, proto << 16 | port) each. */
    public long[] outFilter() {
        return outFilter;
    }

    /** Installs the {@code KUBE-IPVS-OUT-FILTER} entries of a sync. */
    public void outFilter(long[] triples) {
        this.outFilter = triples;
    }

    private boolean loopback(long hi, long lo) {
        return hi == 0L && (lo & loopbackMask) == loopbackLo;
    }

    /** True for a node address or loopback (without kube-ipvs0). */
    boolean nodeLocal(long hi, long lo) {
        if (loopback(hi, lo)) {
            return true;
        }
        long[] n = nodeIPs;
        for (int i = 0; i < n.length; i += 2) {
            if (n[i + 1] == lo && n[i] == hi) {
                return true;
            }
        }
        return false;
    }

    /** {@code addrtype LOCAL}: a node address, loopback, or an address bound to kube-ipvs0. */
    public boolean local(long hi, long lo) {
        return nodeLocal(hi, lo) || sets.matchIp(IpSets.IPVS_IPS, hi, lo);
    }

    private boolean fromPod(long hi, long lo) {
        long[] p = pods;
        for (int i = 0; i < p.length; i += 4) {
            if ((hi & p[i + 2]) == p[i] && (lo & p[i + 3]) == p[i + 1]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs the pre-IPVS rules; a verdict other than NONE ends the packet's walk.
     *
     * @param trace the rule trace of an explanation, or null on the packet path (then nothing allocates)
     */
    public long before(long sHi, long sLo, long dHi, long dLo, int dport, int proto, List<String> trace) {
        long n = 1;
        boolean mark = false;
        boolean stop = loopback(sHi, sLo);
        step(trace, "nat KUBE-SERVICES -s ", loopbackCidr, " -j RETURN", stop);
        IpSets s = sets;
        if (!stop && !s.isEmpty(IpSets.LOAD_BALANCER)) {
            n += 2;
            boolean lb = s.matchIpPort(IpSets.LOAD_BALANCER, dHi, dLo, proto, dport);
            step(trace, "nat KUBE-SERVICES -m set --match-set ", s.name(IpSets.LOAD_BALANCER),
                    " dst,dst -j KUBE-LOAD-BALANCER", lb);
            if (lb) {
                boolean local = false;
                if (!s.isEmpty(IpSets.LOAD_BALANCER_LOCAL)) {
                    n += 2;
                    local = s.matchIpPort(IpSets.LOAD_BALANCER_LOCAL, dHi, dLo, proto, dport);
                    step(trace, "nat KUBE-LOAD-BALANCER -m set --match-set ", s.name(IpSets.LOAD_BALANCER_LOCAL),
                            " dst,dst -j RETURN", local);
                }
                if (!local) {
                    n += 2;
                    mark = true;
                    step(trace, "nat KUBE-LOAD-BALANCER -j KUBE-MARK-MASQ", true);
                }
            }
        }
        if (!stop && !s.isEmpty(IpSets.CLUSTER_IP)) {
            n += 2;
            boolean m;
            String head = "nat KUBE-SERVICES -m set --match-set ";
            if (masqueradeAll) {
                m = s.matchIpPort(IpSets.CLUSTER_IP, dHi, dLo, proto, dport);
                step(trace, head, s.name(IpSets.CLUSTER_IP), " dst,dst -j KUBE-MARK-MASQ", m);
            } else if (pods.length > 0) {
                m = s.matchIpPort(IpSets.CLUSTER_IP, dHi, dLo, proto, dport) && !fromPod(sHi, sLo);
                step(trace, head, s.name(IpSets.CLUSTER_IP), " dst,dst ! -s <cluster-cidr> -j KUBE-MARK-MASQ", m);
            } else {
                m = s.matchIpPort(IpSets.CLUSTER_IP, sHi, sLo, proto, dport);
                step(trace, head, s.name(IpSets.CLUSTER_IP), " src,dst -j KUBE-MARK-MASQ", m);
            }
            mark |= m;
            n += m ? 1 : 0;
        }
        boolean dstLocal = local(dHi, dLo);
        n++;
        if (!stop && !s.isEmpty(IpSets.EXTERNAL_IP)) {
            n += 2;
            boolean m = s.matchIpPort(IpSets.EXTERNAL_IP, dHi, dLo, proto, dport);
            step(trace, "nat KUBE-SERVICES -m set --match-set ", s.name(IpSets.EXTERNAL_IP),
                    " dst,dst -j KUBE-MARK-MASQ", m);
            mark |= m;
            n += 4;
            stop = m && (!fromPod(sHi, sLo) && !local(sHi, sLo) || dstLocal);
            step(trace, "nat KUBE-SERVICES ", s.name(IpSets.EXTERNAL_IP),
                    " (off-node source or local destination) -j ACCEPT", stop);
        }
        if (!stop && !s.isEmpty(IpSets.EXTERNAL_IP_LOCAL)) {
            n += 4;
            boolean m = s.matchIpPort(IpSets.EXTERNAL_IP_LOCAL, dHi, dLo, proto, dport);
            stop = m && (!fromPod(sHi, sLo) && !local(sHi, sLo) || dstLocal);
            step(trace, "nat KUBE-SERVICES ", s.name(IpSets.EXTERNAL_IP_LOCAL),
                    " (off-node source or local destination) -j ACCEPT", stop);
        }
        if (!stop) {
            n++;
            step(trace, "nat KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODE-PORT", dstLocal);
            if (dstLocal) {
                long r = nodePort(dHi, dLo, dport, proto, trace);
                n += Classification.work(r);
                mark |= Classification.masquerade(r);
            }
            n += 2;
        }
        if (local(sHi, sLo)) {
            long[] f = outFilter;
            long pp = ((long) proto << 16) | dport;
            for (int i = 0; i < f.length; i += 3) {
                n++;
                if (sHi == dHi && sLo == dLo && f[i] == dHi && f[i + 1] == dLo && f[i + 2] == pp) {
                    if (trace != null) {
                        String ip = new IpAddress(dHi, dLo).toString();
                        step(trace, "filter KUBE-IPVS-OUT-FILTER -s " + ip + " -m ipvs --vaddr " + ip + " -j DROP",
                                true);
                    }
                    return Classification.withWork(Verdict.DROP.ordinal(), n);
                }
            }
        }
        long masq = mark ? Classification.MASQ : 0L;
        if (!dstLocal) {
            return Classification.withWork(NONE | masq, n);
        }
        long r = input(sHi, sLo, dHi, dLo, dport, proto, trace);
        return Classification.withWork(r | masq, n + Classification.work(r));
    }

    /** nat {@code KUBE-NODE-PORT}: per protocol, the Local set's RETURN before the masquerade set's mark. */
    private long nodePort(long dHi, long dLo, int dport, int proto, List<String> trace) {
        long n = 0;
        IpSets s = sets;
        for (int i = 0; i < NODE_PORT_SETS.length; i++) {
            int set = NODE_PORT_SETS[i];
            if (s.isEmpty(set)) {
                continue;
            }
            n++;
            if (proto != NODE_PORT_PROTOS[i]) {
                continue;
            }
            n++;
            boolean m = proto == SCTP ? s.matchIpPort(set, dHi, dLo, proto, dport) : s.matchPort(set, dport);
            boolean isLocal = (i & 1) == 0;
            if (trace != null) {
                step(trace, "nat KUBE-NODE-PORT -p " + Protocol.ofNumber(proto).lower() + " -m set --match-set ",
                        s.name(set), isLocal ? " dst -j RETURN" : " dst -j KUBE-MARK-MASQ", m);
            }
            if (m) {
                return Classification.withWork(NONE | (isLocal ? 0L : Classification.MASQ), n);
            }
        }
        return Classification.withWork(NONE, n);
    }

    /** filter INPUT: {@code KUBE-IPVS-FILTER}, {@code KUBE-PROXY-FIREWALL}, {@code KUBE-NODE-PORT}. */
    private long input(long sHi, long sLo, long dHi, long dLo, int dport, int proto, List<String> trace) {
        IpSets s = sets;
        long n = 6;
        boolean ret = s.matchIpPort(IpSets.LOAD_BALANCER, dHi, dLo, proto, dport)
                || s.matchIpPort(IpSets.CLUSTER_IP, dHi, dLo, proto, dport)
                || s.matchIpPort(IpSets.EXTERNAL_IP, dHi, dLo, proto, dport)
                || s.matchIpPort(IpSets.EXTERNAL_IP_LOCAL, dHi, dLo, proto, dport)
                || s.matchPort(IpSets.HEALTH_CHECK_NODE_PORT, dport);
        if (!ret && s.matchIp(IpSets.IPVS_IPS, dHi, dLo)) {
            step(trace, "filter KUBE-IPVS-FILTER -m conntrack --ctstate NEW -m set --match-set ",
                    s.name(IpSets.IPVS_IPS), " dst -j REJECT (a kube-ipvs0 address on a port no service uses)", true);
            return Classification.withWork(Verdict.REJECT.ordinal(), n);
        }
        step(trace, ret ? "filter KUBE-IPVS-FILTER -m set --match-set <service set> -j RETURN"
                : "filter KUBE-IPVS-FILTER (no service ip:port)", ret);
        if (!s.isEmpty(IpSets.LOAD_BALANCER_FW)) {
            n += 2;
            if (s.matchIpPort(IpSets.LOAD_BALANCER_FW, dHi, dLo, proto, dport)) {
                step(trace, "filter KUBE-PROXY-FIREWALL -m set --match-set ", s.name(IpSets.LOAD_BALANCER_FW),
                        " dst,dst -j KUBE-SOURCE-RANGES-FIREWALL", true);
                boolean ok = false;
                if (!s.isEmpty(IpSets.LOAD_BALANCER_SOURCE_CIDR)) {
                    int r = s.matchSourceCidr(dHi, dLo, proto, dport, sHi, sLo);
                    n += 1 + (r >>> 1);
                    ok = (r & 1) != 0;
                    step(trace, "filter KUBE-SOURCE-RANGES-FIREWALL ", s.name(IpSets.LOAD_BALANCER_SOURCE_CIDR),
                            " dst,dst,src -j RETURN", ok);
                }
                if (!ok && !s.isEmpty(IpSets.LOAD_BALANCER_SOURCE_IP)) {
                    n += 2;
                    ok = s.matchIpPortIp(IpSets.LOAD_BALANCER_SOURCE_IP, dHi, dLo, proto, dport, sHi, sLo);
                    step(trace, "filter KUBE-SOURCE-RANGES-FIREWALL ", s.name(IpSets.LOAD_BALANCER_SOURCE_IP),
                            " dst,dst,src -j RETURN", ok);
                }
                if (!ok) {
                    n++;
                    step(trace, "filter KUBE-SOURCE-RANGES-FIREWALL -j DROP", true);
                    return Classification.withWork(Verdict.DROP.ordinal(), n);
                }
            }
        }
        n += 2;
        if (s.matchPort(IpSets.HEALTH_CHECK_NODE_PORT, dport) && proto == TCP) {
            step(trace, "filter KUBE-NODE-PORT -m set --match-set ", s.name(IpSets.HEALTH_CHECK_NODE_PORT),
                    " dst -j ACCEPT", true);
            return Classification.withWork(Verdict.ACCEPT.ordinal(), n);
        }
        return Classification.withWork(NONE, n);
    }

    /**
     * {@code KUBE-POSTROUTING -m set --match-set KUBE-LOOP-BACK dst,dst,src -j MASQUERADE} after DNAT to the
     * endpoint (epHi, epLo):epPort; the work is 0 when the set is empty (kube-proxy omits the rule).
     */
    public long loopBack(long sHi, long sLo, long epHi, long epLo, int epPort, int proto, List<String> trace) {
        if (sets.isEmpty(IpSets.LOOP_BACK)) {
            return NONE;
        }
        boolean m = sets.matchIpPortIp(IpSets.LOOP_BACK, epHi, epLo, proto, epPort, sHi, sLo);
        step(trace, "nat KUBE-POSTROUTING -m set --match-set ", sets.name(IpSets.LOOP_BACK),
                " dst,dst,src -j MASQUERADE", m);
        return Classification.withWork(NONE | (m ? Classification.MASQ : 0L), 2);
    }

    /** Adds {@code pre + set + post} to the trace; builds no string without one. */
    private static void step(List<String> trace, String pre, String set, String post, boolean matched) {
        if (trace != null) {
            step(trace, pre + set + post, matched);
        }
    }

    private static void step(List<String> trace, String rule, boolean matched) {
        if (trace != null) {
            trace.add(rule + (matched ? "  [match]" : "  [no match]"));
        }
    }
}
