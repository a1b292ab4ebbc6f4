package io.kpbench.table;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * An open-addressing index of seqlocked, fixed-stride entries, each reachable under two keys of a few longs,
 * with lock-free readers and one writer at a time: the hash layout of Linux conntrack, where one {@code nf_conn}
 * is hashed under both {@code tuplehash[ORIGINAL]} and {@code tuplehash[REPLY]}.
 *
 * <p>Source: the linear-probing delete of Knuth TAOCP vol. 3 §6.4 Algorithm R (as in Agrona
 * {@code Int2IntHashMap.compactChain}); the seqlock of Linux {@code include/linux/seqlock.h}
 * ({@code write_seqcount_begin}: increment, {@code smp_wmb}; {@code write_seqcount_end}: {@code smp_wmb},
 * increment); the lookup of {@code nf_conntrack_core.c __nf_conntrack_find_get} (a hash hit is re-checked on the
 * entry).
 *
 * <p><b>Slots.</b> A power-of-two {@code long[]} of one-long slots {@code (ref + 1) << 40 | tag}: {@code ref} is
 * {@code entry << 1 | key} (which of the entry's two keys the slot indexes), {@code tag} the low 40 bits of the
 * key's 64-bit hash, so the home slot {@code tag & mask} can be recomputed for a backward shift; 0 is empty.
 * Probed linearly, deleted by backward shift (no tombstones), sized for a load of at most 0.75 with every entry's
 * two keys present. A tag match is only a hint, confirmed against the key stored in the entry (a false match
 * costs one entry read: about 2^-18 per probe at 2^22 slots).
 *
 * <p><b>Entries.</b> {@link #entries()} holds {@code stride} longs per entry: word 0 is the entry's seqlock
 * version, key 0 and key 1 are {@code keyWords} longs each from word {@code keyAt}; the other words belong to
 * the caller. The writer makes the version odd ({@link #beginWrite}), writes, and makes it even again
 * ({@link #endWrite}); a reader reads the version, its words, then {@link #validate}s.
 *
 * <p><b>Stripes.</b> A reader's hit is exact, but a miss may be spurious: a backward shift can move a key from
 * ahead of a probing reader to behind it. {@link #removeAt} holds the shift counter of each moved key's home
 * stripe (1024 slots) odd while it shifts; a reader whose probe missed re-probes between
 * {@link #stripeBegin} and {@link #stripeUnchanged}. Inserts never move keys.
 *
 * <p>Cost: 8 bytes per slot (2.7 to 5.3 slots per entry) plus {@code 8 × stride} bytes per entry; a reader's hit
 * touches the slot's line and the entry's line(s), and reads no shared counter.
 */
public final class SeqlockTupleTable {
    /** The most entries a table may hold: refs use the 24 bits above the tag. */
    public static final int MAX_ENTRIES = (1 << 23) - 1;
    /** The tag bits of a slot. */
    public static final long TAG_MASK = 0xFF_FFFF_FFFFL;
    private static final int REF_SHIFT = 40;
    private static final int STRIPE_SHIFT = 10;
    /** Stripe counters are 16 ints (64 bytes) apart, so readers of one stripe do not share a line with another. */
    private static final int STRIPE_PAD = 16;
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);

    private final long[] slots;
    private final int mask;
    private final long[] entries;
    private final int[] stripes;
    private final int strideShift;
    private final int keyAt;
    private final int keyWords;
    private int[] openStripes = new int[8];
    private int openCount;

    /**
     * A table of {@code capacity} entries of {@code stride} longs (a power of two), whose two keys of
     * {@code keyWords} longs start at word {@code keyAt} (at least 1: word 0 is the version).
     */
    public SeqlockTupleTable(int capacity, int stride, int keyAt, int keyWords) {
        if (capacity < 1 || capacity > MAX_ENTRIES) {
            throw new IllegalArgumentException("capacity must be in [1, 2^23 - 1]: " + capacity);
        }
        if (Integer.bitCount(stride) != 1 || keyAt < 1 || keyAt + 2 * keyWords > stride) {
            throw new IllegalArgumentException("bad entry layout: stride " + stride + ", keys at " + keyAt);
        }
        int n = Integer.highestOneBit((int) Math.max(16, (8L * capacity + 2) / 3 - 1)) << 1;
        this.slots = new long[n];
        this.mask = n - 1;
        this.entries = new long[capacity * stride];
        this.stripes = new int[Math.max(1, n >>> STRIPE_SHIFT) * STRIPE_PAD];
        this.strideShift = Integer.numberOfTrailingZeros(stride);
        this.keyAt = keyAt;
        this.keyWords = keyWords;
    }

    /** The slot array, for a reader's probe (read-only to callers). */
    public long[] slots() {
        return slots;
    }

    /** The slot mask ({@code slots().length - 1}). */
    public int mask() {
        return mask;
    }

    /** The entry array: readers read it under {@link #validate}; the writer writes between begin and end. */
    public long[] entries() {
        return entries;
    }

    /** The entry reference ({@code entry << 1 | key}) a non-empty slot value names; -1 for an empty slot. */
    public static int ref(long slot) {
        return (int) (slot >>> REF_SHIFT) - 1;
    }

    /** The index of word 0 of entry {@code e}. */
    public int base(int e) {
        return e << strideShift;
    }

    /** The index of the first word of the key that reference {@code ref} names. */
    public int keyOf(int ref) {
        return ((ref >>> 1) << strideShift) + keyAt + (ref & 1) * keyWords;
    }

    /**
     * A reader's check after its field reads: true when {@code version}, read (plain) before an
     * {@link VarHandle#acquireFence()} and the reads, is even and unchanged. The re-read is opaque after a second
     * acquire fence, so it cannot be merged with the first (as {@code StampedLock.validate}); on x86 both fences
     * compile to no instruction.
     */
    public static boolean validate(long[] entries, int base, long version) {
        VarHandle.acquireFence();
        return (version & 1) == 0 && (long) LONGS.getOpaque(entries, base) == version;
    }

    /** Spins while the entry at {@code base} is being written. */
    public static void awaitStable(long[] entries, int base) {
        while (((long) LONGS.getAcquire(entries, base) & 1) != 0) {
            Thread.onSpinWait();
        }
    }

    /** An opaque read of word {@code i} (a word written outside the seqlock, such as a timestamp). */
    public static long readOpaque(long[] entries, int i) {
        return (long) LONGS.getOpaque(entries, i);
    }

    /** An opaque write of word {@code i}: atomic, unordered; for a refresh that may race with the writer. */
    public static void writeOpaque(long[] entries, int i, long value) {
        LONGS.setOpaque(entries, i, value);
    }

    /** The stripe counter index of the home slot of {@code tag}. */
    public int stripe(long tag) {
        return (((int) tag & mask) >>> STRIPE_SHIFT) * STRIPE_PAD;
    }

    /** A missing reader's start: waits until no shift is under way in {@code stripe}, and returns its counter. */
    public int stripeBegin(int stripe) {
        for (;;) {
            int v = (int) INTS.getAcquire(stripes, stripe);
            if ((v & 1) == 0) {
                return v;
            }
            Thread.onSpinWait();
        }
    }

    /** True when no shift touched {@code stripe} since {@link #stripeBegin} returned {@code v}. */
    public boolean stripeUnchanged(int stripe, int v) {
        VarHandle.acquireFence();
        return (int) INTS.getOpaque(stripes, stripe) == v;
    }

    /** Writer: the slot holding the key equal to {@code key[at ..]} with hash tag {@code tag}, or -1. */
    public int findSlot(long tag, long[] key, int at) {
        final long[] s = slots;
        final int m = mask;
        for (int i = (int) tag & m;; i = (i + 1) & m) {
            long slot = s[i];
            if (slot == 0) {
                return -1;
            }
            if ((slot & TAG_MASK) == tag && keyEquals(keyOf(ref(slot)), key, at)) {
                return i;
            }
        }
    }

    private boolean keyEquals(int stored, long[] key, int at) {
        final long[] e = entries;
        for (int w = 0; w < keyWords; w++) {
            if (e[stored + w] != key[at + w]) {
                return false;
            }
        }
        return true;
    }

    /** Writer: the reference in slot {@code i}, or -1 when it is empty. */
    public int refAt(int i) {
        return ref(slots[i]);
    }

    /** Writer: adds a key with hash tag {@code tag}, known to be absent, for an entry already written. */
    public void put(long tag, int ref) {
        final long[] s = slots;
        int i = (int) tag & mask;
        while (s[i] != 0) {
            i = (i + 1) & mask;
        }
        LONGS.setRelease(s, i, ((long) ref + 1) << REF_SHIFT | tag);
    }

    /** Writer: removes the key in slot {@code slot}, shifting later members of its cluster back. */
    public void removeAt(int slot) {
        final long[] s = slots;
        final int m = mask;
        int hole = slot;
        for (int j = (slot + 1) & m;; j = (j + 1) & m) {
            long tagged = s[j];
            if (tagged == 0) {
                break;
            }
            int h = (int) tagged & m;
            if (((j - h) & m) >= ((j - hole) & m)) {
                openStripe(h >>> STRIPE_SHIFT);
                LONGS.setRelease(s, hole, tagged);
                hole = j;
            }
        }
        LONGS.setRelease(s, hole, 0L);
        closeStripes();
    }

    private void openStripe(int stripe) {
        int at = stripe * STRIPE_PAD;
        int v = stripes[at];
        if ((v & 1) == 0) {
            INTS.setOpaque(stripes, at, v + 1);
            VarHandle.releaseFence();
            if (openCount == openStripes.length) {
                openStripes = Arrays.copyOf(openStripes, openCount * 2);
            }
            openStripes[openCount++] = at;
        }
    }

    private void closeStripes() {
        for (int k = 0; k < openCount; k++) {
            int at = openStripes[k];
            INTS.setRelease(stripes, at, stripes[at] + 1);
        }
        openCount = 0;
    }

    /** Writer: makes entry {@code e}'s version odd, so readers retry until {@link #endWrite}. */
    public void beginWrite(int e) {
        int base = e << strideShift;
        LONGS.setOpaque(entries, base, entries[base] + 1);
        VarHandle.releaseFence();
    }

    /** Writer: makes entry {@code e}'s version even again, publishing the writes made since {@link #beginWrite}. */
    public void endWrite(int e) {
        int base = e << strideShift;
        LONGS.setRelease(entries, base, entries[base] + 1);
    }
}
