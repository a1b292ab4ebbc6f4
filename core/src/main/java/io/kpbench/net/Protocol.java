package io.kpbench.net;

/**
 * The L4 protocols a Service port may carry, with their IANA protocol numbers (as in the IP header).
 */
public enum Protocol {
    TCP(6),
    UDP(17),
    SCTP(132);

    private static final Protocol[] BY_NUMBER = new Protocol[256];

    static {
        for (Protocol p : values()) {
            BY_NUMBER[p.number] = p;
        }
    }

    private final int number;

    Protocol(int number) {
        this.number = number;
    }

    /** The IANA protocol number: 6, 17 or 132. */
    public int number() {
        return number;
    }

    /** The lower-case name used by iptables and nft ({@code tcp}, {@code udp}, {@code sctp}). */
    public String lower() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The protocol with IANA number {@code n}, or null. */
    public static Protocol ofNumber(int n) {
        return n >= 0 && n < 256 ? BY_NUMBER[n] : null;
    }

    /** Parses {@code TCP}/{@code UDP}/{@code SCTP} (case-insensitive); null when unknown. */
    public static Protocol parse(String s) {
        if (s == null) {
            return null;
        }
        switch (s.trim().toUpperCase(java.util.Locale.ROOT)) {
            case "TCP":
                return TCP;
            case "UDP":
                return UDP;
            case "SCTP":
                return SCTP;
            default:
                return null;
        }
    }
}
