package io.kpbench.bench;

import java.util.SplittableRandom;

/**
 * A dependent pointer chase over a working set of {@code bytes} bytes: an {@code int[]} in which the first int of
 * every 64-byte line holds the index of the next line's first int, the lines linked in one random cycle. Each
 * load's address is the previous load's value, so the out-of-order core cannot overlap two of them: following
 * the chain measures the latency of one cache-line load at that working set (L1, L2, L3 or DRAM, plus a page
 * walk once the set outgrows the TLB), the classic lmbench {@code lat_mem_rd} / Drepper ("What every programmer
 * should know about memory", 2007, section 3.3) experiment with a random rather than a strided order, so that
 * the hardware prefetchers cannot predict the next line.
 *
 * <p>The cycle is Sattolo's algorithm (a uniformly random cyclic permutation: every line is visited once per
 * round, whatever the seed), run in place over the line slots, so building needs no memory beyond the working
 * set itself: {@code bytes / 64} swaps, 16Mi of them at 1 GiB. The slots are 4-byte aligned ints 64 bytes apart, at
 * one fixed offset from the physical line boundaries (the array header): each slot is in its own cache line, and
 * none straddles two.
 */
public final class PointerChase {
    /** Bytes per cache line on x86-64 and most arm64 cores. */
    public static final int LINE_BYTES = 64;
    /** Ints per line: the stride between two slots. */
    static final int STRIDE = LINE_BYTES / Integer.BYTES;

    private final int[] next;
    private final int lines;

    /**
     * Links every line of a {@code bytes}-byte working set into one random cycle drawn from {@code seed}.
     *
     * @param bytes the working set, a positive multiple of {@value #LINE_BYTES}
     */
    public PointerChase(long bytes, long seed) {
        if (bytes < LINE_BYTES || bytes % LINE_BYTES != 0 || bytes / Integer.BYTES > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the working set must be a positive multiple of " + LINE_BYTES
                    + " bytes, at most 8 GiB: " + bytes);
        }
        lines = (int) (bytes / LINE_BYTES);
        next = new int[(int) (bytes / Integer.BYTES)];
        for (int i = 0; i < lines; i++) {
            next[i * STRIDE] = i * STRIDE;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = lines - 1; i > 0; i--) {
            int j = random.nextInt(i);
            int a = i * STRIDE;
            int b = j * STRIDE;
            int t = next[a];
            next[a] = next[b];
            next[b] = t;
        }
    }

    /** The lines in the cycle (one chase of this many steps returns to where it started). */
    public int lines() {
        return lines;
    }

    /** The working set in bytes. */
    public long bytes() {
        return (long) next.length * Integer.BYTES;
    }

    /** The chain's entry: the slot of line 0. */
    public int start() {
        return 0;
    }

    /** The slot after {@code slot}: one dependent load. */
    public int step(int slot) {
        return next[slot];
    }

    /** Follows the chain {@code steps} loads from {@code slot} and returns the slot it ends on. */
    public int chase(int slot, long steps) {
        int[] n = next;
        int p = slot;
        for (long k = 0; k < steps; k++) {
            p = n[p];
        }
        return p;
    }

    /** Follows the chain {@code steps} loads from its {@link #start} and returns the slot it ends on. */
    public int chase(long steps) {
        return chase(start(), steps);
    }
}
