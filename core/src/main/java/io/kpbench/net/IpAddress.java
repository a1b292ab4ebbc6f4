package io.kpbench.net;

/**
 * An IPv4 or IPv6 address held as two primitive longs (IPv4 as the IPv4-mapped form {@code ::ffff:a.b.c.d},
 * as Go's {@code net.IP} holds it).
 *
 * <p>Parsing is "sloppy" in the way kube-proxy's {@code netutils.ParseIPSloppy} is: IPv4 octets with leading
 * zeros ({@code 172.30.0.041}) are read as decimal and normalised. Data-plane tables do not hold instances of
 * this record; they take {@link #v4()} or {@link #hi()}/{@link #lo()} primitives.
 *
 * @param hi the upper 64 bits of the 128-bit form
 * @param lo the lower 64 bits of the 128-bit form
 */
public record IpAddress(long hi, long lo) implements Comparable<IpAddress> {
    private static final long V4_MAPPED_PREFIX = 0x0000_FFFF_0000_0000L;
    private static final long V4_MAPPED_MASK = 0xFFFF_FFFF_0000_0000L;

    /** The address for a packed IPv4 int. */
    public static IpAddress ofV4(int v4) {
        return new IpAddress(0L, V4_MAPPED_PREFIX | (v4 & 0xFFFF_FFFFL));
    }

    /** The family: IPv4 for the IPv4-mapped range, IPv6 otherwise. */
    public IpFamily family() {
        return isV4() ? IpFamily.IPv4 : IpFamily.IPv6;
    }

    /** True for an IPv4 address. */
    public boolean isV4() {
        return hi == 0L && (lo & V4_MAPPED_MASK) == V4_MAPPED_PREFIX;
    }

    /** The IPv4 address as a packed int (network order in the int's bits); only meaningful when {@link #isV4()}. */
    public int v4() {
        return (int) lo;
    }

    /** True for 127.0.0.0/8 or ::1. */
    public boolean isLoopback() {
        return isV4() ? (v4() >>> 24) == 127 : hi == 0L && lo == 1L;
    }

    /**
     * Parses an IPv4 or IPv6 literal, tolerating leading zeros in IPv4 octets and surrounding whitespace.
     *
     * @throws IllegalArgumentException with a one-line reason when {@code text} is not an IP
     */
    public static IpAddress parse(String text) {
        IpAddress ip = tryParse(text);
        if (ip == null) {
            throw new IllegalArgumentException("'" + text + "' is not a valid IP address");
        }
        return ip;
    }

    /** As {@link #parse(String)}, but returns null instead of throwing. */
    public static IpAddress tryParse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim();
        if (s.isEmpty()) {
            return null;
        }
        if (s.indexOf(':') < 0) {
            long v4 = parseV4(s, 0, s.length());
            return v4 < 0 ? null : ofV4((int) v4);
        }
        return parseV6(s);
    }

    /** Parses dotted-quad text in {@code s[from, to)}; returns the address as an unsigned value, or -1. */
    static long parseV4(CharSequence s, int from, int to) {
        long result = 0;
        int octets = 0;
        int i = from;
        while (octets < 4) {
            int start = i;
            int value = 0;
            while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                value = value * 10 + (s.charAt(i) - '0');
                if (value > 255 || i - start >= 3) {
                    return -1;
                }
                i++;
            }
            if (i == start) {
                return -1;
            }
            result = (result << 8) | value;
            octets++;
            if (octets < 4) {
                if (i >= to || s.charAt(i) != '.') {
                    return -1;
                }
                i++;
            }
        }
        return i == to ? result : -1;
    }

    private static IpAddress parseV6(String s) {
        int[] groups = new int[8];
        int n = 0;
        int gap = -1;
        int i = 0;
        int len = s.length();
        if (s.startsWith("::")) {
            gap = 0;
            i = 2;
            if (i == len) {
                return new IpAddress(0L, 0L);
            }
        } else if (s.charAt(0) == ':') {
            return null;
        }
        while (i < len) {
            if (n == 8) {
                return null;
            }
            int start = i;
            int value = 0;
            while (i < len && Character.digit(s.charAt(i), 16) >= 0 && i - start < 4) {
                value = (value << 4) | Character.digit(s.charAt(i), 16);
                i++;
            }
            if (i < len && s.charAt(i) == '.') {
                if (n > 6) {
                    return null;
                }
                long v4 = parseV4(s, start, len);
                if (v4 < 0) {
                    return null;
                }
                groups[n++] = (int) (v4 >>> 16);
                groups[n++] = (int) (v4 & 0xFFFF);
                i = len;
                break;
            }
            if (i == start) {
                return null;
            }
            groups[n++] = value;
            if (i == len) {
                break;
            }
            if (s.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < len && s.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = n;
                i++;
                if (i == len) {
                    break;
                }
            } else if (i == len) {
                return null;
            }
        }
        if (gap < 0 && n != 8 || gap >= 0 && n == 8) {
            return null;
        }
        int[] full = new int[8];
        if (gap < 0) {
            full = groups;
        } else {
            int tail = n - gap;
            System.arraycopy(groups, 0, full, 0, gap);
            System.arraycopy(groups, gap, full, 8 - tail, tail);
        }
        long hi = 0;
        long lo = 0;
        for (int k = 0; k < 4; k++) {
            hi = (hi << 16) | full[k];
            lo = (lo << 16) | full[k + 4];
        }
        return new IpAddress(hi, lo);
    }

    /** Formats a packed IPv4 int as dotted-quad text. */
    public static String formatV4(int v4) {
        return ((v4 >>> 24) & 0xFF) + "." + ((v4 >>> 16) & 0xFF) + "." + ((v4 >>> 8) & 0xFF) + "." + (v4 & 0xFF);
    }

    /** The canonical text: dotted quad for IPv4, RFC 5952 for IPv6. */
    @Override
    public String toString() {
        if (isV4()) {
            return formatV4(v4());
        }
        int[] g = new int[8];
        for (int k = 0; k < 4; k++) {
            g[k] = (int) (hi >>> (48 - 16 * k)) & 0xFFFF;
            g[k + 4] = (int) (lo >>> (48 - 16 * k)) & 0xFFFF;
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int k = 0; k < 8;) {
            if (g[k] != 0) {
                k++;
                continue;
            }
            int start = k;
            while (k < 8 && g[k] == 0) {
                k++;
            }
            if (k - start > bestLen) {
                bestStart = start;
                bestLen = k - start;
            }
        }
        StringBuilder sb = new StringBuilder(39);
        for (int k = 0; k < 8; k++) {
            if (k == bestStart) {
                sb.append("::");
                k += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[k]));
        }
        return sb.toString();
    }

    /** The text used in {@code ip:port} endpoints: IPv6 in brackets. */
    public String withPort(int port) {
        return isV4() ? this + ":" + port : "[" + this + "]:" + port;
    }

    @Override
    public int compareTo(IpAddress o) {
        int c = Long.compareUnsigned(hi, o.hi);
        return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
    }
}
