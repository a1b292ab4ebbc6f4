package io.kpbench.proxy.nftables.nft;

/**
 * The opcodes of a compiled nft rule in a service, endpoint or firewall chain: a match (upper bits) and a
 * statement (lower four bits), one per rule shape that kube-proxy's {@code syncProxyRules} writes.
 */
public final class RuleOp {
    /** No match expression. */
    public static final int ALWAYS = 0;
    /** {@code ip daddr <addr>} ({@code --masquerade-all} ClusterIP rule). */
    public static final int DADDR_EQ = 1;
    /** {@code ip daddr <addr> ip saddr != <podCIDR>} (ClusterIP masquerade rule). */
    public static final int DADDR_EQ_SADDR_NOT_IN = 2;
    /** {@code ip saddr <podCIDR>} (short-circuit pod traffic). */
    public static final int SADDR_IN = 3;
    /** {@code fib saddr type local}. */
    public static final int SADDR_LOCAL = 4;
    /** {@code ip saddr <addr>} (hairpin). */
    public static final int SADDR_EQ = 5;
    /** {@code ip saddr != { ranges }} (loadBalancerSourceRanges). */
    public static final int SADDR_NOT_IN = 6;
    /** {@code ip saddr @affinity-...}. */
    public static final int SADDR_IN_AFFINITY = 7;

    /** {@code jump mark-for-masquerade}. */
    public static final int MASQ = 0;
    /** {@code goto <chain>}. */
    public static final int GOTO = 1;
    /** {@code drop}. */
    public static final int DROP = 2;
    /** {@code reject}. */
    public static final int REJECT = 3;
    /** {@code numgen random mod N vmap { ... }}. */
    public static final int NUMGEN = 4;
    /** {@code update @affinity-... { ip saddr }}. */
    public static final int UPDATE_AFFINITY = 5;
    /** {@code meta l4proto <p> dnat to <ip:port>}. */
    public static final int DNAT = 6;

    private RuleOp() {
    }

    public static int of(int match, int statement) {
        return match << 4 | statement;
    }
}
