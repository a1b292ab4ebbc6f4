package io.kpbench.table;

import java.util.Arrays;

/**
 * A set of long keys (or of key tuples of {@code width} 2 to 5 longs) in one interleaved array: power-of-two
 * capacity, linear probing, backward-shift delete, -1 in a row's first long as the empty sentinel; the
 * in-memory form of an ipset {@code hash:*} set. Widths 1 and 2 use {@link #contains}/{@link #add}/
 * {@link #remove}; widths 3 to 5 (the IPv6 forms: address halves, proto-port, second address halves) use the
 * {@code …Wide} methods, whose unused trailing arguments are 0.
 *
 * <p>Source: the Agrona {@code Long2LongHashMap} layout (interleaved keys, linear probing, backward-shift
 * {@code compactChain}); IPVS mode keeps its ipsets in it, where the kernel's ipset hash types use jhash
 * buckets instead, and the model counts one lookup per membership test either way. A hit costs one
 * {@link Hashing#GOLDEN_64}/{@link Hashing#PRIME64_2} multiply pair, one mixing multiply and, at load factor at
 * most 0.75, about 1.5 probes into one array. Reads are lock-free; writes come from the single-threaded sync.
 */
public final class LinearProbeLongTupleSet {
    /** The empty sentinel in a row's first long: -1 is never a member's first key. */
    public static final long EMPTY = -1L;
    /** The final mixing multiplier of {@link #hash} (odd; spreads the high bits into the slot index). */
    private static final long MIX = 0xD6E8_FEB8_6659_FD93L;

    private final int width;
    private long[] slots;
    private int mask;
    private int size;

    /** An empty set of tuples of {@code width} longs (1 to 5). */
    public LinearProbeLongTupleSet(int width) {
        this.width = width;
        this.slots = new long[16 * width];
        Arrays.fill(slots, EMPTY);
        this.mask = 15;
    }

    /** The number of members. */
    public int size() {
        return size;
    }

    private static int hashWide(long a, long b, long c, long d, long e) {
        return hash(a ^ c * Hashing.FMIX_1, b ^ (d * Hashing.FMIX_2 + e));
    }

    private int rowHash(long[] s, int row) {
        int w = width;
        int i = row * w;
        if (w <= 2) {
            return hash(s[i], w == 2 ? s[i + 1] : 0);
        }
        return hashWide(s[i], s[i + 1], s[i + 2], w > 3 ? s[i + 3] : 0, w > 4 ? s[i + 4] : 0);
    }

    private boolean rowEquals(long[] s, int row, long a, long b, long c, long d, long e) {
        int w = width;
        int i = row * w;
        return s[i] == a && s[i + 1] == b && s[i + 2] == c && (w < 4 || s[i + 3] == d) && (w < 5 || s[i + 4] == e);
    }

    /** True when the tuple is a member (widths 3 to 5). */
    public boolean containsWide(long a, long b, long c, long d, long e) {
        long[] s = slots;
        int m = mask;
        int w = width;
        for (int i = hashWide(a, b, c, d, e) & m;; i = (i + 1) & m) {
            long k = s[i * w];
            if (k == EMPTY) {
                return false;
            }
            if (k == a && rowEquals(s, i, a, b, c, d, e)) {
                return true;
            }
        }
    }

    /** Adds the tuple (widths 3 to 5); returns false when it was present. */
    public boolean addWide(long a, long b, long c, long d, long e) {
        if (containsWide(a, b, c, d, e)) {
            return false;
        }
        if ((size + 1) * 4 > (mask + 1) * 3) {
            rehash((mask + 1) * 2);
        }
        int w = width;
        int i = hashWide(a, b, c, d, e) & mask;
        while (slots[i * w] != EMPTY) {
            i = (i + 1) & mask;
        }
        int r = i * w;
        slots[r] = a;
        slots[r + 1] = b;
        slots[r + 2] = c;
        if (w > 3) {
            slots[r + 3] = d;
        }
        if (w > 4) {
            slots[r + 4] = e;
        }
        size++;
        return true;
    }

    /** Removes the tuple (widths 3 to 5) with backward-shift delete; returns false when it was absent. */
    public boolean removeWide(long a, long b, long c, long d, long e) {
        int i = hashWide(a, b, c, d, e) & mask;
        while (true) {
            long k = slots[i * width];
            if (k == EMPTY) {
                return false;
            }
            if (k == a && rowEquals(slots, i, a, b, c, d, e)) {
                break;
            }
            i = (i + 1) & mask;
        }
        compact(i);
        return true;
    }

    private static int hash(long a, long b) {
        long h = a * Hashing.GOLDEN_64 ^ b * Hashing.PRIME64_2;
        h ^= h >>> 32;
        h *= MIX;
        return (int) (h ^ (h >>> 29));
    }

    /** True when (a, b) is a member ({@code b} is ignored for width 1). */
    public boolean contains(long a, long b) {
        long[] s = slots;
        int m = mask;
        int w = width;
        for (int i = hash(a, w == 2 ? b : 0) & m;; i = (i + 1) & m) {
            long k = s[i * w];
            if (k == EMPTY) {
                return false;
            }
            if (k == a && (w == 1 || s[i * w + 1] == b)) {
                return true;
            }
        }
    }

    /** Adds (a, b); returns false when it was present. */
    public boolean add(long a, long b) {
        if ((size + 1) * 4 > (mask + 1) * 3) {
            rehash((mask + 1) * 2);
        }
        int w = width;
        for (int i = hash(a, w == 2 ? b : 0) & mask;; i = (i + 1) & mask) {
            long k = slots[i * w];
            if (k == EMPTY) {
                slots[i * w] = a;
                if (w == 2) {
                    slots[i * w + 1] = b;
                }
                size++;
                return true;
            }
            if (k == a && (w == 1 || slots[i * w + 1] == b)) {
                return false;
            }
        }
    }

    /** Removes (a, b) with backward-shift delete; returns false when it was absent. */
    public boolean remove(long a, long b) {
        int w = width;
        int i = hash(a, w == 2 ? b : 0) & mask;
        while (true) {
            long k = slots[i * w];
            if (k == EMPTY) {
                return false;
            }
            if (k == a && (w == 1 || slots[i * w + 1] == b)) {
                break;
            }
            i = (i + 1) & mask;
        }
        compact(i);
        return true;
    }

    /** Empties row {@code i} and shifts later rows of its cluster back (no tombstones). */
    private void compact(int i) {
        int w = width;
        int hole = i;
        for (int j = (hole + 1) & mask;; j = (j + 1) & mask) {
            long k = slots[j * w];
            if (k == EMPTY) {
                break;
            }
            int home = rowHash(slots, j) & mask;
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                System.arraycopy(slots, j * w, slots, hole * w, w);
                hole = j;
            }
        }
        Arrays.fill(slots, hole * w, hole * w + w, EMPTY);
        size--;
    }

    private void rehash(int cap) {
        long[] old = slots;
        slots = new long[cap * width];
        Arrays.fill(slots, EMPTY);
        mask = cap - 1;
        size = 0;
        int w = width;
        for (int i = 0; i < old.length; i += w) {
            if (old[i] != EMPTY) {
                int j = rowHash(old, i / w) & mask;
                while (slots[j * w] != EMPTY) {
                    j = (j + 1) & mask;
                }
                System.arraycopy(old, i, slots, j * w, w);
                size++;
            }
        }
    }

    /** Every member as a row of at least two longs, {a, b} for widths 1 and 2 (control plane, for rendering). */
    public long[][] members() {
        long[][] out = new long[size][];
        int n = 0;
        for (int i = 0; i < slots.length; i += width) {
            if (slots[i] != EMPTY) {
                out[n++] = width <= 2 ? new long[] {slots[i], width == 2 ? slots[i + 1] : 0}
                        : Arrays.copyOfRange(slots, i, i + width);
            }
        }
        return out;
    }
}
