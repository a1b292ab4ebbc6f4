package io.kpbench.conntrack;

/**
 * The TCP connection states conntrack tracks as a man in the middle, in the kernel's order.
 *
 * <p>Source: Linux {@code nf_conntrack_proto_tcp.c tcp_conntrack_names} ({@code enum tcp_conntrack}); the
 * ordinals are the column indices of {@link ConntrackStateMachine}'s transition table.
 */
public enum TcpState {
    /** Initial state, before the first packet. */
    NONE,
    /** SYN seen from the originator. */
    SYN_SENT,
    /** SYN+ACK seen from the responder. */
    SYN_RECV,
    /** ACK seen after SYN+ACK: the handshake completed. */
    ESTABLISHED,
    /** FIN seen in one direction. */
    FIN_WAIT,
    /** ACK seen after a FIN. */
    CLOSE_WAIT,
    /** FIN seen in both directions, waiting for the last ACK. */
    LAST_ACK,
    /** The last ACK seen. */
    TIME_WAIT,
    /** Closed by RST. */
    CLOSE,
    /** SYN seen from the responder too: simultaneous open. */
    SYN_SENT2;

    private static final TcpState[] VALUES = values();

    /** The state with ordinal {@code i}. */
    public static TcpState of(int i) {
        return VALUES[i];
    }
}
