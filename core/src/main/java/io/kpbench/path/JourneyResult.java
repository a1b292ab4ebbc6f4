package io.kpbench.path;

import io.kpbench.conntrack.ConntrackResult;

/**
 * The packed primitive result of {@link PacketPath#journey}: what a whole request and reply did, in one long.
 *
 * <p>Layout: bits 0-31 the endpoint IPv4 reached, or the low 32 bits of the IPv6 endpoint (0 when none), bits
 * 32-35 the {@link Outcome} ordinal, bit 36 the node's conntrack fast path, bit 37 masquerade, bit 38 a cross-node
 * hop, bit 39 a cloud LB on the way, bit 40 an IPv6 journey, bit 41 the provider's 1:1 NAT on the way, bit 42 an
 * endpoint outside the cluster, bits 48-63 the endpoint port.
 */
public final class JourneyResult {
    /** Flag: the node's conntrack matched an established flow (no proxier walk). */
    public static final long FAST_PATH = 1L << 36;
    /** Flag: the packet was masqueraded (source NAT to the node IP). */
    public static final long MASQUERADE = 1L << 37;
    /** Flag: the endpoint was on another node than the one that NATed. */
    public static final long CROSS_NODE = 1L << 38;
    /** Flag: a cloud load balancer was on the way. */
    public static final long VIA_LB = 1L << 39;
    /** Flag: the journey was IPv6 (the endpoint field holds the low 32 bits of the IPv6 endpoint). */
    public static final long IPV6 = 1L << 40;
    /** Flag: the provider's 1:1 NAT translated a node's ExternalIP to its InternalIP (and back). */
    public static final long VIA_CLOUD_NAT = 1L << 41;
    /**
     * Flag: the endpoint was a host outside the cluster (no pod or node has its address), reached through the
     * NATing node's default route (the endpoint field holds its address).
     */
    public static final long OFF_CLUSTER = 1L << 42;

    /** How a journey ended. */
    public enum Outcome {
        /** The reply reached the originator with the source it dialled. */
        REPLIED,
        /** A reply arrived but with another source than dialled (NAT not reversed: the client resets it). */
        REPLY_MISMATCH,
        /** A proxier dropped the packet (e.g. eTP=Local without local endpoints). */
        DROPPED,
        /** A proxier rejected the packet (a service without endpoints). */
        REJECTED,
        /** Nothing in the model routes the destination (e.g. a ClusterIP from outside the cluster). */
        NO_ROUTE,
        /** The LB had no healthy node. */
        NO_HEALTHY_NODE,
        /** A conntrack table was full and early_drop freed nothing ("table full, dropping packet"). */
        TABLE_FULL,
        /** The node itself accepted the packet (e.g. the health-check node port) and replied. */
        NODE_REPLIED,
        /**
         * Conntrack's TCP state machine refused the packet ({@code ctstate INVALID}, e.g. an ACK for a flow whose
         * SYN was never answered): dropped, counted as {@code invalid}.
         */
        INVALID,
        /**
         * Conntrack could not confirm the flow: its tuple is already tracked, or no free port made the reply tuple
         * unique (masquerade port exhaustion); dropped, counted as {@code insert_failed}.
         */
        INSERT_FAILED;

        private static final Outcome[] VALUES = values();
    }

    private JourneyResult() {
    }

    /**
     * The outcome of a negative {@link ConntrackResult} code other than {@link ConntrackResult#MISS}: each for what
     * it is ({@code conntrack -S}: {@code drop}, {@code insert_failed}, {@code invalid}); allocation-free.
     */
    static Outcome ofConntrack(long code) {
        if (code == ConntrackResult.TABLE_FULL) {
            return Outcome.TABLE_FULL;
        }
        if (code == ConntrackResult.INSERT_FAILED) {
            return Outcome.INSERT_FAILED;
        }
        if (code == ConntrackResult.INVALID) {
            return Outcome.INVALID;
        }
        throw new IllegalArgumentException("not a conntrack refusal: " + ConntrackResult.describe(code));
    }

    static long pack(Outcome o, int endpointIp, int endpointPort, long flags) {
        return (endpointIp & 0xFFFF_FFFFL) | ((long) o.ordinal() << 32) | flags | ((long) endpointPort << 48);
    }

    /** The outcome. */
    public static Outcome outcome(long r) {
        return Outcome.VALUES[(int) (r >>> 32) & 0xF];
    }

    /** The packed IPv4 endpoint reached (an IPv6 journey: the endpoint's low 32 bits), or 0. */
    public static int endpointIp(long r) {
        return (int) r;
    }

    /** The endpoint port reached, or 0. */
    public static int endpointPort(long r) {
        return (int) (r >>> 48);
    }

    /** True when {@code flag} is set. */
    public static boolean has(long r, long flag) {
        return (r & flag) != 0;
    }
}
