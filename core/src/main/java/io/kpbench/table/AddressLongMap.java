package io.kpbench.table;

import java.util.Arrays;

/**
 * A map from a 128-bit address (two longs; IPv4 as {@code ::ffff:a.b.c.d}) to a long, in one interleaved
 * {@code long[]} of (hi, lo, value) triples with linear probing, a power-of-two capacity at most half full and
 * backward-shift delete (Agrona {@code Int2IntHashMap}'s {@code compactChain}); no tombstones. The all-ones
 * address (reserved multicast, never a client, node or service address) is the empty-slot sentinel.
 *
 * <p>It serves the nft address sets, IPv6 address interning ({@code cluster-ips}, {@code nodeport-ips}, value
 * an id), the walk's IPv6 node and pod indexes and, with the value a last-seen time, the source-address lists of netfilter's {@code xt_recent}
 * ({@code --set}/{@code --rcheck}, at most 100 entries, the least recently seen evicted) and nft's dynamic
 * {@code affinity-...} sets ({@code update @set}, expired entries purged when the table would grow). Those two
 * differ only in {@code maxEntries} and {@code expiryNanos}. Lookups allocate nothing; a reader racing a writer
 * sees the array it loaded (last writer wins, as the data-plane seam allows).
 */
public final class AddressLongMap {
    /** What {@link #get} returns for an absent address. */
    public static final long MISSING = Long.MIN_VALUE;

    private static final long EMPTY = -1L;
    private static final int MIN_CAPACITY = 8;

    private final int maxEntries;
    private final long expiryNanos;
    private long[] entries;
    private int size;

    /** An unbounded map (an nft address set). */
    public AddressLongMap() {
        this(Integer.MAX_VALUE, 0L);
    }

    /**
     * A map of last-seen times: at most {@code maxEntries} addresses (the least recently seen evicted first), and
     * entries not seen for {@code expiryNanos} (when positive) purged instead of growing the table.
     */
    public AddressLongMap(int maxEntries, long expiryNanos) {
        this.maxEntries = maxEntries;
        this.expiryNanos = expiryNanos;
        this.entries = newEntries(MIN_CAPACITY);
    }

    /** The value of address {@code (hi, lo)}, or {@link #MISSING}; allocation-free. */
    public long get(long hi, long lo) {
        final long[] e = entries;
        final int mask = e.length / 3 - 1;
        for (int slot = home(hi, lo, mask);; slot = (slot + 1) & mask) {
            final int i = slot * 3;
            final long h = e[i];
            final long l = e[i + 1];
            if (h == hi && l == lo) {
                return e[i + 2];
            }
            if (h == EMPTY && l == EMPTY) {
                return MISSING;
            }
        }
    }

    /** True when the address is present. */
    public boolean contains(long hi, long lo) {
        return get(hi, lo) != MISSING;
    }

    /**
     * True when the address's value (a last-seen time) is less than {@code expiryNanos} before {@code now}: a live
     * element of an nft dynamic set with a timeout. Allocation-free.
     */
    public boolean seenWithin(long hi, long lo, long now) {
        long seen = get(hi, lo);
        return seen != MISSING && now - seen < expiryNanos;
    }

    /** The expiry this map was built with (0 when entries never expire). */
    public long expiryNanos() {
        return expiryNanos;
    }

    /** Sets the address's value; returns the previous one or {@link #MISSING}. Allocates only to grow. */
    public long put(long hi, long lo, long value) {
        if (hi == EMPTY && lo == EMPTY) {
            throw new IllegalArgumentException("the all-ones address is the empty-slot sentinel");
        }
        final long[] e = entries;
        final int mask = e.length / 3 - 1;
        int slot = home(hi, lo, mask);
        while (!(e[slot * 3] == EMPTY && e[slot * 3 + 1] == EMPTY)) {
            final int i = slot * 3;
            if (e[i] == hi && e[i + 1] == lo) {
                long old = e[i + 2];
                e[i + 2] = value;
                return old;
            }
            slot = (slot + 1) & mask;
        }
        if (size >= maxEntries || size + 1 > (mask + 1) >> 1) {
            insertSlowPath(hi, lo, value);
            return MISSING;
        }
        final int i = slot * 3;
        e[i + 2] = value;
        e[i + 1] = lo;
        e[i] = hi;
        size++;
        return MISSING;
    }

    /** Removes the address; returns its value or {@link #MISSING}. */
    public long remove(long hi, long lo) {
        final long[] e = entries;
        final int mask = e.length / 3 - 1;
        for (int slot = home(hi, lo, mask);; slot = (slot + 1) & mask) {
            final int i = slot * 3;
            if (e[i] == EMPTY && e[i + 1] == EMPTY) {
                return MISSING;
            }
            if (e[i] == hi && e[i + 1] == lo) {
                long old = e[i + 2];
                removeAt(e, slot, mask);
                return old;
            }
        }
    }

    /** The number of addresses held. */
    public int size() {
        return size;
    }

    /** The number of slots (a power of two). */
    public int capacity() {
        return entries.length / 3;
    }

    /** Evicts the least recently seen when full, else purges expired entries and grows if still half full. */
    private synchronized void insertSlowPath(long hi, long lo, long value) {
        if (size >= maxEntries) {
            evictOldest();
        } else {
            rebuild(value);
        }
        put(hi, lo, value);
    }

    private void evictOldest() {
        final long[] e = entries;
        int oldest = -1;
        for (int i = 0; i < e.length; i += 3) {
            if (!(e[i] == EMPTY && e[i + 1] == EMPTY) && (oldest < 0 || e[i + 2] < e[oldest + 2])) {
                oldest = i;
            }
        }
        if (oldest >= 0) {
            removeAt(e, oldest / 3, e.length / 3 - 1);
        }
    }

    /** Copies the live entries (those seen within {@link #expiryNanos} of {@code now}) into a roomier array. */
    private void rebuild(long now) {
        final long[] old = entries;
        int live = 0;
        for (int i = 0; i < old.length; i += 3) {
            if (live(old, i, now)) {
                live++;
            }
        }
        int capacity = old.length / 3;
        while (live + 1 > capacity >> 1) {
            capacity <<= 1;
        }
        final long[] e = newEntries(capacity);
        final int mask = capacity - 1;
        for (int i = 0; i < old.length; i += 3) {
            if (live(old, i, now)) {
                int slot = home(old[i], old[i + 1], mask);
                while (!(e[slot * 3] == EMPTY && e[slot * 3 + 1] == EMPTY)) {
                    slot = (slot + 1) & mask;
                }
                System.arraycopy(old, i, e, slot * 3, 3);
            }
        }
        size = live;
        entries = e;
    }

    private boolean live(long[] e, int i, long now) {
        return !(e[i] == EMPTY && e[i + 1] == EMPTY) && (expiryNanos <= 0 || now - e[i + 2] < expiryNanos);
    }

    /** Backward-shift delete of slot {@code deleted}: later members of its probe chain move into the hole. */
    private void removeAt(long[] e, int deleted, int mask) {
        int hole = deleted;
        for (int slot = (deleted + 1) & mask; !(e[slot * 3] == EMPTY && e[slot * 3 + 1] == EMPTY);
                slot = (slot + 1) & mask) {
            int home = home(e[slot * 3], e[slot * 3 + 1], mask);
            if (((slot - home) & mask) >= ((slot - hole) & mask)) {
                System.arraycopy(e, slot * 3, e, hole * 3, 3);
                hole = slot;
            }
        }
        e[hole * 3] = EMPTY;
        e[hole * 3 + 1] = EMPTY;
        e[hole * 3 + 2] = EMPTY;
        size--;
    }

    private static int home(long hi, long lo, int mask) {
        return (int) Hashing.fmix64(hi * Hashing.GOLDEN_64 ^ lo) & mask;
    }

    private static long[] newEntries(int capacity) {
        long[] e = new long[capacity * 3];
        Arrays.fill(e, EMPTY);
        return e;
    }
}
