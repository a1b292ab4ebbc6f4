package io.kpbench.proxy.ipvs;

import java.util.List;

/**
 * The iptables rule lines kube-proxy's IPVS proxier writes, in its order.
 *
 * <p>Source: kube-proxy {@code pkg/proxy/ipvs/proxier.go} ({@code ipsetWithIptablesChain},
 * {@code writeIptablesRules}, {@code acceptIPVSTraffic}).
 */
final class IpvsIptablesText {
    private IpvsIptablesText() {
    }

    private static final Object[][] IPSET_RULES = {
        {IpvsIpSets.LOOP_BACK, true, "KUBE-POSTROUTING", "MASQUERADE", "dst,dst,src", ""},
        {IpvsIpSets.LOAD_BALANCER, true, "KUBE-SERVICES", "KUBE-LOAD-BALANCER", "dst,dst", ""},
        {IpvsIpSets.LOAD_BALANCER_LOCAL, true, "KUBE-LOAD-BALANCER", "RETURN", "dst,dst", ""},
        {IpvsIpSets.NODE_PORT_LOCAL_TCP, true, "KUBE-NODE-PORT", "RETURN", "dst", "tcp"},
        {IpvsIpSets.NODE_PORT_TCP, true, "KUBE-NODE-PORT", "KUBE-MARK-MASQ", "dst", "tcp"},
        {IpvsIpSets.NODE_PORT_LOCAL_UDP, true, "KUBE-NODE-PORT", "RETURN", "dst", "udp"},
        {IpvsIpSets.NODE_PORT_UDP, true, "KUBE-NODE-PORT", "KUBE-MARK-MASQ", "dst", "udp"},
        {IpvsIpSets.NODE_PORT_LOCAL_SCTP, true, "KUBE-NODE-PORT", "RETURN", "dst,dst", "sctp"},
        {IpvsIpSets.NODE_PORT_SCTP, true, "KUBE-NODE-PORT", "KUBE-MARK-MASQ", "dst,dst", "sctp"},
        {IpvsIpSets.LOAD_BALANCER_FW, false, "KUBE-PROXY-FIREWALL", "KUBE-SOURCE-RANGES-FIREWALL", "dst,dst", ""},
        {IpvsIpSets.LOAD_BALANCER_SOURCE_CIDR, false, "KUBE-SOURCE-RANGES-FIREWALL", "RETURN", "dst,dst,src", ""},
        {IpvsIpSets.LOAD_BALANCER_SOURCE_IP, false, "KUBE-SOURCE-RANGES-FIREWALL", "RETURN", "dst,dst,src", ""},
    };

    static void ipsetRules(IpvsIpSets s, List<String> nat, List<String> filter) {
        for (Object[] r : IPSET_RULES) {
            int set = (Integer) r[0];
            if (s.isEmpty(set)) {
                continue;
            }
            String proto = (String) r[5];
            String line = "-A " + r[2] + (proto.isEmpty() ? "" : " -p " + proto) + " -m comment --comment \""
                    + IpvsIpSets.COMMENTS[set] + "\" -m set --match-set " + s.names[set] + " " + r[4]
                    + " -j " + r[3];
            ((Boolean) r[1] ? nat : filter).add(line);
        }
    }

    static void serviceRules(IpvsIpSets s, boolean masqueradeAll, String clusterCidr, List<String> nat) {
        String head = "-A KUBE-SERVICES -m comment --comment \"";
        if (!s.isEmpty(IpvsIpSets.CLUSTER_IP)) {
            String m = head + IpvsIpSets.COMMENTS[IpvsIpSets.CLUSTER_IP] + "\" -m set --match-set "
                    + s.names[IpvsIpSets.CLUSTER_IP] + " ";
            if (masqueradeAll) {
                nat.add(m + "dst,dst -j KUBE-MARK-MASQ");
            } else if (clusterCidr != null) {
                nat.add(m + "dst,dst ! -s " + clusterCidr + " -j KUBE-MARK-MASQ");
            } else {
                nat.add(m + "src,dst -j KUBE-MARK-MASQ");
            }
        }
        for (int set : new int[] {IpvsIpSets.EXTERNAL_IP, IpvsIpSets.EXTERNAL_IP_LOCAL}) {
            if (s.isEmpty(set)) {
                continue;
            }
            String m = head + IpvsIpSets.COMMENTS[set] + "\" -m set --match-set " + s.names[set] + " dst,dst";
            if (set == IpvsIpSets.EXTERNAL_IP) {
                nat.add(m + " -j KUBE-MARK-MASQ");
            }
            nat.add(m + " -m physdev ! --physdev-is-in -m addrtype ! --src-type LOCAL -j ACCEPT");
            nat.add(m + " -m addrtype --dst-type LOCAL -j ACCEPT");
        }
    }

    static void tailRules(IpvsIpSets s, String mark, List<String> nat, List<String> filter) {
        String[] nm = s.names;
        if (!s.isEmpty(IpvsIpSets.CLUSTER_IP)) {
            nat.add("-A KUBE-SERVICES -m set --match-set " + nm[IpvsIpSets.CLUSTER_IP] + " dst,dst -j ACCEPT");
        }
        if (!s.isEmpty(IpvsIpSets.LOAD_BALANCER)) {
            nat.add("-A KUBE-SERVICES -m set --match-set " + nm[IpvsIpSets.LOAD_BALANCER] + " dst,dst -j ACCEPT");
        }
        filter.add("-A KUBE-FORWARD -m comment --comment \"kubernetes forwarding rules\" -m mark --mark " + mark + "/"
                + mark + " -j ACCEPT");
        filter.add("-A KUBE-FORWARD -m comment --comment \"kubernetes forwarding conntrack rule\" -m conntrack"
                + " --ctstate RELATED,ESTABLISHED -j ACCEPT");
        filter.add("-A KUBE-NODE-PORT -m comment --comment \""
                + IpvsIpSets.COMMENTS[IpvsIpSets.HEALTH_CHECK_NODE_PORT]
                + "\" -m set --match-set " + nm[IpvsIpSets.HEALTH_CHECK_NODE_PORT] + " dst -j ACCEPT");
        for (int set : new int[] {IpvsIpSets.LOAD_BALANCER, IpvsIpSets.CLUSTER_IP, IpvsIpSets.EXTERNAL_IP,
            IpvsIpSets.EXTERNAL_IP_LOCAL}) {
            filter.add("-A KUBE-IPVS-FILTER -m set --match-set " + nm[set] + " dst,dst -j RETURN");
        }
        filter.add("-A KUBE-IPVS-FILTER -m set --match-set " + nm[IpvsIpSets.HEALTH_CHECK_NODE_PORT]
                + " dst -j RETURN");
        filter.add("-A KUBE-IPVS-FILTER -m conntrack --ctstate NEW -m set --match-set " + nm[IpvsIpSets.IPVS_IPS]
                + " dst -j REJECT");
        nat.add("-A KUBE-POSTROUTING -m mark ! --mark " + mark + "/" + mark + " -j RETURN");
        nat.add("-A KUBE-POSTROUTING -j MARK --xor-mark " + mark);
        nat.add("-A KUBE-POSTROUTING -m comment --comment \"kubernetes service traffic requiring SNAT\" -j MASQUERADE");
        nat.add("-A KUBE-MARK-MASQ -j MARK --or-mark " + mark);
    }
}
