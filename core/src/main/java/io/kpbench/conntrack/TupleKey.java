package io.kpbench.conntrack;

import io.kpbench.net.FiveTuple;
import io.kpbench.table.Hashing;

/**
 * A conntrack tuple packed into longs, in one of two widths, and its hash.
 *
 * <p>Source: Linux {@code struct nf_conntrack_tuple} (src addr/port, dst addr/port, protocol, {@code l3num}) and
 * {@code nf_conntrack_core.c hash_conntrack_raw} (a keyed hash of the whole tuple, seeded per boot with
 * {@code nf_conntrack_hash_rnd}); we use a seeded multiply-xorshift mix ({@link Hashing#keyedPair}) instead of
 * siphash.
 *
 * <p>The short (IPv4) form is {@value #SHORT} words: {@code addrs = src << 32 | dst},
 * {@code ports = proto << 32 | sport << 16 | dport}. The long (IPv6) form is {@value #LONG} words:
 * {@code srcHi, srcLo, dstHi, dstLo, ports}. Both hash as {@code keyedPair(addressWord, ports, seed)}, where the
 * address word is {@code addrs} or the {@link Hashing#fold4} of the four halves. Addresses leave and enter the
 * short form as {@link FiveTuple}'s 128-bit halves ({@code ::ffff:a.b.c.d}). Inverting a tuple (the kernel's
 * {@code nf_ct_invert_tuple}) swaps source and destination.
 */
final class TupleKey {
    /** Words of an IPv4 key. */
    static final int SHORT = 2;
    /** Words of an IPv6 key. */
    static final int LONG = 5;
    /** The low half of an IPv4-mapped IPv6 address, without the address. */
    static final long V4_MAPPED = 0x0000_FFFF_0000_0000L;

    private TupleKey() {
    }

    static long addrs(int src, int dst) {
        return ((long) src << 32) | (dst & 0xFFFF_FFFFL);
    }

    static long ports(int proto, int sport, int dport) {
        return ((long) (proto & 0xFF) << 32) | ((long) (sport & 0xFFFF) << 16) | (dport & 0xFFFF);
    }

    static long addrs(FiveTuple t) {
        return addrs(t.srcV4(), t.dstV4());
    }

    static long ports(FiveTuple t) {
        return ports(t.protocol(), t.srcPort(), t.dstPort());
    }

    static int proto(long ports) {
        return (int) (ports >>> 32) & 0xFF;
    }

    static int sport(long ports) {
        return (int) (ports >>> 16) & 0xFFFF;
    }

    static int dport(long ports) {
        return (int) ports & 0xFFFF;
    }

    /** The low half of IPv4 address {@code ip} in the 128-bit form; the high half is 0. */
    static long mapped(int ip) {
        return V4_MAPPED | (ip & 0xFFFF_FFFFL);
    }

    /** The address word a packet's key hashes with: {@code addrs} for IPv4, the folded halves for IPv6. */
    static long addressWord(FiveTuple t, boolean v4) {
        return v4 ? addrs(t) : Hashing.fold4(t.srcHi(), t.srcLo(), t.dstHi(), t.dstLo());
    }

    /** A 64-bit keyed hash; {@link ConntrackTable} scales its high 32 bits to a bucket ({@code reciprocal_scale}). */
    static long hash(long addressWord, long ports, long seed) {
        return Hashing.keyedPair(addressWord, ports, seed);
    }

    /** The hash of the key of {@code words} words at {@code k[at]}: equal to {@link #hash} of its packet. */
    static long hash(long[] k, int at, int words, long seed) {
        long a = words == SHORT ? k[at] : Hashing.fold4(k[at], k[at + 1], k[at + 2], k[at + 3]);
        return hash(a, k[at + words - 1], seed);
    }

    /** Packs a tuple given as 128-bit halves into the key of {@code words} words at {@code k[at]}. */
    static void pack(long srcHi, long srcLo, long dstHi, long dstLo, long ports, long[] k, int at, int words) {
        if (words == SHORT) {
            k[at] = addrs((int) srcLo, (int) dstLo);
            k[at + 1] = ports;
        } else {
            k[at] = srcHi;
            k[at + 1] = srcLo;
            k[at + 2] = dstHi;
            k[at + 3] = dstLo;
            k[at + 4] = ports;
        }
    }

    /** Packs packet {@code t} into the key of {@code words} words at {@code k[at]}. */
    static void pack(FiveTuple t, long[] k, int at, int words) {
        pack(t.srcHi(), t.srcLo(), t.dstHi(), t.dstLo(), ports(t), k, at, words);
    }

    static long srcHi(long[] k, int at, int words) {
        return words == SHORT ? 0L : k[at];
    }

    static long srcLo(long[] k, int at, int words) {
        return words == SHORT ? mapped((int) (k[at] >>> 32)) : k[at + 1];
    }

    static long dstHi(long[] k, int at, int words) {
        return words == SHORT ? 0L : k[at + 2];
    }

    static long dstLo(long[] k, int at, int words) {
        return words == SHORT ? mapped((int) k[at]) : k[at + 3];
    }

    /** Non-zero when the IPv6 key at {@code e[at]} differs from packet {@code t} with ports word {@code ports}. */
    static long differs(long[] e, int at, FiveTuple t, long ports) {
        return (e[at] ^ t.srcHi()) | (e[at + 1] ^ t.srcLo()) | (e[at + 2] ^ t.dstHi()) | (e[at + 3] ^ t.dstLo())
                | (e[at + 4] ^ ports);
    }

    /** Writes the inverse of IPv4 tuple {@code (addrs, ports)} into {@code out}: the translation a match yields. */
    static void writeInverse(long addrs, long ports, FiveTuple out) {
        out.setV4((int) addrs, dport(ports), (int) (addrs >>> 32), sport(ports), proto(ports));
    }

    /** Writes the inverse of IPv6 tuple {@code (srcHi, srcLo, dstHi, dstLo, ports)} into {@code out}. */
    static void writeInverse(long srcHi, long srcLo, long dstHi, long dstLo, long ports, FiveTuple out) {
        out.set(dstHi, dstLo, dport(ports), srcHi, srcLo, sport(ports), proto(ports));
    }

    /** Writes the inverse of the key of {@code words} words at {@code k[at]} into {@code out}. */
    static void writeInverse(long[] k, int at, int words, FiveTuple out) {
        if (words == SHORT) {
            writeInverse(k[at], k[at + 1], out);
        } else {
            writeInverse(k[at], k[at + 1], k[at + 2], k[at + 3], k[at + 4], out);
        }
    }
}
