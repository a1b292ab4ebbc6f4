package io.kpbench.conntrack;

import io.kpbench.net.FiveTuple;

/**
 * An IPv4 conntrack tuple packed into two longs, and its hash.
 *
 * <p>Source: Linux {@code struct nf_conntrack_tuple} (src addr/port, dst addr/port, protocol) and
 * {@code nf_conntrack_core.c hash_conntrack_raw} (a keyed hash of the whole tuple, seeded per boot with
 * {@code nf_conntrack_hash_rnd}); we use a seeded multiply-xorshift finaliser instead of siphash.
 *
 * <p>{@code addrs = src << 32 | dst}; {@code ports = proto << 32 | sport << 16 | dport}. Inverting a tuple (the
 * kernel's {@code nf_ct_invert_tuple}) swaps the halves.
 */
final class TupleKey {
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

    static int src(long addrs) {
        return (int) (addrs >>> 32);
    }

    static int dst(long addrs) {
        return (int) addrs;
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

    static long invertAddrs(long addrs) {
        return Long.rotateLeft(addrs, 32);
    }

    static long invertPorts(long ports) {
        return (ports & 0xFF_0000_0000L) | ((ports & 0xFFFF) << 16) | ((ports >>> 16) & 0xFFFF);
    }

    /** Writes the inverse of tuple {@code (addrs, ports)} into {@code out}: the translation a match yields. */
    static void writeInverse(long addrs, long ports, FiveTuple out) {
        out.setV4(dst(addrs), dport(ports), src(addrs), sport(ports), proto(ports));
    }

    static int hash(long addrs, long ports, long seed) {
        long h = (addrs ^ seed) * 0x9E37_79B9_7F4A_7C15L;
        h ^= Long.rotateLeft(ports * 0xC2B2_AE3D_27D4_EB4FL, 29);
        h ^= h >>> 32;
        h *= 0xD6E8_FEB8_6659_FD93L;
        h ^= h >>> 32;
        return (int) h;
    }
}
