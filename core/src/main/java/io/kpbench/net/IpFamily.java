package io.kpbench.net;

/**
 * The address family of an IP, as the Kubernetes API spells it ({@code IPv4}, {@code IPv6}).
 */
public enum IpFamily {
    IPv4(32),
    IPv6(128);

    private final int bits;

    IpFamily(int bits) {
        this.bits = bits;
    }

    /** The address width in bits: 32 or 128. */
    public int bits() {
        return bits;
    }

    /** Parses the API spelling ({@code IPv4}/{@code IPv6}); null when it is neither. */
    public static IpFamily fromApi(String s) {
        if ("IPv4".equals(s)) {
            return IPv4;
        }
        if ("IPv6".equals(s)) {
            return IPv6;
        }
        return null;
    }
}
