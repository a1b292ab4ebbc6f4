package io.kpbench.table;

/**
 * A fixed-capacity session-affinity table: long key (client address and service) to an int value (backend or
 * endpoint) and a last-used timestamp, in one interleaved {@code long[]} (key, value, stamp) with linear probing
 * and backward-shift delete. Models Cilium's {@code cilium_lb4_affinity} map and the legacy userspace proxy's
 * per-service {@code affinityState} map.
 *
 * <p>The data path only looks up, refreshes and inserts, never deletes, and never grows: at {@code maxEntries}
 * further new clients are not recorded (counted in {@link #dropped()}), where Cilium's LRU map would evict.
 * Expired entries are overwritten in place when their client returns and purged by
 * {@link #removeIf} on sync. Concurrent writers race last-writer-wins, as the {@code DataPlane} seam allows.
 */
public final class AffinityTable {
    private static final long EMPTY = -1L;

    private final long[] entries;
    private final int mask;
    private final int shift;
    private final int maxEntries;
    private int size;
    private long dropped;

    /** A table holding at most {@code maxEntries} clients (capacity twice that, rounded up to a power of two). */
    public AffinityTable(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("affinity table needs at least one entry, got " + maxEntries);
        }
        int capacity = Integer.highestOneBit(Math.max(4, maxEntries * 2) * 2 - 1);
        this.entries = new long[capacity * 3];
        this.mask = capacity - 1;
        this.shift = 64 - Integer.numberOfTrailingZeros(capacity);
        this.maxEntries = maxEntries;
        for (int i = 1; i < entries.length; i += 3) {
            entries[i] = EMPTY;
        }
    }

    private int home(long key) {
        return (int) ((key * 0x9E37_79B9_7F4A_7C15L) >>> shift);
    }

    /**
     * The value stuck to {@code key} if it was last used less than {@code timeoutNanos} before {@code nowNanos}
     * (and refreshes its stamp, as Cilium and the userspace proxy do); otherwise -1. Allocation-free.
     */
    public int lookup(long key, long nowNanos, long timeoutNanos) {
        final long[] e = entries;
        final int m = mask;
        int i = home(key);
        while (true) {
            int base = 3 * i;
            long v = e[base + 1];
            if (v == EMPTY) {
                return -1;
            }
            if (e[base] == key) {
                if (nowNanos - e[base + 2] >= timeoutNanos) {
                    return -1;
                }
                e[base + 2] = nowNanos;
                return (int) v;
            }
            i = (i + 1) & m;
        }
    }

    /** Sticks {@code key} to {@code value} as of {@code nowNanos}; allocation-free, never grows. */
    public void record(long key, int value, long nowNanos) {
        final long[] e = entries;
        int i = home(key);
        while (true) {
            int base = 3 * i;
            if (e[base + 1] == EMPTY) {
                if (size >= maxEntries) {
                    dropped++;
                    return;
                }
                size++;
                e[base] = key;
                e[base + 1] = value & 0xFFFF_FFFFL;
                e[base + 2] = nowNanos;
                return;
            }
            if (e[base] == key) {
                e[base + 1] = value & 0xFFFF_FFFFL;
                e[base + 2] = nowNanos;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    /** The value stored for {@code key} regardless of age, or -1 (control plane and tests). */
    public int peek(long key) {
        int i = home(key);
        while (entries[3 * i + 1] != EMPTY) {
            if (entries[3 * i] == key) {
                return (int) entries[3 * i + 1];
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    /** Removes {@code key}; true when it was present. */
    public boolean remove(long key) {
        int i = home(key);
        while (entries[3 * i + 1] != EMPTY) {
            if (entries[3 * i] == key) {
                entries[3 * i + 1] = EMPTY;
                size--;
                compactChain(i);
                return true;
            }
            i = (i + 1) & mask;
        }
        return false;
    }

    private void compactChain(int hole) {
        int i = (hole + 1) & mask;
        while (entries[3 * i + 1] != EMPTY) {
            int h = home(entries[3 * i]);
            boolean movable = hole <= i ? h <= hole || h > i : h <= hole && h > i;
            if (movable) {
                System.arraycopy(entries, 3 * i, entries, 3 * hole, 3);
                entries[3 * i + 1] = EMPTY;
                hole = i;
            }
            i = (i + 1) & mask;
        }
    }

    /** Decides which entries {@link #removeIf} removes. */
    @FunctionalInterface
    public interface EntryFilter {
        /** True to remove the entry. */
        boolean remove(long key, int value, long lastUsedNanos);
    }

    /** Removes every entry {@code filter} selects (expired, or stuck to a removed backend); control plane only. */
    public int removeIf(EntryFilter filter) {
        long[] doomed = new long[Math.max(1, size)];
        int n = 0;
        for (int i = 0; i <= mask; i++) {
            int base = 3 * i;
            if (entries[base + 1] != EMPTY && filter.remove(entries[base], (int) entries[base + 1], entries[base + 2])) {
                doomed[n++] = entries[base];
            }
        }
        for (int k = 0; k < n; k++) {
            remove(doomed[k]);
        }
        return n;
    }

    /** The number of clients held. */
    public int size() {
        return size;
    }

    /** New clients not recorded because the table was full. */
    public long dropped() {
        return dropped;
    }

    /** The most clients held at once. */
    public int maxEntries() {
        return maxEntries;
    }
}
