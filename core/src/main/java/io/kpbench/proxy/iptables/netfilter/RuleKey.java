package io.kpbench.proxy.iptables.netfilter;

/**
 * The one-compare form of a rule's header matches: a packet key and, per rule, a key and a mask such that
 * {@code ((packetKey ^ key) & mask) == 0} is exactly the rule's match when the rule only has the matches
 * kube-proxy writes on every KUBE-SERVICES line ({@code -p proto}, {@code -d a.b.c.d[/n]}, {@code --dport p},
 * comments). This is the netfilter {@code ipt_ip} header compare ({@code ip_packet_match}: masked address, protocol)
 * plus xt_tcpudp's port, folded into one 64-bit compare.
 *
 * <p>Layout: bits 32-63 the IPv4 destination, bit 25 {@link #GENERAL}, bit 24 {@link #V4} (the destination is
 * IPv4), bits 16-23 the protocol, bits 0-15 the destination port. A rule with any other match (negation, source,
 * port range, statistic, recent, mark, conntrack, addrtype, IPv6 address) gets key {@link #GENERAL} and mask 0: it
 * is always a candidate, and its matches are then evaluated one by one.
 */
public final class RuleKey {
    /** Set in the key of a rule that needs its full match list evaluated. */
    public static final long GENERAL = 1L << 25;
    /** Set in a packet key whose destination is IPv4 (and in the key and mask of a rule with an IPv4 {@code -d}). */
    static final long V4 = 1L << 24;
    static final long PROTO_MASK = 0xFFL << 16;
    static final long PORT_MASK = 0xFFFFL;
    static final long ADDR_MASK = 0xFFFF_FFFFL << 32;

    private RuleKey() {
    }

    /** The key of a packet to {@code dHi:dLo}, protocol {@code proto}, port {@code dport}. */
    public static long packet(long dHi, long dLo, int proto, int dport) {
        long v4 = dHi == 0L && (dLo >>> 32) == 0xFFFFL ? V4 | (dLo << 32) : 0L;
        return v4 | ((long) (proto & 0xFF) << 16) | (dport & PORT_MASK);
    }

    /**
     * Writes the key and mask of the rule whose encoded matches are {@code ops[first..end)} (arguments at
     * {@code args[4 * m]}) into {@code out[at]} and {@code out[at + 1]}.
     */
    public static void encode(int[] ops, long[] args, int first, int end, long[] out, int at) {
        long key = 0L;
        long mask = 0L;
        for (int m = first; m < end; m++) {
            int op = ops[m];
            int a = m << 2;
            if (op == Opcodes.OP_PROTO && (mask & PROTO_MASK) == 0 && args[a] >= 0 && args[a] <= 0xFF) {
                key |= args[a] << 16;
                mask |= PROTO_MASK;
            } else if (op == Opcodes.OP_DPORT && (mask & PORT_MASK) == 0 && args[a] == args[a + 1]
                    && args[a] >= 0 && args[a] <= 0xFFFF) {
                key |= args[a];
                mask |= PORT_MASK;
            } else if (op == Opcodes.OP_DST && (mask & V4) == 0 && isV4Prefix(args, a)) {
                key |= V4 | (args[a + 1] << 32);
                mask |= V4 | (args[a + 3] << 32);
            } else {
                out[at] = GENERAL;
                out[at + 1] = 0L;
                return;
            }
        }
        out[at] = key;
        out[at + 1] = mask;
    }

    /** True when {@code args[a..a+3]} is an IPv4 prefix as {@link RulesetLinker#net} writes it. */
    private static boolean isV4Prefix(long[] args, int a) {
        return args[a] == 0L && args[a + 2] == -1L && (args[a + 1] >>> 32) == 0xFFFFL
                && (args[a + 3] >>> 32) == 0xFFFF_FFFFL;
    }
}
