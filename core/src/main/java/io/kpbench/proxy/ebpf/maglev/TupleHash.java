package io.kpbench.proxy.ebpf.maglev;

import io.kpbench.net.FiveTuple;
import io.kpbench.table.Hashing;

/**
 * Seeded 64-bit hashes for Maglev: of a packet's 5-tuple (the lookup key, allocation-free) and of a backend name
 * (the two permutation hashes). Cilium hashes the tuple with {@code jhash} seeded from the last 8 bytes of
 * {@code --bpf-lb-maglev-hash-seed} and backend names with {@code murmur3.Hash128} seeded from its first 4 bytes
 * ({@code pkg/maglev/maglev.go}); this class chains {@link Hashing#fmix64} over the fields instead (four
 * finalisers per tuple), so tables are built the same way but are not bit-identical to Cilium's.
 */
public final class TupleHash {
    private TupleHash() {
    }

    /**
     * The hash of {@code t} under {@code seed}; with {@code withSourcePort} false the source port is left out,
     * as Cilium does for services with ClientIP affinity (GH#26709). Allocation-free.
     */
    public static long of(FiveTuple t, long seed, boolean withSourcePort) {
        long h = Hashing.fmix64(seed ^ t.srcLo());
        h = Hashing.fmix64(h ^ t.srcHi() ^ t.dstLo());
        h = Hashing.fmix64(h ^ t.dstHi());
        long ports = ((long) (withSourcePort ? t.srcPort() : 0) << 32) | ((long) t.dstPort() << 8) | t.protocol();
        return Hashing.fmix64(h ^ ports);
    }

    /** The first permutation hash of a backend name (Maglev's {@code h1}, giving the offset). */
    public static long nameHash1(String name, long seed) {
        return Hashing.fmix64(Hashing.fnv1a64(name) ^ seed);
    }

    /** The second permutation hash of a backend name (Maglev's {@code h2}, giving the skip). */
    public static long nameHash2(String name, long seed) {
        return Hashing.fmix64(Hashing.fnv1a64(name) + Hashing.GOLDEN_64 ^ Long.rotateLeft(seed, 32));
    }
}
