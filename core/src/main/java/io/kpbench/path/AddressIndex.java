package io.kpbench.path;

import io.kpbench.net.IpAddress;
import io.kpbench.table.LinearProbeLongIntMap;
import java.util.Arrays;

/**
 * A map from IPv6 addresses, given as their two 64-bit halves, to small non-negative ints (a node or pod index);
 * allocation-free lookups.
 *
 * <p>A {@link LinearProbeLongIntMap} keyed by a 64-bit fold of the address points at a slot of the parallel
 * {@code hi}/{@code lo} arrays, where the address is confirmed; the rare address whose fold collides with an
 * earlier one goes to an overflow range searched linearly. IPv4 addresses stay in the caller's packed-int maps.
 */
final class AddressIndex {
    private final LinearProbeLongIntMap byFold = new LinearProbeLongIntMap(16, ClusterNetwork.NONE);
    private long[] hi = new long[8];
    private long[] lo = new long[8];
    private int[] value = new int[8];
    private int size;
    private int overflowFrom = -1;

    /** Maps {@code ip} to {@code v} unless it is already mapped. */
    void putIfAbsent(IpAddress ip, int v) {
        if (get(ip.hi(), ip.lo()) != ClusterNetwork.NONE) {
            return;
        }
        if (size == hi.length) {
            hi = Arrays.copyOf(hi, size * 2);
            lo = Arrays.copyOf(lo, size * 2);
            value = Arrays.copyOf(value, size * 2);
        }
        hi[size] = ip.hi();
        lo[size] = ip.lo();
        value[size] = v;
        long fold = fold(ip.hi(), ip.lo());
        if (byFold.get(fold) == ClusterNetwork.NONE) {
            byFold.put(fold, size);
        } else if (overflowFrom < 0) {
            overflowFrom = size;
        }
        size++;
    }

    /** The value of the address {@code (h, l)}, or {@link ClusterNetwork#NONE}; allocation-free. */
    int get(long h, long l) {
        int i = byFold.get(fold(h, l));
        if (i != ClusterNetwork.NONE && hi[i] == h && lo[i] == l) {
            return value[i];
        }
        return overflowFrom < 0 ? ClusterNetwork.NONE : overflowSlowPath(h, l);
    }

    private int overflowSlowPath(long h, long l) {
        for (int i = overflowFrom; i < size; i++) {
            if (hi[i] == h && lo[i] == l) {
                return value[i];
            }
        }
        return ClusterNetwork.NONE;
    }

    private static long fold(long h, long l) {
        return h * 0xC2B2_AE3D_27D4_EB4FL ^ l;
    }
}
