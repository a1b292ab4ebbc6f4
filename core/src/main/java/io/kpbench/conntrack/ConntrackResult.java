package io.kpbench.conntrack;

/**
 * The packed primitive results of {@link Conntrack} calls: a non-negative entry reference, or a negative code.
 *
 * <p>A reference is {@code entry << 1 | direction}, the way a kernel {@code nf_conntrack_tuple_hash} names both its
 * {@code nf_conn} and which of {@code tuplehash[IP_CT_DIR_ORIGINAL/REPLY]} matched. The codes mirror the
 * kernel's outcomes and {@code conntrack -S} counters.
 */
public final class ConntrackResult {
    /** Direction of a packet matching the original tuple (client to service). */
    public static final int ORIGINAL = 0;
    /** Direction of a packet matching the reply tuple (endpoint back to client or node). */
    public static final int REPLY = 1;

    /** No entry for the tuple (or it has expired): the packet is NEW and goes through the NAT rules. */
    public static final long MISS = -1;
    /** "nf_conntrack: table full, dropping packet": no room and early_drop found nothing ({@code drop}). */
    public static final long TABLE_FULL = -2;
    /** No unique reply tuple could be made, or the original tuple is already tracked ({@code insert_failed}). */
    public static final long INSERT_FAILED = -3;
    /** The TCP state machine rejected the packet ({@code invalid}; iptables drops {@code ctstate INVALID}). */
    public static final long INVALID = -4;

    private ConntrackResult() {
    }

    /** The entry of reference {@code r}. */
    public static int entry(long r) {
        return (int) (r >>> 1);
    }

    /** The direction ({@link #ORIGINAL} or {@link #REPLY}) of reference {@code r}. */
    public static int direction(long r) {
        return (int) (r & 1);
    }

    /** A reference for {@code entry} in {@code direction}. */
    public static long ref(int entry, int direction) {
        return ((long) entry << 1) | direction;
    }

    /** The code or reference of a counted lookup ({@link ConntrackTable#lookupCounted}). */
    public static long code(long counted) {
        return (int) counted;
    }

    /** The chain nodes a counted lookup ({@link ConntrackTable#lookupCounted}) visited. */
    public static int chainNodes(long counted) {
        return (int) (counted >>> 32);
    }

    /** A short name for a code or "ref". */
    public static String describe(long r) {
        if (r >= 0) {
            return "entry " + entry(r) + (direction(r) == ORIGINAL ? " original" : " reply");
        }
        if (r == MISS) {
            return "MISS";
        }
        if (r == TABLE_FULL) {
            return "TABLE_FULL";
        }
        if (r == INSERT_FAILED) {
            return "INSERT_FAILED";
        }
        return r == INVALID ? "INVALID" : "code " + r;
    }
}
