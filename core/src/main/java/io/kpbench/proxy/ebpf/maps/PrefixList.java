package io.kpbench.proxy.ebpf.maps;

import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import java.util.Arrays;
import java.util.List;

/**
 * A short list of IPv4/IPv6 prefixes in the 128-bit form of {@link IpAddress}, scanned linearly and
 * allocation-free: the pod CIDRs and node IPs that tell in-cluster from external sources (Cilium's ipcache
 * identity lookup), and the per-service {@code loadBalancerSourceRanges} (Cilium's {@code cilium_lb4_source_range}
 * LPM trie, keyed by rev-NAT id and source prefix). Cost: one masked compare per prefix.
 */
public final class PrefixList {
    private long[] hi = new long[4];
    private long[] lo = new long[4];
    private long[] maskHi = new long[4];
    private long[] maskLo = new long[4];
    private int size;

    /** Appends {@code c}; returns its index. */
    public int add(Cidr c) {
        int bits = c.family() == IpFamily.IPv4 ? 96 + c.prefix() : c.prefix();
        return add(c.base().hi(), c.base().lo(), bits);
    }

    /** Appends the single address {@code ip}; returns its index. */
    public int add(IpAddress ip) {
        return add(ip.hi(), ip.lo(), 128);
    }

    private int add(long h, long l, int bits) {
        if (size == hi.length) {
            hi = Arrays.copyOf(hi, size * 2);
            lo = Arrays.copyOf(lo, size * 2);
            maskHi = Arrays.copyOf(maskHi, size * 2);
            maskLo = Arrays.copyOf(maskLo, size * 2);
        }
        long mh = bits >= 64 ? -1L : bits == 0 ? 0L : -1L << (64 - bits);
        long ml = bits <= 64 ? 0L : bits == 128 ? -1L : -1L << (128 - bits);
        hi[size] = h & mh;
        lo[size] = l & ml;
        maskHi[size] = mh;
        maskLo[size] = ml;
        return size++;
    }

    /** Appends every prefix of {@code cidrs}. */
    public void addAll(List<Cidr> cidrs) {
        for (Cidr c : cidrs) {
            add(c);
        }
    }

    /** True when any prefix contains the address {@code (h, l)}. */
    public boolean contains(long h, long l) {
        return containsIn(0, size, h, l);
    }

    /** True when one of the prefixes {@code [from, from + count)} contains {@code (h, l)}. */
    public boolean containsIn(int from, int count, long h, long l) {
        final long[] ph = hi;
        final long[] pl = lo;
        final long[] mh = maskHi;
        final long[] ml = maskLo;
        for (int i = from, end = from + count; i < end; i++) {
            if ((h & mh[i]) == ph[i] && (l & ml[i]) == pl[i]) {
                return true;
            }
        }
        return false;
    }

    /** The number of prefixes. */
    public int size() {
        return size;
    }

    /** The text of prefix {@code i} ({@code addr/len}). */
    public String text(int i) {
        IpAddress base = new IpAddress(hi[i], lo[i]);
        int bits = Long.bitCount(maskHi[i]) + Long.bitCount(maskLo[i]);
        return base + "/" + (base.isV4() ? bits - 96 : bits);
    }
}
