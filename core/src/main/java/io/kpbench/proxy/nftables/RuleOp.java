package io.kpbench.proxy.nftables;

/**
 * The opcodes of a compiled nft rule in a service, endpoint or firewall chain: a match (upper bits) and a
 * statement (lower four bits), one per rule shape that kube-proxy's {@code syncProxyRules} writes.
 */
final class RuleOp {
    /** No match expression. */
    static final int ALWAYS = 0;
    /** {@code ip daddr <addr>} ({@code --masquerade-all} ClusterIP rule). */
    static final int DADDR_EQ = 1;
    /** {@code ip daddr <addr> ip saddr != <podCIDR>} (ClusterIP masquerade rule). */
    static final int DADDR_EQ_SADDR_NOT_IN = 2;
    /** {@code ip saddr <podCIDR>} (short-circuit pod traffic). */
    static final int SADDR_IN = 3;
    /** {@code fib saddr type local}. */
    static final int SADDR_LOCAL = 4;
    /** {@code ip saddr <addr>} (hairpin). */
    static final int SADDR_EQ = 5;
    /** {@code ip saddr != { ranges }} (loadBalancerSourceRanges). */
    static final int SADDR_NOT_IN = 6;
    /** {@code ip saddr @affinity-...}. */
    static final int SADDR_IN_AFFINITY = 7;

    /** {@code jump mark-for-masquerade}. */
    static final int MASQ = 0;
    /** {@code goto <chain>}. */
    static final int GOTO = 1;
    /** {@code drop}. */
    static final int DROP = 2;
    /** {@code reject}. */
    static final int REJECT = 3;
    /** {@code numgen random mod N vmap { ... }}. */
    static final int NUMGEN = 4;
    /** {@code update @affinity-... { ip saddr }}. */
    static final int UPDATE_AFFINITY = 5;
    /** {@code meta l4proto <p> dnat to <ip:port>}. */
    static final int DNAT = 6;

    private RuleOp() {
    }

    static int of(int match, int statement) {
        return match << 4 | statement;
    }
}
