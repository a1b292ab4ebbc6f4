package io.kpbench.proxy.ipvs;

import io.kpbench.net.IpAddress;
import io.kpbench.proxy.Verdict;
import java.util.List;

/**
 * The iptables rules kube-proxy installs next to IPVS, evaluated for one NEW packet: nat {@code KUBE-SERVICES}
 * (with {@code KUBE-LOAD-BALANCER}, {@code KUBE-NODE-PORT}, {@code KUBE-MARK-MASQ}) before IPVS, filter
 * {@code KUBE-IPVS-OUT-FILTER} (OUTPUT) and {@code KUBE-IPVS-FILTER}, {@code KUBE-PROXY-FIREWALL} /
 * {@code KUBE-SOURCE-RANGES-FIREWALL}, {@code KUBE-NODE-PORT} (INPUT), and {@code KUBE-POSTROUTING}'s
 * {@code KUBE-LOOP-BACK} hairpin rule after it. The rule count is constant in the number of services: every
 * per-service fact lives in an ipset.
 *
 * <p>Source: kube-proxy {@code pkg/proxy/ipvs/proxier.go} ({@code writeIptablesRules}, {@code
 * ipsetWithIptablesChain}, {@code acceptIPVSTraffic}, {@code iptablesJumpChain}; the INPUT jumps are each
 * prepended, so {@code KUBE-IPVS-FILTER} runs first). Model choices: "locally originated" means the source is
 * a node IP, loopback or a kube-ipvs0 address; {@code --physdev-is-in} (bridged) means the source is in the
 * cluster CIDR. Results pack as {@code rules << 32 | mark << 4 | verdict}.
 */
final class IpvsIptables {
    static final long MARK = 1L << 4;

    private final IpvsIpSets sets;
    private final int[] nodeIPs;
    private final int[] podBase;
    private final int[] podMask;
    private final boolean masqueradeAll;
    volatile long[] outFilter = new long[0];

    IpvsIptables(IpvsIpSets sets, List<IpAddress> nodeIPs, List<io.kpbench.net.Cidr> podCidrs, boolean masqueradeAll) {
        this.sets = sets;
        this.nodeIPs = new int[nodeIPs.size()];
        for (int i = 0; i < this.nodeIPs.length; i++) {
            this.nodeIPs[i] = nodeIPs.get(i).v4();
        }
        this.podBase = new int[podCidrs.size()];
        this.podMask = new int[podCidrs.size()];
        for (int i = 0; i < podBase.length; i++) {
            podBase[i] = podCidrs.get(i).base().v4();
            podMask[i] = io.kpbench.net.Cidr.v4Mask(podCidrs.get(i).prefix());
        }
        this.masqueradeAll = masqueradeAll;
    }

    /** True for a node IP or 127.0.0.0/8 (without kube-ipvs0). */
    boolean nodeLocal(int ip) {
        if ((ip >>> 24) == 127) {
            return true;
        }
        for (int n : nodeIPs) {
            if (n == ip) {
                return true;
            }
        }
        return false;
    }

    /** {@code addrtype LOCAL}: a node IP, loopback, or an address bound to kube-ipvs0. */
    boolean local(int ip) {
        return nodeLocal(ip) || sets.matchIp(IpvsIpSets.IPVS_IPS, ip);
    }

    boolean fromPod(int ip) {
        for (int i = 0; i < podBase.length; i++) {
            if ((ip & podMask[i]) == podBase[i]) {
                return true;
            }
        }
        return false;
    }

    /** Runs the pre-IPVS rules; a verdict other than NONE ends the packet's walk. */
    long before(int src, int dst, int dport, int proto, List<String> trace) {
        long n = 1;
        boolean mark = false;
        boolean stop = (src >>> 24) == 127;
        step(trace, "nat KUBE-SERVICES -s 127.0.0.0/8 -j RETURN", stop);
        IpvsIpSets s = sets;
        if (!stop && !s.isEmpty(IpvsIpSets.LOAD_BALANCER)) {
            n += 2;
            boolean lb = s.matchIpPort(IpvsIpSets.LOAD_BALANCER, dst, proto, dport);
            step(trace, "nat KUBE-SERVICES -m set --match-set KUBE-LOAD-BALANCER dst,dst -j KUBE-LOAD-BALANCER", lb);
            if (lb) {
                boolean local = false;
                if (!s.isEmpty(IpvsIpSets.LOAD_BALANCER_LOCAL)) {
                    n += 2;
                    local = s.matchIpPort(IpvsIpSets.LOAD_BALANCER_LOCAL, dst, proto, dport);
                    step(trace, "nat KUBE-LOAD-BALANCER -m set --match-set KUBE-LOAD-BALANCER-LOCAL dst,dst -j RETURN",
                            local);
                }
                if (!local) {
                    n += 2;
                    mark = true;
                    step(trace, "nat KUBE-LOAD-BALANCER -j KUBE-MARK-MASQ", true);
                }
            }
        }
        if (!stop && !s.isEmpty(IpvsIpSets.CLUSTER_IP)) {
            n += 2;
            boolean m;
            if (masqueradeAll) {
                m = s.matchIpPort(IpvsIpSets.CLUSTER_IP, dst, proto, dport);
                step(trace, "nat KUBE-SERVICES -m set --match-set KUBE-CLUSTER-IP dst,dst -j KUBE-MARK-MASQ", m);
            } else if (podBase.length > 0) {
                m = s.matchIpPort(IpvsIpSets.CLUSTER_IP, dst, proto, dport) && !fromPod(src);
                step(trace, "nat KUBE-SERVICES -m set --match-set KUBE-CLUSTER-IP dst,dst ! -s <cluster-cidr>"
                        + " -j KUBE-MARK-MASQ", m);
            } else {
                m = s.matchIpPort(IpvsIpSets.CLUSTER_IP, src, proto, dport);
                step(trace, "nat KUBE-SERVICES -m set --match-set KUBE-CLUSTER-IP src,dst -j KUBE-MARK-MASQ", m);
            }
            mark |= m;
            n += m ? 1 : 0;
        }
        boolean dstLocal = local(dst);
        n++;
        if (!stop && !s.isEmpty(IpvsIpSets.EXTERNAL_IP)) {
            n += 2;
            boolean m = s.matchIpPort(IpvsIpSets.EXTERNAL_IP, dst, proto, dport);
            step(trace, "nat KUBE-SERVICES -m set --match-set KUBE-EXTERNAL-IP dst,dst -j KUBE-MARK-MASQ", m);
            mark |= m;
            n += 4;
            stop = m && (!fromPod(src) && !local(src) || dstLocal);
            step(trace, "nat KUBE-SERVICES KUBE-EXTERNAL-IP (off-node source or local destination) -j ACCEPT", stop);
        }
        if (!stop && !s.isEmpty(IpvsIpSets.EXTERNAL_IP_LOCAL)) {
            n += 4;
            boolean m = s.matchIpPort(IpvsIpSets.EXTERNAL_IP_LOCAL, dst, proto, dport);
            stop = m && (!fromPod(src) && !local(src) || dstLocal);
            step(trace, "nat KUBE-SERVICES KUBE-EXTERNAL-IP-LOCAL (off-node source or local destination) -j ACCEPT",
                    stop);
        }
        if (!stop) {
            n++;
            step(trace, "nat KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODE-PORT", dstLocal);
            if (dstLocal) {
                long r = nodePort(dst, dport, proto, trace);
                n += r >>> 32;
                mark |= (r & MARK) != 0;
            }
            n += 2;
        }
        if (local(src)) {
            long[] f = outFilter;
            for (int i = 0; i < f.length; i++) {
                n++;
                if (src == dst && f[i] == ServiceKey.pack(dst, proto, dport)) {
                    if (trace != null) {
                        step(trace, "filter KUBE-IPVS-OUT-FILTER -s " + IpAddress.formatV4(dst) + " -m ipvs --vaddr "
                            + IpAddress.formatV4(dst) + " -j DROP", true);
                    }
                    return n << 32 | Verdict.DROP.ordinal();
                }
            }
        }
        if (!dstLocal) {
            return n << 32 | (mark ? MARK : 0);
        }
        long r = input(src, dst, dport, proto, trace);
        return (n + (r >>> 32)) << 32 | (mark ? MARK : 0) | (r & 0xF);
    }

    static final int[] NODE_PORT_SETS = {IpvsIpSets.NODE_PORT_LOCAL_TCP, IpvsIpSets.NODE_PORT_TCP,
        IpvsIpSets.NODE_PORT_LOCAL_UDP, IpvsIpSets.NODE_PORT_UDP, IpvsIpSets.NODE_PORT_LOCAL_SCTP,
        IpvsIpSets.NODE_PORT_SCTP};
    static final int[] NODE_PORT_PROTOS = {6, 6, 17, 17, 132, 132};

    /** nat {@code KUBE-NODE-PORT}: per protocol, the Local set's RETURN before the masquerade set's mark. */
    private long nodePort(int dst, int dport, int proto, List<String> trace) {
        long n = 0;
        IpvsIpSets s = sets;
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
            boolean m = proto == 132 ? s.matchIpPort(set, dst, proto, dport) : s.matchPort(set, dport);
            boolean isLocal = (i & 1) == 0;
            if (trace != null) {
                step(trace, "nat KUBE-NODE-PORT -p " + protoName(proto) + " -m set --match-set "
                        + IpvsIpSets.NAMES[set] + (isLocal ? " dst -j RETURN" : " dst -j KUBE-MARK-MASQ"), m);
            }
            if (m) {
                return n << 32 | (isLocal ? 0 : MARK);
            }
        }
        return n << 32;
    }

    private long input(int src, int dst, int dport, int proto, List<String> trace) {
        IpvsIpSets s = sets;
        long n = 6;
        boolean ret = s.matchIpPort(IpvsIpSets.LOAD_BALANCER, dst, proto, dport)
                || s.matchIpPort(IpvsIpSets.CLUSTER_IP, dst, proto, dport)
                || s.matchIpPort(IpvsIpSets.EXTERNAL_IP, dst, proto, dport)
                || s.matchIpPort(IpvsIpSets.EXTERNAL_IP_LOCAL, dst, proto, dport)
                || s.matchPort(IpvsIpSets.HEALTH_CHECK_NODE_PORT, dport);
        if (!ret && s.matchIp(IpvsIpSets.IPVS_IPS, dst)) {
            step(trace, "filter KUBE-IPVS-FILTER -m conntrack --ctstate NEW -m set --match-set KUBE-IPVS-IPS dst"
                    + " -j REJECT (a kube-ipvs0 address on a port no service uses)", true);
            return n << 32 | Verdict.REJECT.ordinal();
        }
        step(trace, ret ? "filter KUBE-IPVS-FILTER -m set --match-set <service set> -j RETURN"
                : "filter KUBE-IPVS-FILTER (no service ip:port)", ret);
        if (!s.isEmpty(IpvsIpSets.LOAD_BALANCER_FW)) {
            n += 2;
            if (s.matchIpPort(IpvsIpSets.LOAD_BALANCER_FW, dst, proto, dport)) {
                step(trace, "filter KUBE-PROXY-FIREWALL -m set --match-set KUBE-LOAD-BALANCER-FW dst,dst"
                        + " -j KUBE-SOURCE-RANGES-FIREWALL", true);
                boolean ok = false;
                if (!s.isEmpty(IpvsIpSets.LOAD_BALANCER_SOURCE_CIDR)) {
                    int r = s.matchSourceCidr(dst, proto, dport, src);
                    n += 1 + (r >>> 1);
                    ok = (r & 1) != 0;
                    step(trace, "filter KUBE-SOURCE-RANGES-FIREWALL KUBE-LOAD-BALANCER-SOURCE-CIDR dst,dst,src -j RETURN",
                            ok);
                }
                if (!ok && !s.isEmpty(IpvsIpSets.LOAD_BALANCER_SOURCE_IP)) {
                    n += 2;
                    ok = s.matchIpPortIp(IpvsIpSets.LOAD_BALANCER_SOURCE_IP, dst, proto, dport, src);
                    step(trace, "filter KUBE-SOURCE-RANGES-FIREWALL KUBE-LOAD-BALANCER-SOURCE-IP dst,dst,src -j RETURN",
                            ok);
                }
                if (!ok) {
                    n++;
                    step(trace, "filter KUBE-SOURCE-RANGES-FIREWALL -j DROP", true);
                    return n << 32 | Verdict.DROP.ordinal();
                }
            }
        }
        n += 2;
        if (s.matchPort(IpvsIpSets.HEALTH_CHECK_NODE_PORT, dport) && proto == 6) {
            step(trace, "filter KUBE-NODE-PORT -m set --match-set KUBE-HEALTH-CHECK-NODE-PORT dst -j ACCEPT", true);
            return n << 32 | Verdict.ACCEPT.ordinal();
        }
        return n << 32;
    }

    /** {@code KUBE-POSTROUTING -m set --match-set KUBE-LOOP-BACK dst,dst,src -j MASQUERADE} after DNAT. */
    long loopBack(int src, int epAddr, int epPort, int proto, List<String> trace) {
        if (sets.isEmpty(IpvsIpSets.LOOP_BACK)) {
            return 0;
        }
        boolean m = sets.matchIpPortIp(IpvsIpSets.LOOP_BACK, epAddr, proto, epPort, src);
        step(trace, "nat KUBE-POSTROUTING -m set --match-set KUBE-LOOP-BACK dst,dst,src -j MASQUERADE", m);
        return 2L << 32 | (m ? MARK : 0);
    }

    static String protoName(int p) {
        return p == 6 ? "tcp" : p == 17 ? "udp" : "sctp";
    }

    static void step(List<String> trace, String rule, boolean matched) {
        if (trace != null) {
            trace.add(rule + (matched ? "  [match]" : "  [no match]"));
        }
    }
}
