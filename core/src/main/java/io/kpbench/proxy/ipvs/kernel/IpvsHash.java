package io.kpbench.proxy.ipvs.kernel;

/**
 * The hash functions of the kernel's IPVS tables, on host-order IPv4 ints (the value {@code ntohl()} yields)
 * and on IPv6 addresses held as two big-endian longs.
 *
 * <p>Sources: Linux {@code ip_vs_ctl.c} ({@code ip_vs_svc_hashkey}: an IPv6 address is first folded to
 * {@code ip6[0] ^ ip6[1] ^ ip6[2] ^ ip6[3]}, as {@code ip_vs_sh.c}, {@code ip_vs_dh.c} and {@code ip_vs_mh.c}
 * also fold it), {@code ip_vs_conn.c} ({@code ip_vs_conn_hashkey}: {@code jhash_3words} of the raw big-endian
 * words, as an x86 host reads them; for IPv6 the first word is {@code jhash(addr, 16, rnd)}, lookup3 over the
 * 16 raw bytes),
 * {@code ip_vs_sh.c} ({@code hash_32}), {@code ip_vs_dh.c}/{@code ip_vs_lblc.c} (Knuth's 2654435761 multiplier)
 * and {@code ip_vs_mh.c} ({@code hsiphash}, which on 64-bit hosts is SipHash-1-3 with a 128-bit key). The
 * per-netns pointer the kernel XORs into the service and connection hashes is taken as 0: it only permutes
 * buckets.
 */
public final class IpvsHash {
    /** {@code GOLDEN_RATIO_32} of {@code linux/hash.h}. */
    public static final int GOLDEN_RATIO_32 = 0x61C88647;
    /** {@code JHASH_INITVAL} of {@code linux/jhash.h}. */
    public static final int JHASH_INITVAL = 0xDEADBEEF;

    /** The rotations of {@code __jhash_mix}'s six steps. */
    private static final int[] JHASH_MIX_ROT = {4, 6, 8, 16, 19, 4};
    /** The rotations of {@code __jhash_final}'s seven steps. */
    private static final int[] JHASH_FINAL_ROT = {14, 11, 25, 16, 4, 14, 24};

    private IpvsHash() {
    }

    /** {@code ip_vs_svc_hashkey}: {@code (proto ^ addr ^ (port >> bits) ^ port) & mask}. */
    public static int svc(int protocol, int addr, int port, int bits) {
        return (protocol ^ addr ^ (port >>> bits) ^ port) & ((1 << bits) - 1);
    }

    /** {@code ip_vs_conn_hashkey} for IPv4: jhash_3words of the raw client address, raw port and protocol. */
    public static int conn(int protocol, int addr, int port, int rnd, int mask) {
        int rawAddr = Integer.reverseBytes(addr);
        int rawPort = ((port & 0xFF) << 8) | ((port >>> 8) & 0xFF);
        return jhash3(rawAddr, rawPort, protocol, rnd) & mask;
    }

    /**
     * The IPv6 fold {@code ntohl(ip6[0] ^ ip6[1] ^ ip6[2] ^ ip6[3])} of an address's big-endian halves: the
     * 32-bit value the service, sh, dh and mh hashes use where an IPv4 address would go.
     */
    public static int fold(long hi, long lo) {
        long x = hi ^ lo;
        return (int) (x >>> 32) ^ (int) x;
    }

    /**
     * The 32 bits the kernel hashes for an address of either family: the IPv4 address ({@code ::ffff:a.b.c.d}
     * keeps it in the low word) or the IPv6 {@link #fold}.
     */
    public static int word(boolean v6, long hi, long lo) {
        return v6 ? fold(hi, lo) : (int) lo;
    }

    /** {@code ip_vs_conn_hashkey} for IPv6: {@code jhash_3words(jhash(addr, 16, rnd), raw port, proto, rnd)}. */
    public static int conn6(int protocol, long hi, long lo, int port, int rnd, int mask) {
        int rawPort = ((port & 0xFF) << 8) | ((port >>> 8) & 0xFF);
        return jhash3(jhash16(hi, lo, rnd), rawPort, protocol, rnd) & mask;
    }

    /**
     * {@code jhash(key, 16, initval)} over an IPv6 address's 16 network-order bytes read as little-endian
     * words (x86): one {@code __jhash_mix} block of 12 bytes, then the last 4 bytes and {@code __jhash_final}.
     */
    public static int jhash16(long hi, long lo, int initval) {
        int a = JHASH_INITVAL + 16 + initval;
        int b = a;
        int c = a;
        a += Integer.reverseBytes((int) (hi >>> 32));
        b += Integer.reverseBytes((int) hi);
        c += Integer.reverseBytes((int) (lo >>> 32));
        // __jhash_mix: six steps "x -= z; x ^= rol(z, r); z += y" over (a, b, c), (b, c, a), (c, a, b), twice
        for (int step = 0; step < 6; step++) {
            a -= c;
            a ^= Integer.rotateLeft(c, JHASH_MIX_ROT[step]);
            c += b;
            int t = a;
            a = b;
            b = c;
            c = t;
        }
        a += Integer.reverseBytes((int) lo);
        return jfinal(a, b, c);
    }

    /** {@code jhash_3words(a, b, c, initval)} (lookup3 final mix). */
    public static int jhash3(int a, int b, int c, int initval) {
        int iv = initval + JHASH_INITVAL + (3 << 2);
        return jfinal(a + iv, b + iv, c + iv);
    }

    /** {@code __jhash_final(a, b, c)}; returns c. */
    private static int jfinal(int a, int b, int c) {
        // seven steps "z ^= y; z -= rol(y, r)" over (y, z) = (b, c), (c, a), (a, b), ..., ending on (b, c)
        int y = b;
        int z = c;
        int other = a;
        for (int step = 0; step < 7; step++) {
            z ^= y;
            z -= Integer.rotateLeft(y, JHASH_FINAL_ROT[step]);
            int t = y;
            y = z;
            z = other;
            other = t;
        }
        return y;
    }

    /** {@code hash_32(val, bits)}: the top {@code bits} of {@code val * GOLDEN_RATIO_32}. */
    public static int hash32(int val, int bits) {
        return (val * GOLDEN_RATIO_32) >>> (32 - bits);
    }

    /** {@code ip_vs_sh_hashkey}: {@code (offset + hash_32(port + addr, bits)) & mask}. */
    public static int sh(int addr, int port, int offset, int bits) {
        return (offset + hash32(port + addr, bits)) & ((1 << bits) - 1);
    }

    /** {@code ip_vs_dh_hashkey} / {@code ip_vs_lblc_hashkey}: {@code (addr * 2654435761) & mask}. */
    public static int knuth(int addr, int mask) {
        return (int) (((addr & 0xFFFF_FFFFL) * 2654435761L) & mask);
    }

    /** {@code ip_vs_mh_hashkey}: hsiphash of the u32 {@code offset + port + addr} with a {k, k} key. */
    public static int mh(int addr, int port, int offset, long key) {
        return sipHash13(offset + port + addr, key, key);
    }

    /** SipHash-1-3 of one little-endian u32, truncated to 32 bits as {@code hsiphash} returns it. */
    public static int sipHash13(int word, long k0, long k1) {
        long v0 = 0x736f6d6570736575L ^ k0;
        long v1 = 0x646f72616e646f6dL ^ k1;
        long v2 = 0x6c7967656e657261L ^ k0;
        long v3 = 0x7465646279746573L ^ k1;
        long b = (4L << 56) | (word & 0xFFFF_FFFFL);
        v3 ^= b;
        // one compression round (c = 1), then the finalisation's three rounds (d = 3): the same SipRound 4 times
        for (int round = 0; round < 4; round++) {
            v0 += v1;
            v1 = Long.rotateLeft(v1, 13);
            v1 ^= v0;
            v0 = Long.rotateLeft(v0, 32);
            v2 += v3;
            v3 = Long.rotateLeft(v3, 16);
            v3 ^= v2;
            v0 += v3;
            v3 = Long.rotateLeft(v3, 21);
            v3 ^= v0;
            v2 += v1;
            v1 = Long.rotateLeft(v1, 17);
            v1 ^= v2;
            v2 = Long.rotateLeft(v2, 32);
            if (round == 0) {
                v0 ^= b;
                v2 ^= 0xFF;
            }
        }
        return (int) (v0 ^ v1 ^ v2 ^ v3);
    }
}
