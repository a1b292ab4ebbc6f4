package io.kpbench.proxy.nftables;

import java.util.Arrays;

/**
 * The client addresses stuck to one endpoint, each with an expiry time: kube-proxy's per-endpoint
 * {@code affinity-...} set ({@code flags dynamic,timeout ; timeout Ns}), filled by {@code update @set { ip saddr }}
 * and read by {@code ip saddr @set goto endpoint-...}.
 *
 * <p>Open addressing over one interleaved {@code long[]} of (hi, lo, expiresAt) triples, linear probing and a
 * power-of-two capacity at most half full; times come from the caller's clock. Expired entries stay in place
 * until their client is seen again (the update rewrites the slot) or the table would grow, when they are purged
 * ({@link #insertSlowPath}), as nft's garbage collection would. Readers on other threads see the array they
 * loaded, so racy updates are last-writer-wins and never out of bounds. The all-ones address is the empty-slot
 * sentinel, as in {@link AddressMap}.
 */
public final class AffinityTable {
    private static final long EMPTY = -1L;
    private static final int MIN_CAPACITY = 16;

    private final long timeoutNanos;
    private final int timeoutSeconds;
    private long[] entries;
    private int size;

    /** An empty set whose elements live {@code timeoutSeconds}. */
    public AffinityTable(int timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
        this.timeoutNanos = timeoutSeconds * 1_000_000_000L;
        this.entries = newEntries(MIN_CAPACITY);
    }

    /** The set's timeout in seconds. */
    public int timeoutSeconds() {
        return timeoutSeconds;
    }

    /** True when client {@code (hi, lo)} is in the set and not expired at {@code now}; allocation-free. */
    public boolean contains(long hi, long lo, long now) {
        long[] e = entries;
        int mask = e.length / 3 - 1;
        int slot = AddressMap.hash(hi, lo) & mask;
        while (true) {
            int i = slot * 3;
            long h = e[i];
            long l = e[i + 1];
            if (h == hi && l == lo) {
                return e[i + 2] - now > 0;
            }
            if (h == EMPTY && l == EMPTY) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Adds client {@code (hi, lo)} or refreshes its timeout; allocates only when the table must grow. */
    public void update(long hi, long lo, long now) {
        long[] e = entries;
        int mask = e.length / 3 - 1;
        int slot = AddressMap.hash(hi, lo) & mask;
        while (true) {
            int i = slot * 3;
            long h = e[i];
            long l = e[i + 1];
            if (h == hi && l == lo) {
                e[i + 2] = now + timeoutNanos;
                return;
            }
            if (h == EMPTY && l == EMPTY) {
                break;
            }
            slot = (slot + 1) & mask;
        }
        if (size + 1 > (mask + 1) >> 1) {
            insertSlowPath(hi, lo, now);
            return;
        }
        int i = slot * 3;
        e[i + 2] = now + timeoutNanos;
        e[i + 1] = lo;
        e[i] = hi;
        size++;
    }

    /** The number of entries, expired or not. */
    public int size() {
        return size;
    }

    /** Purges expired entries, grows when still more than half full, then inserts. */
    private synchronized void insertSlowPath(long hi, long lo, long now) {
        long[] old = entries;
        int live = 0;
        for (int i = 0; i < old.length; i += 3) {
            if (!(old[i] == EMPTY && old[i + 1] == EMPTY) && old[i + 2] - now > 0) {
                live++;
            }
        }
        int capacity = old.length / 3;
        while (live + 1 > capacity >> 2) {
            capacity <<= 1;
        }
        long[] e = newEntries(capacity);
        int mask = capacity - 1;
        int n = 0;
        for (int i = 0; i < old.length; i += 3) {
            if (!(old[i] == EMPTY && old[i + 1] == EMPTY) && old[i + 2] - now > 0) {
                place(e, mask, old[i], old[i + 1], old[i + 2]);
                n++;
            }
        }
        place(e, mask, hi, lo, now + timeoutNanos);
        size = n + 1;
        entries = e;
    }

    private static void place(long[] e, int mask, long hi, long lo, long expiresAt) {
        int slot = AddressMap.hash(hi, lo) & mask;
        while (!(e[slot * 3] == EMPTY && e[slot * 3 + 1] == EMPTY)) {
            slot = (slot + 1) & mask;
        }
        e[slot * 3] = hi;
        e[slot * 3 + 1] = lo;
        e[slot * 3 + 2] = expiresAt;
    }

    private static long[] newEntries(int capacity) {
        long[] e = new long[capacity * 3];
        Arrays.fill(e, EMPTY);
        return e;
    }
}
