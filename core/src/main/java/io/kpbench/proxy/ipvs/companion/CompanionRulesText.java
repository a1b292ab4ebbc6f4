package io.kpbench.proxy.ipvs.companion;

import io.kpbench.net.IpAddress;
import io.kpbench.net.Protocol;
import java.util.ArrayList;
import java.util.List;

/**
 * The iptables (ip6tables) rule lines kube-proxy's IPVS proxier writes, in its order: the text form of
 * {@link CompanionRules}.
 *
 * <p>Source: kube-proxy {@code pkg/proxy/ipvs/proxier.go} ({@code ipsetWithIptablesChain},
 * {@code writeIptablesRules}, {@code acceptIPVSTraffic}).
 */
public final class CompanionRulesText {
    private CompanionRulesText() {
    }

    /**
     * An iptables-restore text with its counts.
     *
     * @param text the input, {@code *nat} then {@code *filter}
     * @param lines its line count
     * @param rules its rule count
     * @param chains its chain count
     */
    public record Restore(String text, int lines, int rules, int chains) {
    }

    private static final List<String> NAT_CHAINS = List.of("KUBE-SERVICES", "KUBE-POSTROUTING", "KUBE-NODE-PORT",
            "KUBE-LOAD-BALANCER", "KUBE-MARK-MASQ");
    private static final List<String> FILTER_CHAINS = List.of("KUBE-FORWARD", "KUBE-NODE-PORT",
            "KUBE-PROXY-FIREWALL", "KUBE-SOURCE-RANGES-FIREWALL", "KUBE-IPVS-FILTER", "KUBE-IPVS-OUT-FILTER");

    /**
     * The iptables-restore (ip6tables-restore) input of the last sync.
     *
     * @param clusterCidrs the comma-joined cluster CIDRs of the family, or null without
     * @param masqueradeMark kube-proxy's {@code --iptables-masquerade-bit} mark
     */
    public static Restore restore(IpSets s, CompanionRules rules, boolean masqueradeAll, String clusterCidrs,
            int masqueradeMark) {
        List<String> nat = new ArrayList<>();
        List<String> filter = new ArrayList<>();
        nat.add("-A KUBE-SERVICES -s " + rules.loopbackCidr() + " -j RETURN");
        ipsetRules(s, nat, filter);
        serviceRules(s, masqueradeAll, clusterCidrs, nat);
        nat.add("-A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODE-PORT");
        nat.add("-A KUBE-LOAD-BALANCER -j KUBE-MARK-MASQ");
        filter.add("-A KUBE-SOURCE-RANGES-FIREWALL -j DROP");
        long[] f = rules.outFilter();
        for (int i = 0; i < f.length; i += 3) {
            String ip = new IpAddress(f[i], f[i + 1]).toString();
            filter.add("-A KUBE-IPVS-OUT-FILTER -s " + ip + " -m ipvs --vaddr " + ip + " --vproto "
                    + Protocol.ofNumber((int) (f[i + 2] >>> 16) & 0xFF).lower() + " --vport " + (f[i + 2] & 0xFFFF)
                    + " -j DROP");
        }
        tailRules(s, String.format("%#08x", masqueradeMark), nat, filter);
        List<String> out = new ArrayList<>();
        out.add("*nat");
        for (String c : NAT_CHAINS) {
            out.add(":" + c + " - [0:0]");
        }
        out.addAll(nat);
        out.add("COMMIT");
        out.add("*filter");
        for (String c : FILTER_CHAINS) {
            out.add(":" + c + " - [0:0]");
        }
        out.addAll(filter);
        out.add("COMMIT");
        return new Restore(String.join("\n", out) + "\n", out.size(), nat.size() + filter.size(),
                NAT_CHAINS.size() + FILTER_CHAINS.size());
    }

    private static final Object[][] IPSET_RULES = {
        {IpSets.LOOP_BACK, true, "KUBE-POSTROUTING", "MASQUERADE", "dst,dst,src", ""},
        {IpSets.LOAD_BALANCER, true, "KUBE-SERVICES", "KUBE-LOAD-BALANCER", "dst,dst", ""},
        {IpSets.LOAD_BALANCER_LOCAL, true, "KUBE-LOAD-BALANCER", "RETURN", "dst,dst", ""},
        {IpSets.NODE_PORT_LOCAL_TCP, true, "KUBE-NODE-PORT", "RETURN", "dst", "tcp"},
        {IpSets.NODE_PORT_TCP, true, "KUBE-NODE-PORT", "KUBE-MARK-MASQ", "dst", "tcp"},
        {IpSets.NODE_PORT_LOCAL_UDP, true, "KUBE-NODE-PORT", "RETURN", "dst", "udp"},
        {IpSets.NODE_PORT_UDP, true, "KUBE-NODE-PORT", "KUBE-MARK-MASQ", "dst", "udp"},
        {IpSets.NODE_PORT_LOCAL_SCTP, true, "KUBE-NODE-PORT", "RETURN", "dst,dst", "sctp"},
        {IpSets.NODE_PORT_SCTP, true, "KUBE-NODE-PORT", "KUBE-MARK-MASQ", "dst,dst", "sctp"},
        {IpSets.LOAD_BALANCER_FW, false, "KUBE-PROXY-FIREWALL", "KUBE-SOURCE-RANGES-FIREWALL", "dst,dst", ""},
        {IpSets.LOAD_BALANCER_SOURCE_CIDR, false, "KUBE-SOURCE-RANGES-FIREWALL", "RETURN", "dst,dst,src", ""},
        {IpSets.LOAD_BALANCER_SOURCE_IP, false, "KUBE-SOURCE-RANGES-FIREWALL", "RETURN", "dst,dst,src", ""},
    };

    private static void ipsetRules(IpSets s, List<String> nat, List<String> filter) {
        for (Object[] r : IPSET_RULES) {
            int set = (Integer) r[0];
            if (s.isEmpty(set)) {
                continue;
            }
            String proto = (String) r[5];
            String line = "-A " + r[2] + (proto.isEmpty() ? "" : " -p " + proto) + " -m comment --comment \""
                    + IpSets.COMMENTS[set] + "\" -m set --match-set " + s.names[set] + " " + r[4]
                    + " -j " + r[3];
            ((Boolean) r[1] ? nat : filter).add(line);
        }
    }

    private static void serviceRules(IpSets s, boolean masqueradeAll, String clusterCidr, List<String> nat) {
        String head = "-A KUBE-SERVICES -m comment --comment \"";
        if (!s.isEmpty(IpSets.CLUSTER_IP)) {
            String m = head + IpSets.COMMENTS[IpSets.CLUSTER_IP] + "\" -m set --match-set "
                    + s.names[IpSets.CLUSTER_IP] + " ";
            if (masqueradeAll) {
                nat.add(m + "dst,dst -j KUBE-MARK-MASQ");
            } else if (clusterCidr != null) {
                nat.add(m + "dst,dst ! -s " + clusterCidr + " -j KUBE-MARK-MASQ");
            } else {
                nat.add(m + "src,dst -j KUBE-MARK-MASQ");
            }
        }
        for (int set : new int[] {IpSets.EXTERNAL_IP, IpSets.EXTERNAL_IP_LOCAL}) {
            if (s.isEmpty(set)) {
                continue;
            }
            String m = head + IpSets.COMMENTS[set] + "\" -m set --match-set " + s.names[set] + " dst,dst";
            if (set == IpSets.EXTERNAL_IP) {
                nat.add(m + " -j KUBE-MARK-MASQ");
            }
            nat.add(m + " -m physdev ! --physdev-is-in -m addrtype ! --src-type LOCAL -j ACCEPT");
            nat.add(m + " -m addrtype --dst-type LOCAL -j ACCEPT");
        }
    }

    private static void tailRules(IpSets s, String mark, List<String> nat, List<String> filter) {
        String[] nm = s.names;
        if (!s.isEmpty(IpSets.CLUSTER_IP)) {
            nat.add("-A KUBE-SERVICES -m set --match-set " + nm[IpSets.CLUSTER_IP] + " dst,dst -j ACCEPT");
        }
        if (!s.isEmpty(IpSets.LOAD_BALANCER)) {
            nat.add("-A KUBE-SERVICES -m set --match-set " + nm[IpSets.LOAD_BALANCER] + " dst,dst -j ACCEPT");
        }
        filter.add("-A KUBE-FORWARD -m comment --comment \"kubernetes forwarding rules\" -m mark --mark " + mark + "/"
                + mark + " -j ACCEPT");
        filter.add("-A KUBE-FORWARD -m comment --comment \"kubernetes forwarding conntrack rule\" -m conntrack"
                + " --ctstate RELATED,ESTABLISHED -j ACCEPT");
        filter.add("-A KUBE-NODE-PORT -m comment --comment \""
                + IpSets.COMMENTS[IpSets.HEALTH_CHECK_NODE_PORT]
                + "\" -m set --match-set " + nm[IpSets.HEALTH_CHECK_NODE_PORT] + " dst -j ACCEPT");
        for (int set : new int[] {IpSets.LOAD_BALANCER, IpSets.CLUSTER_IP, IpSets.EXTERNAL_IP,
            IpSets.EXTERNAL_IP_LOCAL}) {
            filter.add("-A KUBE-IPVS-FILTER -m set --match-set " + nm[set] + " dst,dst -j RETURN");
        }
        filter.add("-A KUBE-IPVS-FILTER -m set --match-set " + nm[IpSets.HEALTH_CHECK_NODE_PORT]
                + " dst -j RETURN");
        filter.add("-A KUBE-IPVS-FILTER -m conntrack --ctstate NEW -m set --match-set " + nm[IpSets.IPVS_IPS]
                + " dst -j REJECT");
        nat.add("-A KUBE-POSTROUTING -m mark ! --mark " + mark + "/" + mark + " -j RETURN");
        nat.add("-A KUBE-POSTROUTING -j MARK --xor-mark " + mark);
        nat.add("-A KUBE-POSTROUTING -m comment --comment \"kubernetes service traffic requiring SNAT\" -j MASQUERADE");
        nat.add("-A KUBE-MARK-MASQ -j MARK --or-mark " + mark);
    }
}
