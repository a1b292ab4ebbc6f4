package io.kpbench.path;

import io.kpbench.net.IpAddress;
import io.kpbench.table.AddressLongMap;

/**
 * A map from IPv6 addresses, given as their two 64-bit halves, to small non-negative ints (a node or pod index);
 * allocation-free lookups.
 *
 * <p>The table is {@code table}'s {@link AddressLongMap} (the full 128-bit address as the key, one interleaved
 * array, linear probing); this class only fixes the value type and {@link ClusterNetwork#NONE} for a miss, as the
 * caller's packed-int maps for IPv4 addresses answer.
 */
final class AddressIndex {
    private final AddressLongMap byAddress = new AddressLongMap();

    /** Maps {@code ip} to {@code v} unless it is already mapped. */
    void putIfAbsent(IpAddress ip, int v) {
        if (!byAddress.contains(ip.hi(), ip.lo())) {
            byAddress.put(ip.hi(), ip.lo(), v);
        }
    }

    /** The value of the address {@code (h, l)}, or {@link ClusterNetwork#NONE}; allocation-free. */
    int get(long h, long l) {
        long v = byAddress.get(h, l);
        return v == AddressLongMap.MISSING ? ClusterNetwork.NONE : (int) v;
    }
}
