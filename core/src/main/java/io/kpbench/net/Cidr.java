package io.kpbench.net;

/**
 * An IPv4 or IPv6 prefix, held as its masked base address and prefix length.
 *
 * <p>Parsing follows kube-proxy's tolerance ({@code netutils.ParseCIDRSloppy} after {@code strings.TrimSpace}):
 * whitespace around the text and leading zeros ({@code 203.0.113.000/025}) are accepted, and host bits are
 * masked off as Go's {@code net.ParseCIDR} does.
 *
 * @param base the network address, host bits cleared
 * @param prefix the prefix length, 0..32 for IPv4 and 0..128 for IPv6
 */
public record Cidr(IpAddress base, int prefix) {

    /** Masks {@code base} and validates {@code prefix}. */
    public Cidr {
        int bits = base.family().bits();
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix /" + prefix + " is out of range for " + base.family());
        }
        base = mask(base, prefix);
    }

    /** The family of the prefix. */
    public IpFamily family() {
        return base.family();
    }

    /** True when {@code ip} is inside this prefix (and of the same family). */
    public boolean contains(IpAddress ip) {
        if (ip.isV4() != base.isV4()) {
            return false;
        }
        return mask(ip, prefix).equals(base);
    }

    /** True when the packed IPv4 {@code v4} is inside this IPv4 prefix. */
    public boolean containsV4(int v4) {
        return base.isV4() && ((v4 ^ base.v4()) & v4Mask(prefix)) == 0;
    }

    /** True when the two prefixes share an address. */
    public boolean overlaps(Cidr other) {
        return other.family() == family() && (contains(other.base) || other.contains(base));
    }

    /** The number of host bits: 32 or 128 minus the prefix. */
    public int hostBits() {
        return family().bits() - prefix;
    }

    /** The {@code i}-th address of the prefix (0 is the base); {@code i} must fit in the host bits. */
    public IpAddress address(long i) {
        if (base.isV4()) {
            return IpAddress.ofV4(base.v4() + (int) i);
        }
        long lo = base.lo() + i;
        long hi = base.hi() + (Long.compareUnsigned(lo, base.lo()) < 0 ? 1 : 0);
        return new IpAddress(hi, lo);
    }

    /** The packed IPv4 netmask for a prefix length. */
    public static int v4Mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    private static IpAddress mask(IpAddress ip, int prefix) {
        if (ip.isV4()) {
            return IpAddress.ofV4(ip.v4() & v4Mask(prefix));
        }
        long hiMask = prefix >= 64 ? -1L : prefix == 0 ? 0L : -1L << (64 - prefix);
        long loMask = prefix <= 64 ? 0L : prefix == 128 ? -1L : -1L << (128 - prefix);
        return new IpAddress(ip.hi() & hiMask, ip.lo() & loMask);
    }

    /**
     * Parses {@code addr/len}, tolerating whitespace and leading zeros.
     *
     * @throws IllegalArgumentException with a one-line reason when {@code text} is not a CIDR
     */
    public static Cidr parse(String text) {
        String s = text == null ? "" : text.trim();
        int slash = s.indexOf('/');
        if (slash <= 0 || slash == s.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not a valid CIDR (want addr/len)");
        }
        IpAddress ip = IpAddress.tryParse(s.substring(0, slash));
        String len = s.substring(slash + 1);
        if (ip == null || len.length() > 3 || !len.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("'" + text + "' is not a valid CIDR (want addr/len)");
        }
        int prefix = Integer.parseInt(len);
        if (prefix > ip.family().bits()) {
            throw new IllegalArgumentException("'" + text + "' has a prefix longer than " + ip.family().bits());
        }
        return new Cidr(ip, prefix);
    }

    /** The single-address prefix of {@code ip} (/32 or /128). */
    public static Cidr host(IpAddress ip) {
        return new Cidr(ip, ip.family().bits());
    }

    @Override
    public String toString() {
        return base + "/" + prefix;
    }
}
