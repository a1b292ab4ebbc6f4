package io.kpbench.conntrack;

import io.kpbench.net.FiveTuple;

/**
 * The connection-tracking seam: find a packet's flow and translate it, or create the flow after the NAT rules ran.
 *
 * <p>Source: Linux {@code nf_conntrack_core.c nf_conntrack_in} (lookup, then {@code init_conntrack} on a miss) and
 * {@code nf_nat_core.c} (the NAT bindings are the entry's reply tuple). All methods take the caller's virtual
 * clock; results are packed {@link ConntrackResult} longs; translated tuples are written into a caller-owned
 * {@link FiveTuple}.
 */
public interface Conntrack {
    /** Finds the flow of {@code pkt} without changing it; writes the translated tuple into {@code out} on a hit. */
    long lookup(FiveTuple pkt, long nowNanos, FiveTuple out);

    /** Per-packet tracking: {@link #lookup} plus timer refresh and the protocol state machine. */
    long receive(FiveTuple pkt, int tcpFlags, long nowNanos, FiveTuple out);

    /**
     * Creates the entry for the first packet of a flow: DNAT to {@code dnatIp:dnatPort} (ip 0: none) and masquerade
     * to {@code snatIp} with a fully random source port (0: none); writes the translated packet into {@code out}.
     */
    long insert(FiveTuple pkt, int tcpFlags, int dnatIp, int dnatPort, int snatIp, long nowNanos, FiveTuple out);

    /** Deletes the flow {@code pkt} belongs to (either direction); true when there was one. */
    boolean delete(FiveTuple pkt);

    /** Reclaims expired entries, examining at most {@code budget} of them; returns how many were reclaimed. */
    int gc(long nowNanos, int budget);

    /** The number of entries ({@code nf_conntrack_count}). */
    int size();
}
