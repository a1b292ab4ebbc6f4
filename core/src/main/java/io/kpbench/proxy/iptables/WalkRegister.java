package io.kpbench.proxy.iptables;

/**
 * The one {@code long} an {@link IptablesClassifier} walk carries from chain to chain (its only state, so the
 * recursive walk allocates nothing): the packet's netfilter mark, the rules walked so far and the chain verdict.
 * Internal to the walk; what leaves {@code classify} is a {@link io.kpbench.proxy.Classification}.
 *
 * <pre>
 *  63   62   60 59  58                          32 31                               0
 * +----+-------+---+------------------------------+----------------------------------+
 * |DONE|status |NAT|  rules walked (27 bits)      |  mark (skb-&gt;mark, 32 bits)       |
 * +----+-------+---+------------------------------+----------------------------------+
 * </pre>
 *
 * <p>{@code status} is {@link #CONTINUE}, a terminal target ({@code kind + 1} for ACCEPT, DROP and REJECT) or
 * {@link #DNAT_SEEN} (a DNAT met in a filter chain: it ends that chain only). {@code NAT} is set while the walk is
 * in the nat table: a DNAT there finishes the packet on the spot (the filter chains run inside it) and the
 * register is then replaced by the finished {@code Classification} with {@code DONE} set, which every caller
 * passes straight up. A packet walks far fewer than 2^27 rules (about 100k at 100k services), so the count
 * never reaches the {@code NAT} bit.
 */
final class WalkRegister {
    /** The walk goes on to the next rule. */
    static final int CONTINUE = 0;
    /** A DNAT target met outside the nat table. */
    static final int DNAT_SEEN = 4;
    /** Set while the walk is in the nat table. */
    static final long NAT = 1L << 59;
    /** Set on a finished {@code Classification} travelling up the walk (makes the long negative). */
    static final long DONE = 1L << 63;

    private static final long MARK_BITS = 0xFFFF_FFFFL;
    private static final int WORK_SHIFT = 32;
    private static final int STATUS_SHIFT = 60;
    private static final long STATUS_BITS = 0x7L << STATUS_SHIFT;

    private WalkRegister() {
    }

    /** The mark. */
    static int mark(long reg) {
        return (int) reg;
    }

    /** {@code reg} with the mark replaced by {@code mark}. */
    static long withMark(long reg, int mark) {
        return (reg & ~MARK_BITS) | (mark & MARK_BITS);
    }

    /** {@code reg} with the mark or-ed with {@code bits}. */
    static long orMark(long reg, int bits) {
        return reg | (bits & MARK_BITS);
    }

    /** {@code reg} with the mark xor-ed with {@code bits}. */
    static long xorMark(long reg, int bits) {
        return reg ^ (bits & MARK_BITS);
    }

    /** The rules walked so far. */
    static long work(long reg) {
        return (reg & ~(DONE | STATUS_BITS | NAT)) >>> WORK_SHIFT;
    }

    /** {@code reg} with {@code rules} more rules walked. */
    static long addWork(long reg, int rules) {
        return reg + ((long) rules << WORK_SHIFT);
    }

    /** The chain status. */
    static int status(long reg) {
        return (int) ((reg & STATUS_BITS) >>> STATUS_SHIFT);
    }

    /** {@code reg} with the status replaced by {@code status}. */
    static long withStatus(long reg, int status) {
        return (reg & ~STATUS_BITS) | ((long) status << STATUS_SHIFT);
    }

    /** True when {@code reg} is a finished classification, not a register. */
    static boolean done(long reg) {
        return reg < 0;
    }
}
