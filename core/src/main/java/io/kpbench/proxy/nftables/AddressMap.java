package io.kpbench.proxy.nftables;

import java.util.Arrays;

/**
 * A map from a 128-bit address (two longs, IPv4 in the {@code ::ffff:a.b.c.d} form) to a small int: the
 * {@code cluster-ips} and {@code nodeport-ips} sets (value 1), and the IPv6 address interning that turns
 * {@code ipv6_addr . inet_proto . inet_service} into one {@link VerdictMap} key.
 *
 * <p>Open addressing over one interleaved {@code long[]} of (hi, lo, value) triples, linear probing, a
 * power-of-two capacity at most half full, backward-shift deletion and no tombstones. The address
 * {@code ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff} (all ones, a reserved multicast address that is never a
 * service, node or client address) is the empty-slot sentinel.
 */
public final class AddressMap {
    /** The value {@link #get} returns for a missing address. */
    public static final int MISSING = -1;

    private static final long EMPTY = -1L;
    private static final int MIN_CAPACITY = 8;

    private long[] entries;
    private int size;

    /** An empty map. */
    public AddressMap() {
        entries = newEntries(MIN_CAPACITY);
    }

    /** The value of address {@code (hi, lo)}, or {@link #MISSING}; allocation-free. */
    public int get(long hi, long lo) {
        long[] e = entries;
        int mask = e.length / 3 - 1;
        int slot = hash(hi, lo) & mask;
        while (true) {
            int i = slot * 3;
            long h = e[i];
            long l = e[i + 1];
            if (h == hi && l == lo) {
                return (int) e[i + 2];
            }
            if (h == EMPTY && l == EMPTY) {
                return MISSING;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** True when the address is present. */
    public boolean contains(long hi, long lo) {
        return get(hi, lo) != MISSING;
    }

    /** Sets the address's value; returns the previous one or {@link #MISSING}. */
    public int put(long hi, long lo, int value) {
        if (hi == EMPTY && lo == EMPTY) {
            throw new IllegalArgumentException("the all-ones address is the empty-slot sentinel");
        }
        long[] e = entries;
        int mask = e.length / 3 - 1;
        int slot = hash(hi, lo) & mask;
        while (!(e[slot * 3] == EMPTY && e[slot * 3 + 1] == EMPTY)) {
            int i = slot * 3;
            if (e[i] == hi && e[i + 1] == lo) {
                int old = (int) e[i + 2];
                e[i + 2] = value;
                return old;
            }
            slot = (slot + 1) & mask;
        }
        int i = slot * 3;
        e[i] = hi;
        e[i + 1] = lo;
        e[i + 2] = value;
        if (++size > (mask + 1) >> 1) {
            resizeSlowPath((mask + 1) << 1);
        }
        return MISSING;
    }

    /** Removes the address; returns its value or {@link #MISSING}. */
    public int remove(long hi, long lo) {
        long[] e = entries;
        int mask = e.length / 3 - 1;
        int slot = hash(hi, lo) & mask;
        while (true) {
            int i = slot * 3;
            if (e[i] == EMPTY && e[i + 1] == EMPTY) {
                return MISSING;
            }
            if (e[i] == hi && e[i + 1] == lo) {
                int old = (int) e[i + 2];
                e[i] = EMPTY;
                e[i + 1] = EMPTY;
                size--;
                compactChain(e, slot, mask);
                return old;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** The number of addresses. */
    public int size() {
        return size;
    }

    private static void compactChain(long[] e, int deleted, int mask) {
        int hole = deleted;
        int slot = (deleted + 1) & mask;
        while (!(e[slot * 3] == EMPTY && e[slot * 3 + 1] == EMPTY)) {
            int home = hash(e[slot * 3], e[slot * 3 + 1]) & mask;
            if (((slot - home) & mask) >= ((slot - hole) & mask)) {
                System.arraycopy(e, slot * 3, e, hole * 3, 3);
                e[slot * 3] = EMPTY;
                e[slot * 3 + 1] = EMPTY;
                hole = slot;
            }
            slot = (slot + 1) & mask;
        }
    }

    private void resizeSlowPath(int newCapacity) {
        long[] old = entries;
        long[] e = newEntries(newCapacity);
        int mask = newCapacity - 1;
        for (int i = 0; i < old.length; i += 3) {
            if (!(old[i] == EMPTY && old[i + 1] == EMPTY)) {
                int slot = hash(old[i], old[i + 1]) & mask;
                while (!(e[slot * 3] == EMPTY && e[slot * 3 + 1] == EMPTY)) {
                    slot = (slot + 1) & mask;
                }
                System.arraycopy(old, i, e, slot * 3, 3);
            }
        }
        entries = e;
    }

    private static long[] newEntries(int capacity) {
        long[] e = new long[capacity * 3];
        Arrays.fill(e, EMPTY);
        return e;
    }

    static int hash(long hi, long lo) {
        return VerdictMap.hash(hi * 0xC2B2AE3D27D4EB4FL ^ lo);
    }
}
