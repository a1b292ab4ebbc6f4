package io.kpbench.proxy.nftables.nft;

import io.kpbench.net.Cidr;
import java.util.List;

/**
 * A few prefixes matched by a linear scan over primitive arrays: an nft anonymous set such as
 * {@code ip saddr != { 203.0.113.0/25 , 192.168.0.0/24 }} or a single {@code ip saddr 10.0.0.0/8}. These sets
 * hold a handful of entries, where a scan beats nft's interval tree; the cost is one compare per prefix.
 */
public final class CidrList {
    private final long[] baseHi;
    private final long[] baseLo;
    private final long[] maskHi;
    private final long[] maskLo;

    /** The prefixes of {@code cidrs}. */
    public CidrList(List<Cidr> cidrs) {
        int n = cidrs.size();
        baseHi = new long[n];
        baseLo = new long[n];
        maskHi = new long[n];
        maskLo = new long[n];
        for (int i = 0; i < n; i++) {
            Cidr c = cidrs.get(i);
            int bits = c.base().isV4() ? 96 + c.prefix() : c.prefix();
            maskHi[i] = bits >= 64 ? -1L : bits == 0 ? 0L : -1L << (64 - bits);
            maskLo[i] = bits <= 64 ? 0L : bits == 128 ? -1L : -1L << (128 - bits);
            baseHi[i] = c.base().hi();
            baseLo[i] = c.base().lo();
        }
    }

    /** True when address {@code (hi, lo)} is inside one of the prefixes; allocation-free. */
    public boolean contains(long hi, long lo) {
        long[] bh = baseHi;
        for (int i = 0; i < bh.length; i++) {
            if ((hi & maskHi[i]) == bh[i] && (lo & maskLo[i]) == baseLo[i]) {
                return true;
            }
        }
        return false;
    }

    /** The number of prefixes. */
    public int size() {
        return baseHi.length;
    }
}
