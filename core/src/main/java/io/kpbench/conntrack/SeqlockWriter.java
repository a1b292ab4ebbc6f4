package io.kpbench.conntrack;

import static io.kpbench.conntrack.ConntrackTable.ENTRY;
import static io.kpbench.conntrack.ConntrackTable.INTS;
import static io.kpbench.conntrack.ConntrackTable.LONGS;
import static io.kpbench.conntrack.ConntrackTable.E_ORIG;
import static io.kpbench.conntrack.ConntrackTable.REF_SHIFT;
import static io.kpbench.conntrack.ConntrackTable.TAG_MASK;
import static io.kpbench.conntrack.ConntrackTable.STRIPE_PAD;
import static io.kpbench.conntrack.ConntrackTable.STRIPE_SHIFT;

import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The writer's half of {@link ConntrackTable}'s seqlocks: slot insert, backward-shift delete with stripe counters,
 * and versioned entry writes. Only one thread at a time may call it (the table's monitor).
 *
 * <p>Source: the linear-probing delete of Knuth TAOCP vol. 3 §6.4 Algorithm R (as in Agrona
 * {@code Int2IntHashMap.compactChain}); the seqlock is Linux {@code include/linux/seqlock.h}
 * ({@code write_seqcount_begin}: increment, {@code smp_wmb}; {@code write_seqcount_end}: {@code smp_wmb}, increment).
 */
final class SeqlockWriter {
    private final long[] slots;
    private final long[] entries;
    private final int[] stripes;
    private final int mask;
    private final long seed;
    private int[] openStripes = new int[8];
    private int openCount;

    private final int stride;

    SeqlockWriter(ConntrackTable t) {
        this(t.slots, t.entries, t.stripes, t.mask, t.seed, ENTRY);
    }

    SeqlockWriter(long[] slots, long[] entries, int[] stripes, int mask, long seed, int stride) {
        this.slots = slots;
        this.entries = entries;
        this.stripes = stripes;
        this.mask = mask;
        this.seed = seed;
        this.stride = stride;
    }

    /** The tag of a tuple: the low 40 bits of its hash; its low bits are the home slot. */
    long tag(long addrs, long ports) {
        return TupleKey.hash(addrs, ports, seed) & TAG_MASK;
    }

    int home(long addrs, long ports) {
        return (int) tag(addrs, ports) & mask;
    }

    /** The slot holding tuple {@code (addrs, ports)}, or -1: a tag match confirmed on the entry. */
    int findSlot(long addrs, long ports) {
        final long[] s = slots;
        final long[] en = entries;
        long tag = tag(addrs, ports);
        for (int i = (int) tag & mask;; i = (i + 1) & mask) {
            long tagged = s[i];
            if (tagged == 0) {
                return -1;
            }
            if ((tagged & TAG_MASK) == tag) {
                int ref = (int) (tagged >>> REF_SHIFT) - 1;
                int at = (ref >>> 1) * ENTRY + E_ORIG + ((ref & 1) << 1);
                if (en[at] == addrs && en[at + 1] == ports) {
                    return i;
                }
            }
        }
    }

    /** The entry reference ({@code entry << 1 | dir}) in slot {@code i}, or -1 when it is empty. */
    int refAt(int i) {
        return (int) (slots[i] >>> REF_SHIFT) - 1;
    }

    /** Adds an IPv4 tuple known to be absent, whose entry is already written. */
    void put(long addrs, long ports, int ref) {
        putTag(tag(addrs, ports), ref);
    }

    /** Adds a slot for a tuple with hash tag {@code tag}, known to be absent, whose entry is already written. */
    void putTag(long tag, int ref) {
        final long[] s = slots;
        int i = (int) tag & mask;
        while (s[i] != 0) {
            i = (i + 1) & mask;
        }
        LONGS.setRelease(s, i, ((long) ref + 1) << REF_SHIFT | tag);
    }

    /** Removes the tuple in slot {@code slot}, shifting later members of its cluster back (no tombstones). */
    void removeAt(int slot) {
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

    /** Writes a whole entry under its seqlock. */
    void writeEntry(int e, long origAddrs, long origPorts, long replyAddrs, long replyPorts, long meta, long now,
            long streamTs) {
        final long[] en = entries;
        int base = e * ENTRY;
        long v = en[base];
        LONGS.setOpaque(en, base, v + 1);
        VarHandle.releaseFence();
        en[base + ConntrackTable.E_ORIG] = origAddrs;
        en[base + ConntrackTable.E_ORIG + 1] = origPorts;
        en[base + ConntrackTable.E_REPLY] = replyAddrs;
        en[base + ConntrackTable.E_REPLY + 1] = replyPorts;
        en[base + ConntrackTable.E_META] = meta;
        LONGS.setOpaque(en, base + ConntrackTable.E_LAST_SEEN, now);
        en[base + ConntrackTable.E_STREAM_TS] = streamTs;
        LONGS.setRelease(en, base, v + 2);
    }

    /** Makes entry {@code e}'s version odd: readers retry until {@link #endWrite}. */
    void beginWrite(int e) {
        int base = e * stride;
        LONGS.setOpaque(entries, base, entries[base] + 1);
        VarHandle.releaseFence();
    }

    /** Makes entry {@code e}'s version even again, publishing the writes made since {@link #beginWrite}. */
    void endWrite(int e) {
        int base = e * stride;
        LONGS.setRelease(entries, base, entries[base] + 1);
    }

    /** Writes an entry's meta (and, when {@code now} is not {@code Long.MIN_VALUE}, its lastSeen) under its seqlock. */
    void writeMeta(int e, long meta, long now) {
        final long[] en = entries;
        int base = e * stride;
        long v = en[base];
        LONGS.setOpaque(en, base, v + 1);
        VarHandle.releaseFence();
        en[base + ConntrackTable.E_META] = meta;
        if (now != Long.MIN_VALUE) {
            LONGS.setOpaque(en, base + ConntrackTable.E_LAST_SEEN, now);
        }
        LONGS.setRelease(en, base, v + 2);
    }
}
