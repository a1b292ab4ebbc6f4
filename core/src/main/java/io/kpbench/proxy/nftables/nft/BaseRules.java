package io.kpbench.proxy.nftables.nft;

import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The service-independent part of the {@code kube-proxy} table ({@code setupNFTables} in
 * {@code pkg/proxy/nftables/proxier.go}, as its tests' {@code baseRules} show it): the table, the
 * {@code cluster-ips}/{@code nodeport-ips} sets, the five verdict maps, the base chains hooked at
 * prerouting/output -110 (filter, pre-DNAT), -100 (nat), forward/input/output 0 (filter) and postrouting 100
 * (nat), and the dispatch, check, masquerade and reject chains with their rules.
 */
public final class BaseRules {
    /** The regular and base chains, in the order kube-proxy's tests list them. */
    static final String[] CHAINS = {"cluster-ips-check", "filter-prerouting-pre-dnat", "filter-output-pre-dnat",
        "filter-forward", "filter-input", "filter-output", "firewall-check", "mark-for-masquerade", "masquerading",
        "nat-output", "nat-postrouting", "nat-prerouting", "nodeport-endpoints-check", "reject-chain", "services",
        "service-endpoints-check"};

    private BaseRules() {
    }

    /** The base objects as {@code nft -f} lines for a node. */
    public static List<String> lines(NodeContext ctx) {
        String f = ctx.ipX();
        String a = ctx.addrType();
        String t = "ip".equals(f) ? "ip" : "ip6";
        String head = " " + t + " kube-proxy ";
        String mark = "0x" + Integer.toHexString(ctx.node().masqueradeMark());
        String concat = a + " . inet_proto . inet_service : verdict";
        List<String> l = new ArrayList<>(64);
        l.add("add table " + t + " kube-proxy { comment \"rules for kube-proxy\" ; }");
        l.add("add set" + head + "cluster-ips { type " + a + " ; comment \"Active ClusterIPs\" ; }");
        l.add("add set" + head + "nodeport-ips { type " + a + " ; comment \"IPs that accept NodePort traffic\" ; }");
        l.add("add map" + head + "firewall-ips { type " + concat
                + " ; comment \"destinations that are subject to LoadBalancerSourceRanges\" ; }");
        l.add("add map" + head + "no-endpoint-nodeports { type inet_proto . inet_service : verdict ; comment "
                + "\"vmap to drop or reject packets to service nodeports with no endpoints\" ; }");
        l.add("add map" + head + "no-endpoint-services { type " + concat
                + " ; comment \"vmap to drop or reject packets to services with no endpoints\" ; }");
        l.add("add map" + head + "service-ips { type " + concat
                + " ; comment \"ClusterIP, ExternalIP and LoadBalancer IP traffic\" ; }");
        l.add("add map" + head + "service-nodeports { type inet_proto . inet_service : verdict ; comment "
                + "\"NodePort traffic\" ; }");
        for (String c : CHAINS) {
            l.add("add chain" + head + c + chainSuffix(c));
        }
        String rule = "add rule" + head;
        l.add(rule + "cluster-ips-check " + f + " daddr @cluster-ips reject comment "
                + "\"Reject traffic to invalid ports of ClusterIPs\"");
        if (!ctx.serviceCidrs().isEmpty()) {
            StringBuilder cidrs = new StringBuilder();
            for (Cidr c : ctx.serviceCidrs()) {
                cidrs.append(cidrs.length() == 0 ? "" : ",").append(c);
            }
            l.add(rule + "cluster-ips-check " + f + " daddr { " + cidrs + " } drop comment "
                    + "\"Drop traffic to unallocated ClusterIPs\"");
        }
        l.add(rule + "filter-prerouting-pre-dnat ct state new jump firewall-check");
        l.add(rule + "filter-forward ct state new jump service-endpoints-check");
        l.add(rule + "filter-forward ct state new jump cluster-ips-check");
        l.add(rule + "filter-input ct state new jump nodeport-endpoints-check");
        l.add(rule + "filter-input ct state new jump service-endpoints-check");
        l.add(rule + "filter-output ct state new jump service-endpoints-check");
        l.add(rule + "filter-output-pre-dnat ct state new jump firewall-check");
        l.add(rule + "filter-output ct state new jump cluster-ips-check");
        l.add(rule + "firewall-check " + f + " daddr . meta l4proto . th dport vmap @firewall-ips");
        l.add(rule + "mark-for-masquerade mark set mark or " + mark);
        l.add(rule + "masquerading mark and " + mark + " == 0 return");
        l.add(rule + "masquerading mark set mark xor " + mark);
        l.add(rule + "masquerading masquerade fully-random");
        l.add(rule + "nat-output jump services");
        l.add(rule + "nat-postrouting jump masquerading");
        l.add(rule + "nat-prerouting jump services");
        l.add(rule + "nodeport-endpoints-check " + f
                + " daddr @nodeport-ips meta l4proto . th dport vmap @no-endpoint-nodeports");
        l.add(rule + "reject-chain reject");
        l.add(rule + "services " + f + " daddr . meta l4proto . th dport vmap @service-ips");
        l.add(rule + "services " + f + " daddr @nodeport-ips meta l4proto . th dport vmap @service-nodeports");
        for (IpAddress ip : ctx.nodePortIPs()) {
            l.add("add element" + head + "nodeport-ips { " + ip + " }");
        }
        l.add(rule + "service-endpoints-check " + f + " daddr . meta l4proto . th dport vmap @no-endpoint-services");
        return l;
    }

    private static String chainSuffix(String c) {
        return switch (c) {
            case "filter-prerouting-pre-dnat" -> " { type filter hook prerouting priority -110 ; }";
            case "filter-output-pre-dnat" -> " { type filter hook output priority -110 ; }";
            case "filter-forward" -> " { type filter hook forward priority 0 ; }";
            case "filter-input" -> " { type filter hook input priority 0 ; }";
            case "filter-output" -> " { type filter hook output priority 0 ; }";
            case "nat-output" -> " { type nat hook output priority -100 ; }";
            case "nat-postrouting" -> " { type nat hook postrouting priority 100 ; }";
            case "nat-prerouting" -> " { type nat hook prerouting priority -100 ; }";
            case "reject-chain" -> " { comment \"helper for @no-endpoint-services / @no-endpoint-nodeports\" ; }";
            default -> "";
        };
    }
}
