package io.kpbench.cluster.synthetic;

import java.util.BitSet;
import java.util.SplittableRandom;

/**
 * A bitmap of offsets {@code 0..size-1} that hands out free offsets as kube-apiserver's service IP and node-port
 * allocators do: a random start, then the next free bit, first in the dynamic upper band and only then in the low
 * band kept for static allocation ({@code min(max(16, size/step), max)} offsets, KEP-3070 and KEP-3668).
 */
final class BitmapAllocator {
    private final BitSet used;
    private final int size;
    private final int band;
    private final SplittableRandom rng;

    /** An empty bitmap of {@code size} offsets whose first {@code band} are the static band. */
    BitmapAllocator(int size, int band, SplittableRandom rng) {
        this.used = new BitSet(size);
        this.size = size;
        this.band = Math.min(band, size);
        this.rng = rng;
    }

    /** The static band of a service CIDR of {@code cidrSize} addresses: step 16, between 16 and 256. */
    static int serviceIpBand(long cidrSize) {
        return staticBand(cidrSize, 16, 256, 16);
    }

    /** The static band of a node-port range of {@code rangeSize} ports: step 32, between 16 and 128. */
    static int nodePortBand(long rangeSize) {
        return staticBand(rangeSize, 16, 128, 32);
    }

    private static int staticBand(long size, int min, int max, int step) {
        if (size <= min) {
            return 0;
        }
        return (int) Math.max(min, Math.min(max, size / step));
    }

    /** Marks {@code offset} as taken (a reserved address, such as the {@code kubernetes} service's). */
    void reserve(int offset) {
        used.set(offset);
    }

    /** A free offset, now taken, or -1 when the bitmap is full. */
    int allocateNext() {
        int o = scan(band, size);
        if (o < 0) {
            o = scan(0, band);
        }
        if (o >= 0) {
            used.set(o);
        }
        return o;
    }

    private int scan(int from, int to) {
        if (from >= to) {
            return -1;
        }
        int start = from + rng.nextInt(to - from);
        int o = used.nextClearBit(start);
        if (o < to) {
            return o;
        }
        o = used.nextClearBit(from);
        return o < start ? o : -1;
    }
}
