package io.kpbench.proxy.ebpf.maglev;

import io.kpbench.net.FiveTuple;
import io.kpbench.table.Hashing;

/**
 * Seeded 64-bit hashes for Maglev: of a packet's tuple (the lookup key, allocation-free) and of a backend name
 * (the two permutation hashes). Cilium hashes the tuple with {@code jhash} seeded from the last 8 bytes of
 * {@code --bpf-lb-maglev-hash-seed} and backend names with {@code murmur3.Hash128} seeded from its first 4 bytes
 * ({@code pkg/maglev/maglev.go}); this class chains {@link Hashing#fmix64} over the fields instead (three
 * finalisers per tuple), so tables are built the same way but are not bit-identical to Cilium's.
 *
 * <p>The tuple hash takes the source address, both ports and the protocol, and leaves the destination address out
 * on purpose, as Cilium 1.15's {@code __hash_from_tuple_v4}/{@code __hash_from_tuple_v6} do ({@code bpf/lib/hash.h},
 * unchanged through 1.19: {@code jhash_3words(saddr, dport << 16 | sport, nexthdr, seed)}): a client reaches the
 * same backend through every VIP of a service (an LB VIP and an external IP on the same port index identical
 * Maglev tables with the same hash).
 */
public final class TupleHash {
    private TupleHash() {
    }

    /**
     * The hash of {@code t} under {@code seed}: source address, ports and protocol, never the destination address
     * ({@code __hash_from_tuple_v4}); with {@code withSourcePort} false the source port is left out too, as Cilium
     * does for services with ClientIP affinity ({@code lb4_select_backend_id_maglev}, GH#26709). Allocation-free.
     */
    public static long of(FiveTuple t, long seed, boolean withSourcePort) {
        long h = Hashing.fmix64(seed ^ t.srcLo());
        h = Hashing.fmix64(h ^ t.srcHi());
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
