package io.kpbench.proxy.ipvs;

import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.proxy.Verdict;
import java.util.List;

/**
 * The ip6tables rules an IPv6 IPVS proxier installs, evaluated for one NEW IPv6 packet: the same chains, rule
 * order and rule counts as {@link IpvsIptables}, over the {@code KUBE-6-*} ipsets and 128-bit addresses.
 *
 * <p>Source: kube-proxy {@code pkg/proxy/ipvs/proxier.go} ({@code writeIptablesRules} runs unchanged against
 * ip6tables; the one family difference in the rules is the localhost short-cut {@code -s ::1/128 -j RETURN}
 * instead of {@code -s 127.0.0.0/8}). "Locally originated" means a node IPv6 address, {@code ::1} or a kube-ipvs0
 * address; the local-traffic detector is the IPv6 cluster CIDR. Kept apart from the IPv4 class so that the
 * IPv4 packet path carries no family test per rule. Results pack as in {@link IpvsIptables}.
 */
final class IpvsIptables6 {
    private final IpvsIpSets sets;
    private final long[] nodeIPs;
    private final long[] pods;
    private final boolean masqueradeAll;
    /** {@code KUBE-IPVS-OUT-FILTER} entries as (hi, lo, proto << 16 | port) triples. */
    volatile long[] outFilter = new long[0];

    IpvsIptables6(IpvsIpSets sets, List<IpAddress> nodeIPs, List<Cidr> podCidrs, boolean masqueradeAll) {
        this.sets = sets;
        this.nodeIPs = new long[nodeIPs.size() * 2];
        for (int i = 0; i < nodeIPs.size(); i++) {
            this.nodeIPs[2 * i] = nodeIPs.get(i).hi();
            this.nodeIPs[2 * i + 1] = nodeIPs.get(i).lo();
        }
        this.pods = new long[podCidrs.size() * 4];
        for (int i = 0; i < podCidrs.size(); i++) {
            int p = podCidrs.get(i).prefix();
            pods[4 * i] = podCidrs.get(i).base().hi();
            pods[4 * i + 1] = podCidrs.get(i).base().lo();
            pods[4 * i + 2] = p >= 64 ? -1L : p == 0 ? 0L : -1L << (64 - p);
            pods[4 * i + 3] = p <= 64 ? 0L : p == 128 ? -1L : -1L << (128 - p);
        }
        this.masqueradeAll = masqueradeAll;
    }

    static boolean loopback(long hi, long lo) {
        return hi == 0L && lo == 1L;
    }

    /** True for a node IPv6 address or {@code ::1} (without kube-ipvs0). */
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

    /** {@code addrtype LOCAL}: a node address, {@code ::1}, or an address bound to kube-ipvs0. */
    boolean local(long hi, long lo) {
        return nodeLocal(hi, lo) || sets.matchIp6(IpvsIpSets.IPVS_IPS, hi, lo);
    }

    boolean fromPod(long hi, long lo) {
        long[] p = pods;
        for (int i = 0; i < p.length; i += 4) {
            if ((hi & p[i + 2]) == p[i] && (lo & p[i + 3]) == p[i + 1]) {
                return true;
            }
        }
        return false;
    }

    /** Runs the pre-IPVS rules; a verdict other than NONE ends the packet's walk. */
    long before(long sHi, long sLo, long dHi, long dLo, int dport, int proto, List<String> trace) {
        long n = 1;
        boolean mark = false;
        boolean stop = loopback(sHi, sLo);
        IpvsIptables.step(trace, "nat KUBE-SERVICES -s ::1/128 -j RETURN", stop);
        IpvsIpSets s = sets;
        String[] nm = s.names;
        if (!stop && !s.isEmpty(IpvsIpSets.LOAD_BALANCER)) {
            n += 2;
            boolean lb = s.matchIpPort6(IpvsIpSets.LOAD_BALANCER, dHi, dLo, proto, dport);
            step(trace, "nat KUBE-SERVICES -m set --match-set ", nm[IpvsIpSets.LOAD_BALANCER],
                    " dst,dst -j KUBE-LOAD-BALANCER", lb);
            if (lb) {
                boolean local = false;
                if (!s.isEmpty(IpvsIpSets.LOAD_BALANCER_LOCAL)) {
                    n += 2;
                    local = s.matchIpPort6(IpvsIpSets.LOAD_BALANCER_LOCAL, dHi, dLo, proto, dport);
                    step(trace, "nat KUBE-LOAD-BALANCER -m set --match-set ", nm[IpvsIpSets.LOAD_BALANCER_LOCAL],
                            " dst,dst -j RETURN", local);
                }
                if (!local) {
                    n += 2;
                    mark = true;
                    IpvsIptables.step(trace, "nat KUBE-LOAD-BALANCER -j KUBE-MARK-MASQ", true);
                }
            }
        }
        if (!stop && !s.isEmpty(IpvsIpSets.CLUSTER_IP)) {
            n += 2;
            boolean m;
            String head = "nat KUBE-SERVICES -m set --match-set ";
            String set = nm[IpvsIpSets.CLUSTER_IP];
            if (masqueradeAll) {
                m = s.matchIpPort6(IpvsIpSets.CLUSTER_IP, dHi, dLo, proto, dport);
                step(trace, head, set, " dst,dst -j KUBE-MARK-MASQ", m);
            } else if (pods.length > 0) {
                m = s.matchIpPort6(IpvsIpSets.CLUSTER_IP, dHi, dLo, proto, dport) && !fromPod(sHi, sLo);
                step(trace, head, set, " dst,dst ! -s <cluster-cidr> -j KUBE-MARK-MASQ", m);
            } else {
                m = s.matchIpPort6(IpvsIpSets.CLUSTER_IP, sHi, sLo, proto, dport);
                step(trace, head, set, " src,dst -j KUBE-MARK-MASQ", m);
            }
            mark |= m;
            n += m ? 1 : 0;
        }
        boolean dstLocal = local(dHi, dLo);
        n++;
        if (!stop && !s.isEmpty(IpvsIpSets.EXTERNAL_IP)) {
            n += 2;
            boolean m = s.matchIpPort6(IpvsIpSets.EXTERNAL_IP, dHi, dLo, proto, dport);
            step(trace, "nat KUBE-SERVICES -m set --match-set ", nm[IpvsIpSets.EXTERNAL_IP],
                    " dst,dst -j KUBE-MARK-MASQ", m);
            mark |= m;
            n += 4;
            stop = m && (!fromPod(sHi, sLo) && !local(sHi, sLo) || dstLocal);
            step(trace, "nat KUBE-SERVICES ", nm[IpvsIpSets.EXTERNAL_IP],
                    " (off-node source or local destination) -j ACCEPT", stop);
        }
        if (!stop && !s.isEmpty(IpvsIpSets.EXTERNAL_IP_LOCAL)) {
            n += 4;
            boolean m = s.matchIpPort6(IpvsIpSets.EXTERNAL_IP_LOCAL, dHi, dLo, proto, dport);
            stop = m && (!fromPod(sHi, sLo) && !local(sHi, sLo) || dstLocal);
            step(trace, "nat KUBE-SERVICES ", nm[IpvsIpSets.EXTERNAL_IP_LOCAL],
                    " (off-node source or local destination) -j ACCEPT", stop);
        }
        if (!stop) {
            n++;
            IpvsIptables.step(trace, "nat KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODE-PORT", dstLocal);
            if (dstLocal) {
                long r = nodePort(dHi, dLo, dport, proto, trace);
                n += r >>> 32;
                mark |= (r & IpvsIptables.MARK) != 0;
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
                        IpvsIptables.step(trace, "filter KUBE-IPVS-OUT-FILTER -s " + ip + " -m ipvs --vaddr " + ip
                                + " -j DROP", true);
                    }
                    return n << 32 | Verdict.DROP.ordinal();
                }
            }
        }
        if (!dstLocal) {
            return n << 32 | (mark ? IpvsIptables.MARK : 0);
        }
        long r = input(sHi, sLo, dHi, dLo, dport, proto, trace);
        return (n + (r >>> 32)) << 32 | (mark ? IpvsIptables.MARK : 0) | (r & 0xF);
    }

    /** nat {@code KUBE-NODE-PORT}: per protocol, the Local set's RETURN before the masquerade set's mark. */
    private long nodePort(long dHi, long dLo, int dport, int proto, List<String> trace) {
        long n = 0;
        IpvsIpSets s = sets;
        for (int i = 0; i < IpvsIptables.NODE_PORT_SETS.length; i++) {
            int set = IpvsIptables.NODE_PORT_SETS[i];
            if (s.isEmpty(set)) {
                continue;
            }
            n++;
            if (proto != IpvsIptables.NODE_PORT_PROTOS[i]) {
                continue;
            }
            n++;
            boolean m = proto == 132 ? s.matchIpPort6(set, dHi, dLo, proto, dport) : s.matchPort(set, dport);
            boolean isLocal = (i & 1) == 0;
            if (trace != null) {
                step(trace, "nat KUBE-NODE-PORT -p " + IpvsIptables.protoName(proto) + " -m set --match-set ",
                        s.names[set], isLocal ? " dst -j RETURN" : " dst -j KUBE-MARK-MASQ", m);
            }
            if (m) {
                return n << 32 | (isLocal ? 0 : IpvsIptables.MARK);
            }
        }
        return n << 32;
    }

    /** Adds {@code pre + set + post} to the trace; builds no string without one. */
    private static void step(List<String> trace, String pre, String set, String post, boolean matched) {
        if (trace != null) {
            IpvsIptables.step(trace, pre + set + post, matched);
        }
    }

    private long input(long sHi, long sLo, long dHi, long dLo, int dport, int proto, List<String> trace) {
        IpvsIpSets s = sets;
        String[] nm = s.names;
        long n = 6;
        boolean ret = s.matchIpPort6(IpvsIpSets.LOAD_BALANCER, dHi, dLo, proto, dport)
                || s.matchIpPort6(IpvsIpSets.CLUSTER_IP, dHi, dLo, proto, dport)
                || s.matchIpPort6(IpvsIpSets.EXTERNAL_IP, dHi, dLo, proto, dport)
                || s.matchIpPort6(IpvsIpSets.EXTERNAL_IP_LOCAL, dHi, dLo, proto, dport)
                || s.matchPort(IpvsIpSets.HEALTH_CHECK_NODE_PORT, dport);
        if (!ret && s.matchIp6(IpvsIpSets.IPVS_IPS, dHi, dLo)) {
            step(trace, "filter KUBE-IPVS-FILTER -m conntrack --ctstate NEW -m set --match-set ",
                    nm[IpvsIpSets.IPVS_IPS], " dst -j REJECT (a kube-ipvs0 address on a port no service uses)", true);
            return n << 32 | Verdict.REJECT.ordinal();
        }
        IpvsIptables.step(trace, ret ? "filter KUBE-IPVS-FILTER -m set --match-set <service set> -j RETURN"
                : "filter KUBE-IPVS-FILTER (no service ip:port)", ret);
        if (!s.isEmpty(IpvsIpSets.LOAD_BALANCER_FW)) {
            n += 2;
            if (s.matchIpPort6(IpvsIpSets.LOAD_BALANCER_FW, dHi, dLo, proto, dport)) {
                step(trace, "filter KUBE-PROXY-FIREWALL -m set --match-set ", nm[IpvsIpSets.LOAD_BALANCER_FW],
                        " dst,dst -j KUBE-SOURCE-RANGES-FIREWALL", true);
                boolean ok = false;
                if (!s.isEmpty(IpvsIpSets.LOAD_BALANCER_SOURCE_CIDR)) {
                    int r = s.matchSourceCidr6(dHi, dLo, proto, dport, sHi, sLo);
                    n += 1 + (r >>> 1);
                    ok = (r & 1) != 0;
                    step(trace, "filter KUBE-SOURCE-RANGES-FIREWALL ", nm[IpvsIpSets.LOAD_BALANCER_SOURCE_CIDR],
                            " dst,dst,src -j RETURN", ok);
                }
                if (!ok && !s.isEmpty(IpvsIpSets.LOAD_BALANCER_SOURCE_IP)) {
                    n += 2;
                    ok = s.matchIpPortIp6(IpvsIpSets.LOAD_BALANCER_SOURCE_IP, dHi, dLo, proto, dport, sHi, sLo);
                    step(trace, "filter KUBE-SOURCE-RANGES-FIREWALL ", nm[IpvsIpSets.LOAD_BALANCER_SOURCE_IP],
                            " dst,dst,src -j RETURN", ok);
                }
                if (!ok) {
                    n++;
                    IpvsIptables.step(trace, "filter KUBE-SOURCE-RANGES-FIREWALL -j DROP", true);
                    return n << 32 | Verdict.DROP.ordinal();
                }
            }
        }
        n += 2;
        if (s.matchPort(IpvsIpSets.HEALTH_CHECK_NODE_PORT, dport) && proto == 6) {
            step(trace, "filter KUBE-NODE-PORT -m set --match-set ", nm[IpvsIpSets.HEALTH_CHECK_NODE_PORT],
                    " dst -j ACCEPT", true);
            return n << 32 | Verdict.ACCEPT.ordinal();
        }
        return n << 32;
    }

    /** {@code KUBE-POSTROUTING -m set --match-set KUBE-6-LOOP-BACK dst,dst,src -j MASQUERADE} after DNAT. */
    long loopBack(long sHi, long sLo, long epHi, long epLo, int epPort, int proto, List<String> trace) {
        if (sets.isEmpty(IpvsIpSets.LOOP_BACK)) {
            return 0;
        }
        boolean m = sets.matchIpPortIp6(IpvsIpSets.LOOP_BACK, epHi, epLo, proto, epPort, sHi, sLo);
        step(trace, "nat KUBE-POSTROUTING -m set --match-set ", sets.names[IpvsIpSets.LOOP_BACK],
                " dst,dst,src -j MASQUERADE", m);
        return 2L << 32 | (m ? IpvsIptables.MARK : 0);
    }
}
