package io.kpbench.proxy.iptables.netfilter;

/**
 * The conntrack states of xt_conntrack's {@code --ctstate} as bits; a NEW packet has {@link #NEW}, plus the
 * virtual {@link #DNAT} state once a nat rule has rewritten its destination.
 */
public final class CtState {
    static final int INVALID = 1;
    public static final int NEW = 1 << 1;
    static final int ESTABLISHED = 1 << 2;
    static final int RELATED = 1 << 3;
    static final int UNTRACKED = 1 << 4;
    static final int SNAT = 1 << 5;
    public static final int DNAT = 1 << 6;

    private CtState() {
    }

    /** Parses a comma-separated state list; null when a name is unknown. */
    static Integer parse(String list) {
        int bits = 0;
        for (String s : list.split(",")) {
            switch (s) {
                case "INVALID" -> bits |= INVALID;
                case "NEW" -> bits |= NEW;
                case "ESTABLISHED" -> bits |= ESTABLISHED;
                case "RELATED" -> bits |= RELATED;
                case "UNTRACKED" -> bits |= UNTRACKED;
                case "SNAT" -> bits |= SNAT;
                case "DNAT" -> bits |= DNAT;
                default -> {
                    return null;
                }
            }
        }
        return bits;
    }
}
