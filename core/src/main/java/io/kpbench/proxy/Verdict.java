package io.kpbench.proxy;

/**
 * What the proxy rules do with a NEW packet.
 */
public enum Verdict {
    /** No kube-proxy rule touched the packet. */
    NONE,
    /** Destination-NATed to one endpoint. */
    DNAT,
    /** Explicitly accepted (e.g. a health-check node port). */
    ACCEPT,
    /** Silently dropped (Local policy without local endpoints, source ranges, unallocated service IP). */
    DROP,
    /** Rejected with ICMP port unreachable / TCP RST (a service without endpoints). */
    REJECT;

    private static final Verdict[] VALUES = values();

    /** The verdict with {@link #ordinal()} {@code i}. */
    public static Verdict of(int i) {
        return VALUES[i];
    }
}
