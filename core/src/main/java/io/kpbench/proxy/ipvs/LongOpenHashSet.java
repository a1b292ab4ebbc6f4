package io.kpbench.proxy.ipvs;

import java.util.Arrays;

/**
 * A set of long keys (or of key pairs, when {@code width} is 2) in one interleaved array: power-of-two
 * capacity, linear probing, backward-shift delete, -1 as the empty sentinel; the in-memory form of an
 * ipset {@code hash:*} set.
 *
 * <p>Source: the Agrona {@code Long2LongHashMap} layout (house style §9); the kernel's ipset hash types use
 * jhash buckets instead, and this model counts one lookup per membership test either way. Reads are
 * lock-free; writes come from the single-threaded sync.
 */
final class LongOpenHashSet {
    static final long EMPTY = -1L;

    private final int width;
    private long[] slots;
    private int mask;
    private int size;

    LongOpenHashSet(int width) {
        this.width = width;
        this.slots = new long[16 * width];
        Arrays.fill(slots, EMPTY);
        this.mask = 15;
    }

    /** The number of members. */
    int size() {
        return size;
    }

    private static int hash(long a, long b) {
        long h = a * 0x9E3779B97F4A7C15L ^ b * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 32;
        h *= 0xD6E8FEB86659FD93L;
        return (int) (h ^ (h >>> 29));
    }

    /** True when (a, b) is a member ({@code b} is ignored for width 1). */
    boolean contains(long a, long b) {
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
    boolean add(long a, long b) {
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
    boolean remove(long a, long b) {
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
        int hole = i;
        for (int j = (hole + 1) & mask;; j = (j + 1) & mask) {
            long k = slots[j * w];
            if (k == EMPTY) {
                break;
            }
            int home = hash(k, w == 2 ? slots[j * w + 1] : 0) & mask;
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                System.arraycopy(slots, j * w, slots, hole * w, w);
                hole = j;
            }
        }
        slots[hole * w] = EMPTY;
        if (w == 2) {
            slots[hole * w + 1] = EMPTY;
        }
        size--;
        return true;
    }

    private void rehash(int cap) {
        long[] old = slots;
        slots = new long[cap * width];
        Arrays.fill(slots, EMPTY);
        mask = cap - 1;
        size = 0;
        for (int i = 0; i < old.length; i += width) {
            if (old[i] != EMPTY) {
                add(old[i], width == 2 ? old[i + 1] : 0);
            }
        }
    }

    /** Every member as {a, b} pairs (control plane, for rendering). */
    long[][] members() {
        long[][] out = new long[size][];
        int n = 0;
        for (int i = 0; i < slots.length; i += width) {
            if (slots[i] != EMPTY) {
                out[n++] = new long[] {slots[i], width == 2 ? slots[i + 1] : 0};
            }
        }
        return out;
    }
}
