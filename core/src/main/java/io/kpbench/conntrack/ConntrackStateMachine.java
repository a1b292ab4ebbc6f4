package io.kpbench.conntrack;

import io.kpbench.net.Protocol;

/**
 * The per-protocol state update of a conntrack entry, on a packed {@code meta} long.
 *
 * <p>Source: Linux {@code nf_conntrack_proto_tcp.c tcp_conntracks[2][6][TCP_CONNTRACK_MAX]} and
 * {@code nf_conntrack_tcp_packet}; {@code nf_conntrack_proto_udp.c nf_conntrack_udp_packet};
 * {@code nf_conntrack_core.c nf_conntrack_in} (sets {@code IPS_SEEN_REPLY} after the protocol handler).
 * Simplified: no sequence-window tracking ({@code tcp_in_window}), no retransmission or unacknowledged-data timeouts.
 *
 * <p>Meta layout: bits 0-7 status ({@link #LIVE}, {@link #SEEN_REPLY}, {@link #ASSURED}, {@link #STREAM},
 * {@link #SRC_NAT}, {@link #DST_NAT}), bits 8-15 {@link TcpState} ordinal, bits 32-63 the current timeout in
 * seconds (the kernel's {@code ct->timeout - now} at the last refresh).
 */
final class ConntrackStateMachine {
    static final long LIVE = 1;
    static final long SEEN_REPLY = 2;
    static final long ASSURED = 4;
    /** UDP: the stream timeout is in force (set with {@link #ASSURED}), so further packets only refresh. */
    static final long STREAM = 8;
    static final long SRC_NAT = 16;
    static final long DST_NAT = 32;

    /** Accept the packet, change nothing (the kernel's {@code sIG}). */
    static final long IGNORE = -10;
    /** Accept the packet, then delete the entry (RST before any reply: {@code nf_ct_kill_acct}). */
    static final long KILL = -11;
    /** Delete the entry and treat the packet as NEW (SYN reopening TIME_WAIT/CLOSE: {@code -NF_REPEAT}). */
    static final long REOPEN = -12;
    static final long INVALID = ConntrackResult.INVALID;

    static final int TCP = Protocol.TCP.number();
    static final int UDP = Protocol.UDP.number();
    static final long UDP_STREAM_DELAY_NANOS = 2_000_000_000L;

    private static final int S_NO = 0;
    private static final int S_SS = 1;
    private static final int S_SR = 2;
    private static final int S_ES = 3;
    private static final int S_FW = 4;
    private static final int S_CW = 5;
    private static final int S_LA = 6;
    private static final int S_TW = 7;
    private static final int S_CL = 8;
    private static final int S_S2 = 9;
    private static final int S_IV = 10;
    private static final int S_IG = 11;

    private static final int I_SYN = 0;
    private static final int I_SYNACK = 1;
    private static final int I_FIN = 2;
    private static final int I_ACK = 3;
    private static final int I_RST = 4;
    private static final int I_NONE = 5;

    /** [direction][flag index][old state] -> new state; columns NO SS SR ES FW CW LA TW CL S2. */
    private static final byte[][][] TABLE = {
        {
            {S_SS, S_SS, S_IG, S_IG, S_IG, S_IG, S_IG, S_SS, S_SS, S_S2},
            {S_IV, S_IV, S_IG, S_IG, S_IG, S_IG, S_IG, S_IG, S_IG, S_SR},
            {S_IV, S_IV, S_FW, S_FW, S_LA, S_LA, S_LA, S_TW, S_CL, S_IV},
            {S_ES, S_IV, S_ES, S_ES, S_CW, S_CW, S_TW, S_TW, S_CL, S_IV},
            {S_IV, S_CL, S_CL, S_CL, S_CL, S_CL, S_CL, S_CL, S_CL, S_CL},
            {S_IV, S_IV, S_IV, S_IV, S_IV, S_IV, S_IV, S_IV, S_IV, S_IV},
        },
        {
            {S_IV, S_S2, S_IV, S_IV, S_IV, S_IV, S_IV, S_IV, S_IV, S_S2},
            {S_IV, S_SR, S_IG, S_IG, S_IG, S_IG, S_IG, S_IG, S_IG, S_SR},
            {S_IV, S_IV, S_FW, S_FW, S_LA, S_LA, S_LA, S_TW, S_CL, S_IV},
            {S_IV, S_IG, S_SR, S_ES, S_CW, S_CW, S_TW, S_TW, S_CL, S_IG},
            {S_IV, S_CL, S_CL, S_CL, S_CL, S_CL, S_CL, S_CL, S_CL, S_CL},
            {S_IV, S_IV, S_IV, S_IV, S_IV, S_IV, S_IV, S_IV, S_IV, S_IV},
        },
    };

    private ConntrackStateMachine() {
    }

    static int tcpState(long meta) {
        return (int) (meta >>> 8) & 0xFF;
    }

    static long timeoutSeconds(long meta) {
        return meta >>> 32;
    }

    static long withTimeout(long meta, long seconds) {
        return (meta & 0xFFFF_FFFFL) | (seconds << 32);
    }

    static ConnState connState(long meta) {
        if ((meta & ASSURED) != 0) {
            return ConnState.ASSURED;
        }
        return (meta & SEEN_REPLY) != 0 ? ConnState.ESTABLISHED : ConnState.NEW;
    }

    /** The kernel's {@code get_conntrack_index}: RST, then SYN (+ACK), then FIN, then ACK. */
    static int flagIndex(int flags) {
        if ((flags & TcpFlags.RST) != 0) {
            return I_RST;
        }
        if ((flags & TcpFlags.SYN) != 0) {
            return (flags & TcpFlags.ACK) != 0 ? I_SYNACK : I_SYN;
        }
        if ((flags & TcpFlags.FIN) != 0) {
            return I_FIN;
        }
        return (flags & TcpFlags.ACK) != 0 ? I_ACK : I_NONE;
    }

    /** Meta for the first packet of a new flow, or {@link #INVALID} (a TCP first packet that is not SYN or ACK). */
    static long initial(int proto, int flags, ConntrackTimeouts t) {
        if (proto == TCP) {
            int s = TABLE[0][flagIndex(flags)][S_NO];
            if (s == S_IV || s == S_IG) {
                return INVALID;
            }
            return withTimeout(LIVE | ((long) s << 8), t.tcpAt(s));
        }
        return withTimeout(LIVE, proto == UDP ? t.udp() : t.generic());
    }

    /**
     * True when a packet only refreshes the entry's timer, so the lock-free fast path may handle it: an ACK in
     * assured ESTABLISHED, UDP in stream or still unreplied, any other protocol once it has seen a reply.
     */
    static boolean onlyRefreshes(long meta, int proto, int dir, int flags) {
        if (proto == TCP) {
            return (meta & ASSURED) != 0 && tcpState(meta) == S_ES
                    && (flags & (TcpFlags.SYN | TcpFlags.FIN | TcpFlags.RST | TcpFlags.ACK)) == TcpFlags.ACK;
        }
        if ((meta & SEEN_REPLY) == 0) {
            return dir == ConntrackResult.ORIGINAL;
        }
        return proto != UDP || (meta & (ASSURED | STREAM)) == (ASSURED | STREAM);
    }

    /**
     * The meta after a packet of an existing flow, or {@link #IGNORE}, {@link #KILL}, {@link #REOPEN} or
     * {@link #INVALID}. {@code streamTs} is the creation time plus 2 s (the kernel's {@code proto.udp.stream_ts},
     * set while the entry is unconfirmed, i.e. by the first packet).
     *
     * <p>UDP follows Linux 6.12 {@code nf_conntrack_udp_packet}: the status it tests is the one before this
     * packet ({@code nf_conntrack_in} sets {@code IPS_SEEN_REPLY} after the handler), so the first reply still
     * gets {@code udp_timeout} (30 s). Once a reply has been seen, a packet at or before {@code stream_ts} keeps
     * {@code udp_timeout} and leaves the entry unassured; the first packet after it gives
     * {@code udp_timeout_stream} (120 s) and sets {@code IPS_ASSURED}. A query and its answer within 2 s (DNS)
     * are therefore never assured, and {@code early_drop} may evict them.
     */
    static long next(long meta, int proto, int dir, int flags, long now, long streamTs, ConntrackTimeouts t) {
        long m;
        if (proto == TCP) {
            m = nextTcp(meta, dir, flags, t);
            if (m < 0) {
                return m;
            }
        } else if (proto == UDP) {
            m = meta;
            long timeout = t.udp();
            if ((meta & SEEN_REPLY) != 0 && now - streamTs > 0) {
                timeout = t.udpStream();
                m |= ASSURED | STREAM;
            }
            m = withTimeout(m, timeout);
        } else {
            m = withTimeout(meta, t.generic());
        }
        return dir == ConntrackResult.REPLY ? m | SEEN_REPLY : m;
    }

    private static long nextTcp(long meta, int dir, int flags, ConntrackTimeouts t) {
        int old = tcpState(meta);
        int index = flagIndex(flags);
        int s = TABLE[dir][index][old];
        if (s == S_IG) {
            return IGNORE;
        }
        if (s == S_IV) {
            return INVALID;
        }
        if (dir == ConntrackResult.ORIGINAL && index == I_SYN && (old == S_TW || old == S_CL)) {
            return REOPEN;
        }
        boolean seenReply = (meta & SEEN_REPLY) != 0;
        if (!seenReply && index == I_RST) {
            return KILL;
        }
        long m = (meta & ~0xFF00L) | ((long) s << 8);
        if (seenReply && (m & ASSURED) == 0 && (old == S_SR || old == S_ES) && s == S_ES) {
            m |= ASSURED;
        }
        return withTimeout(m, t.tcpAt(s));
    }
}
