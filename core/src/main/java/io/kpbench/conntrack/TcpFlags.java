package io.kpbench.conntrack;

/**
 * The TCP header flag bits the conntrack state machine reads, with their values in the TCP header's flags byte.
 *
 * <p>Source: RFC 9293 §3.1; Linux {@code nf_conntrack_proto_tcp.c get_conntrack_index} reads RST, then SYN
 * (with or without ACK), then FIN, then ACK, in that priority.
 */
public final class TcpFlags {
    /** FIN: the sender has finished sending. */
    public static final int FIN = 0x01;
    /** SYN: synchronise sequence numbers (connection open). */
    public static final int SYN = 0x02;
    /** RST: reset the connection. */
    public static final int RST = 0x04;
    /** ACK: the acknowledgment field is significant. */
    public static final int ACK = 0x10;
    /** SYN and ACK: the second packet of the three-way handshake. */
    public static final int SYN_ACK = SYN | ACK;
    /** FIN and ACK, as a closing peer usually sends it. */
    public static final int FIN_ACK = FIN | ACK;

    private TcpFlags() {
    }
}
