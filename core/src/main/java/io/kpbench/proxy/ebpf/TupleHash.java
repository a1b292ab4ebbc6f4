package io.kpbench.proxy.ebpf;

import io.kpbench.net.FiveTuple;

/**
 * Seeded 64-bit hashes for Maglev: of a packet's 5-tuple (the lookup key, allocation-free) and of a backend name
 * (the two permutation hashes). Cilium hashes the tuple with {@code jhash} seeded from the last 8 bytes of
 * {@code --bpf-lb-maglev-hash-seed} and backend names with {@code murmur3.Hash128} seeded from its first 4 bytes
 * ({@code pkg/maglev/maglev.go}); this class uses a multiply-xorshift finaliser instead, so tables are built the
 * same way but are not bit-identical to Cilium's.
 */
public final class TupleHash {
    private TupleHash() {
    }

    /** A 64-bit finaliser with full avalanche (the fmix64 step of MurmurHash3). */
    public static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51_AFD7_ED55_8CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CE_B9FE_1A85_EC53L;
        return z ^ (z >>> 33);
    }

    /**
     * The hash of {@code t} under {@code seed}; with {@code withSourcePort} false the source port is left out,
     * as Cilium does for services with ClientIP affinity (GH#26709). Allocation-free.
     */
    public static long of(FiveTuple t, long seed, boolean withSourcePort) {
        long h = mix(seed ^ t.srcLo());
        h = mix(h ^ t.srcHi() ^ t.dstLo());
        h = mix(h ^ t.dstHi());
        long ports = ((long) (withSourcePort ? t.srcPort() : 0) << 32) | ((long) t.dstPort() << 8) | t.protocol();
        return mix(h ^ ports);
    }

    /** The first permutation hash of a backend name (Maglev's {@code h1}, giving the offset). */
    public static long nameHash1(String name, long seed) {
        return mix(fnv(name) ^ seed);
    }

    /** The second permutation hash of a backend name (Maglev's {@code h2}, giving the skip). */
    public static long nameHash2(String name, long seed) {
        return mix(fnv(name) + 0x9E37_79B9_7F4A_7C15L ^ Long.rotateLeft(seed, 32));
    }

    private static long fnv(String s) {
        long h = 0xCBF2_9CE4_8422_2325L;
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x0000_0100_0000_01B3L;
        }
        return h;
    }
}
