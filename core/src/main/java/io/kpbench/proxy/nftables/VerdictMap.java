package io.kpbench.proxy.nftables;

import java.util.Arrays;

/**
 * A verdict map from a packed primitive key to a small int (a chain id, or {@link #DROP}): the in-memory form of
 * an nft {@code map ... : verdict} such as {@code service-ips} ({@code ipv4_addr . inet_proto . inet_service}).
 *
 * <p>Open addressing over one interleaved {@code long[]} (key, value) with linear probing, a power-of-two
 * capacity, a load factor of at most 1/2 and backward-shift deletion, so there are no tombstones and a lookup
 * touches on average about 1.5 slots (Agrona {@code Int2IntHashMap}, {@code compactChain}). The key {@code -1}
 * is the empty-slot sentinel: every key kube-proxy's maps concatenate ({@code addr << 32 | proto << 16 | port})
 * has bits 24-31 clear, so it can never be {@code -1}.
 */
public final class VerdictMap {
    /** The value {@link #get} returns for a missing key. */
    public static final int MISSING = -1;
    /** The {@code drop} verdict. */
    public static final int DROP = -2;

    private static final long EMPTY = -1L;
    private static final int MIN_CAPACITY = 8;

    private long[] entries;
    private int size;

    /** An empty map. */
    public VerdictMap() {
        entries = newEntries(MIN_CAPACITY);
    }

    /** The value of {@code key}, or {@link #MISSING}; allocation-free. */
    public int get(long key) {
        long[] e = entries;
        int mask = (e.length >> 1) - 1;
        int slot = hash(key) & mask;
        while (true) {
            long k = e[slot << 1];
            if (k == key) {
                return (int) e[(slot << 1) + 1];
            }
            if (k == EMPTY) {
                return MISSING;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Sets {@code key} to {@code value}; returns the previous value or {@link #MISSING}. */
    public int put(long key, int value) {
        if (key == EMPTY) {
            throw new IllegalArgumentException("key -1 is the empty-slot sentinel");
        }
        long[] e = entries;
        int mask = (e.length >> 1) - 1;
        int slot = hash(key) & mask;
        while (e[slot << 1] != EMPTY) {
            if (e[slot << 1] == key) {
                int old = (int) e[(slot << 1) + 1];
                e[(slot << 1) + 1] = value;
                return old;
            }
            slot = (slot + 1) & mask;
        }
        e[slot << 1] = key;
        e[(slot << 1) + 1] = value;
        if (++size > (mask + 1) >> 1) {
            resizeSlowPath((mask + 1) << 1);
        }
        return MISSING;
    }

    /** Removes {@code key}; returns its value or {@link #MISSING}. */
    public int remove(long key) {
        long[] e = entries;
        int mask = (e.length >> 1) - 1;
        int slot = hash(key) & mask;
        while (true) {
            long k = e[slot << 1];
            if (k == EMPTY) {
                return MISSING;
            }
            if (k == key) {
                int old = (int) e[(slot << 1) + 1];
                e[slot << 1] = EMPTY;
                size--;
                compactChain(e, slot, mask);
                return old;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** The number of keys. */
    public int size() {
        return size;
    }

    /** The number of slots (a power of two). */
    public int capacity() {
        return entries.length >> 1;
    }

    /** Removes every key. */
    public void clear() {
        entries = newEntries(MIN_CAPACITY);
        size = 0;
    }

    /** Shifts later members of the probe chain back over the hole at {@code deleted}. */
    private static void compactChain(long[] e, int deleted, int mask) {
        int hole = deleted;
        int slot = (deleted + 1) & mask;
        while (e[slot << 1] != EMPTY) {
            int home = hash(e[slot << 1]) & mask;
            if (((slot - home) & mask) >= ((slot - hole) & mask)) {
                e[hole << 1] = e[slot << 1];
                e[(hole << 1) + 1] = e[(slot << 1) + 1];
                e[slot << 1] = EMPTY;
                hole = slot;
            }
            slot = (slot + 1) & mask;
        }
    }

    private void resizeSlowPath(int newCapacity) {
        long[] old = entries;
        long[] e = newEntries(newCapacity);
        int mask = newCapacity - 1;
        for (int i = 0; i < old.length; i += 2) {
            long k = old[i];
            if (k != EMPTY) {
                int slot = hash(k) & mask;
                while (e[slot << 1] != EMPTY) {
                    slot = (slot + 1) & mask;
                }
                e[slot << 1] = k;
                e[(slot << 1) + 1] = old[i + 1];
            }
        }
        entries = e;
    }

    private static long[] newEntries(int capacity) {
        long[] e = new long[capacity << 1];
        Arrays.fill(e, EMPTY);
        return e;
    }

    /** A 64-bit mix (murmur3 finaliser) folded to an int. */
    static int hash(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 32));
    }
}
