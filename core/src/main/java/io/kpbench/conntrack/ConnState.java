package io.kpbench.conntrack;

/**
 * The protocol-independent state of a conntrack entry, as {@code conntrack -L} shows it.
 *
 * <p>Source: Linux {@code include/uapi/linux/netfilter/nf_conntrack_common.h}: an entry without
 * {@code IPS_SEEN_REPLY} is {@code [UNREPLIED]} (NEW), one with it is ESTABLISHED, and {@code IPS_ASSURED}
 * marks an entry early_drop must not evict.
 */
public enum ConnState {
    /** Only the original direction has been seen ({@code [UNREPLIED]}). */
    NEW,
    /** A reply has been seen ({@code IPS_SEEN_REPLY}). */
    ESTABLISHED,
    /**
     * TCP handshake completed, or UDP replied and still active more than 2 s after its first packet
     * ({@code IPS_ASSURED}).
     */
    ASSURED
}
