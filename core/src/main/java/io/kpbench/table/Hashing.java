package io.kpbench.table;

/**
 * The hash mixing functions of every table in kpbench, in one place, so that a table's hash is named by what it
 * is rather than by its constants.
 *
 * <ul>
 *   <li>{@link #homeSlot}: Fibonacci (multiply-shift) hashing, Knuth TAOCP 6.4; one multiply, for keys that are
 *       already well spread (packed addresses and ports) in power-of-two open-addressing tables.</li>
 *   <li>{@link #fmix64}: the MurmurHash3 64-bit finaliser (full avalanche), for seeds and composite keys.</li>
 *   <li>{@link #fnv1a64}: FNV-1a over the chars of a name, for control-plane keys such as backend names.</li>
 *   <li>{@link #keyedPair} and {@link #fold4}: a seeded hash of a packed two-long tuple, and the fold of two
 *       128-bit addresses into one long for it (the conntrack table's {@code hash_conntrack_raw}).</li>
 * </ul>
 *
 * <p>Kernel hashes that a mode reproduces on purpose (IPVS's {@code ip_vs_svc_hashkey}, the kernel's
 * {@code hash_32} golden ratio, siphash) stay with the mode that models them.
 */
public final class Hashing {
    /** 2^64 / phi, the Fibonacci hashing multiplier (odd). */
    public static final long GOLDEN_64 = 0x9E37_79B9_7F4A_7C15L;
    /** MurmurHash3's first fmix64 multiplier. */
    public static final long FMIX_1 = 0xFF51_AFD7_ED55_8CCDL;
    /** MurmurHash3's second fmix64 multiplier. */
    public static final long FMIX_2 = 0xC4CE_B9FE_1A85_EC53L;
    /** xxHash's PRIME64_2, used to decorrelate a second key word from the first. */
    public static final long PRIME64_2 = 0xC2B2_AE3D_27D4_EB4FL;
    /** xxHash's PRIME64_3. */
    public static final long PRIME64_3 = 0x1656_67B1_9E37_79F9L;
    /** xxHash's PRIME64_4. */
    public static final long PRIME64_4 = 0x85EB_CA77_C2B2_AE63L;
    /** The odd multiplier of {@link #keyedPair}'s multiply-xorshift finaliser. */
    public static final long PAIR_FINAL = 0xD6E8_FEB8_6659_FD93L;

    private static final long FNV_OFFSET = 0xCBF2_9CE4_8422_2325L;
    private static final long FNV_PRIME = 0x0000_0100_0000_01B3L;

    private Hashing() {
    }

    /** The home slot of {@code key} in a table of {@code 2^(64 - shift)} slots: Fibonacci hashing. */
    public static int homeSlot(long key, int shift) {
        return (int) ((key * GOLDEN_64) >>> shift);
    }

    /** The MurmurHash3 64-bit finaliser: every input bit affects every output bit. */
    public static long fmix64(long z) {
        z = (z ^ (z >>> 33)) * FMIX_1;
        z = (z ^ (z >>> 33)) * FMIX_2;
        return z ^ (z >>> 33);
    }

    /** FNV-1a over the UTF-16 chars of {@code s} (64-bit). */
    public static long fnv1a64(CharSequence s) {
        long h = FNV_OFFSET;
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * FNV_PRIME;
        }
        return h;
    }

    /**
     * A seeded 64-bit hash of a key packed into two longs (three multiplies): {@code a} keyed by {@code seed}, then
     * {@code b} rotated in, then a multiply-xorshift finaliser. Tables use its low bits as the home slot.
     */
    public static long keyedPair(long a, long b, long seed) {
        long h = (a ^ seed) * GOLDEN_64;
        h ^= Long.rotateLeft(b * PRIME64_2, 29);
        h ^= h >>> 32;
        h *= PAIR_FINAL;
        return h ^ (h >>> 29);
    }

    /** Folds four words (two 128-bit addresses) into one, each multiplied by its own odd constant and rotated. */
    public static long fold4(long w0, long w1, long w2, long w3) {
        return w0 * GOLDEN_64 ^ Long.rotateLeft(w1 * PRIME64_2, 17) ^ Long.rotateLeft(w2 * PRIME64_3, 31)
                ^ Long.rotateLeft(w3 * PRIME64_4, 47);
    }
}
