package io.kpbench.proxy.iptables.netfilter;

/**
 * The opcodes of a compiled rule: each match is an op ({@code OP_*}, with the {@link #NEG} bit for {@code !}) over
 * four long operands, and each rule ends in one target kind ({@code T_*}, the {@link Target.Kind} ordinals), as
 * the kernel's {@code xt_entry_match}/{@code xt_entry_target} pairs of an {@code ipt_entry}.
 */
public final class Opcodes {
    /** {@code -s cidr}. */
    public static final int OP_SRC = 1;
    /** {@code -d cidr}. */
    public static final int OP_DST = 2;
    /** {@code -p proto}. */
    public static final int OP_PROTO = 3;
    /** {@code --dport lo[:hi]}. */
    public static final int OP_DPORT = 4;
    /** {@code -m addrtype --src-type LOCAL}. */
    public static final int OP_SRC_LOCAL = 5;
    /** {@code -m addrtype --dst-type LOCAL}. */
    public static final int OP_DST_LOCAL = 6;
    /** {@code -m statistic --mode random --probability p}. */
    public static final int OP_STATISTIC = 7;
    /** {@code -m recent --rcheck}. */
    public static final int OP_RECENT_CHECK = 8;
    /** {@code -m recent --set}. */
    public static final int OP_RECENT_SET = 9;
    /** {@code -m mark --mark value/mask}. */
    public static final int OP_MARK = 10;
    /** {@code -m conntrack --ctstate}. */
    public static final int OP_CTSTATE = 11;
    /** The negation bit of a match op. */
    public static final int NEG = 0x100;
    /** A match op without its negation bit. */
    public static final int OP_MASK = 0xFF;
    /** Target {@code ACCEPT}. */
    public static final int T_ACCEPT = Target.Kind.ACCEPT.ordinal();
    /** Target {@code DROP}. */
    public static final int T_DROP = Target.Kind.DROP.ordinal();
    /** Target {@code REJECT}. */
    public static final int T_REJECT = Target.Kind.REJECT.ordinal();
    /** No target (a counting rule). */
    public static final int T_NONE = Target.Kind.NONE.ordinal();
    /** {@code -j CHAIN}. */
    public static final int T_JUMP = Target.Kind.JUMP.ordinal();
    /** {@code -g CHAIN}. */
    public static final int T_GOTO = Target.Kind.GOTO.ordinal();
    /** Target {@code RETURN}. */
    public static final int T_RETURN = Target.Kind.RETURN.ordinal();
    /** Target {@code DNAT}. */
    public static final int T_DNAT = Target.Kind.DNAT.ordinal();
    /** {@code MARK --or-mark}. */
    public static final int T_MARK_OR = Target.Kind.MARK_OR.ordinal();
    /** {@code MARK --xor-mark}. */
    public static final int T_MARK_XOR = Target.Kind.MARK_XOR.ordinal();
    /** {@code MARK --set-mark}. */
    public static final int T_MARK_SET = Target.Kind.MARK_SET.ordinal();
    /** Target {@code MASQUERADE}. */
    public static final int T_MASQUERADE = Target.Kind.MASQUERADE.ordinal();

    private Opcodes() {
    }
}
