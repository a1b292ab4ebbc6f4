package io.kpbench.proxy.iptables.netfilter;

import java.util.List;

/**
 * The rules kube-proxy (and kubelet, for KUBE-FIREWALL) insert at the top of the built-in chains on a full sync
 * ({@code iptablesJumpChains} and {@code iptablesKubeletJumpChains} in {@code pkg/proxy/iptables/proxier.go}),
 * which hook its chains into netfilter; they are not part of the restore input.
 */
public final class KubeJumpRules {
    /** One jump: from built-in {@code source} of {@code table} to kube-proxy's {@code target}. */
    record Jump(String table, String target, String source, String comment, String extra) {
        String text() {
            StringBuilder sb = new StringBuilder("-A ").append(source);
            if (!extra.isEmpty()) {
                sb.append(' ').append(extra);
            }
            if (!comment.isEmpty()) {
                sb.append(" -m comment --comment ").append(RuleLine.quote(comment));
            }
            return sb.append(" -j ").append(target).toString();
        }
    }

    private static final String NEW = "-m conntrack --ctstate NEW";

    static final List<Jump> ALL = List.of(
            new Jump("filter", "KUBE-EXTERNAL-SERVICES", "INPUT", "kubernetes externally-visible service portals",
                    NEW),
            new Jump("filter", "KUBE-EXTERNAL-SERVICES", "FORWARD", "kubernetes externally-visible service portals",
                    NEW),
            new Jump("filter", "KUBE-NODEPORTS", "INPUT", "kubernetes health check service ports", ""),
            new Jump("filter", "KUBE-SERVICES", "FORWARD", "kubernetes service portals", NEW),
            new Jump("filter", "KUBE-SERVICES", "OUTPUT", "kubernetes service portals", NEW),
            new Jump("filter", "KUBE-FORWARD", "FORWARD", "kubernetes forwarding rules", ""),
            new Jump("filter", "KUBE-PROXY-FIREWALL", "INPUT", "kubernetes load balancer firewall", NEW),
            new Jump("filter", "KUBE-PROXY-FIREWALL", "OUTPUT", "kubernetes load balancer firewall", NEW),
            new Jump("filter", "KUBE-PROXY-FIREWALL", "FORWARD", "kubernetes load balancer firewall", NEW),
            new Jump("nat", "KUBE-SERVICES", "OUTPUT", "kubernetes service portals", ""),
            new Jump("nat", "KUBE-SERVICES", "PREROUTING", "kubernetes service portals", ""),
            new Jump("nat", "KUBE-POSTROUTING", "POSTROUTING", "kubernetes postrouting rules", ""),
            new Jump("filter", "KUBE-FIREWALL", "INPUT", "", ""),
            new Jump("filter", "KUBE-FIREWALL", "OUTPUT", "", ""));

    private KubeJumpRules() {
    }

    /** Ensures every chain and jump, as kube-proxy's {@code EnsureChain} + {@code EnsureRule(Prepend)} do. */
    public static void ensure(NetfilterTables tables) {
        for (Jump j : ALL) {
            tables.ensureChain(j.table(), j.target());
            tables.ensurePrepended(j.table(), j.source(), j.text());
        }
    }
}
