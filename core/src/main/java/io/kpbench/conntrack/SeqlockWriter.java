package io.kpbench.conntrack;

import static io.kpbench.conntrack.ConntrackTable.ENTRY;
import static io.kpbench.conntrack.ConntrackTable.INTS;
import static io.kpbench.conntrack.ConntrackTable.LONGS;
import static io.kpbench.conntrack.ConntrackTable.PORTS_MASK;
import static io.kpbench.conntrack.ConntrackTable.REF_SHIFT;
import static io.kpbench.conntrack.ConntrackTable.SLOT;
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

    SeqlockWriter(ConntrackTable t) {
        this.slots = t.slots;
        this.entries = t.entries;
        this.stripes = t.stripes;
        this.mask = t.mask;
        this.seed = t.seed;
    }

    int home(long addrs, long ports) {
        return TupleKey.hash(addrs, ports, seed) & mask;
    }

    /** The slot holding tuple {@code (addrs, ports)}, or -1. */
    int findSlot(long addrs, long ports) {
        final long[] s = slots;
        for (int i = home(addrs, ports);; i = (i + 1) & mask) {
            int b = i * SLOT;
            long tagged = s[b + 1];
            if (tagged == 0) {
                return -1;
            }
            if ((tagged & PORTS_MASK) == ports && s[b] == addrs) {
                return i;
            }
        }
    }

    /** The entry reference ({@code entry << 1 | dir}) in occupied slot {@code i}, or -1 when it is empty. */
    int refAt(int i) {
        return (int) (slots[i * SLOT + 1] >>> REF_SHIFT) - 1;
    }

    /** Adds a tuple known to be absent; the release store of the reference publishes the key first. */
    void put(long addrs, long ports, int ref) {
        final long[] s = slots;
        int i = home(addrs, ports);
        while (s[i * SLOT + 1] != 0) {
            i = (i + 1) & mask;
        }
        int b = i * SLOT;
        s[b] = addrs;
        LONGS.setRelease(s, b + 1, ((long) ref + 1) << REF_SHIFT | ports);
    }

    /** Removes the tuple in slot {@code slot}, shifting later members of its cluster back (no tombstones). */
    void removeAt(int slot) {
        final long[] s = slots;
        final int m = mask;
        int hole = slot;
        for (int j = (slot + 1) & m;; j = (j + 1) & m) {
            int bj = j * SLOT;
            long tagged = s[bj + 1];
            if (tagged == 0) {
                break;
            }
            int h = home(s[bj], tagged & PORTS_MASK);
            if (((j - h) & m) >= ((j - hole) & m)) {
                openStripe(h >>> STRIPE_SHIFT);
                int bh = hole * SLOT;
                s[bh] = s[bj];
                LONGS.setRelease(s, bh + 1, tagged);
                hole = j;
            }
        }
        LONGS.setRelease(s, hole * SLOT + 1, 0L);
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

    /** Writes an entry's meta (and, when {@code now} is not {@code Long.MIN_VALUE}, its lastSeen) under its seqlock. */
    void writeMeta(int e, long meta, long now) {
        final long[] en = entries;
        int base = e * ENTRY;
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
