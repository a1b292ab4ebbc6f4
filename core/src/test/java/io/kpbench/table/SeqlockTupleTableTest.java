package io.kpbench.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The writer's probe, insert and backward-shift delete against a HashMap, and the reader's seqlock checks. */
class SeqlockTupleTableTest {
    /** Entries of 4 longs: version, key 0, key 1, one spare word. */
    private static final int STRIDE = 4;

    /** A table of one-long keys whose tags share few home slots, so that clusters are long. */
    private static final class Model {
        final SeqlockTupleTable table;
        final Map<Long, Integer> refs = new HashMap<>();
        final Deque<Integer> free = new ArrayDeque<>();
        final long[] key = new long[1];

        Model(int capacity) {
            table = new SeqlockTupleTable(capacity, STRIDE, 1, 1);
            for (int e = 0; e < capacity; e++) {
                free.push(e);
            }
        }

        static long tag(long k) {
            return (Hashing.fmix64(k) & 0xFFFF_FF00L) | (k & 0x3F);
        }

        int find(long k) {
            key[0] = k;
            return table.findSlot(tag(k), key, 0);
        }

        /** Adds an entry with keys {@code k} and {@code ~k}. */
        void add(long k) {
            int e = free.pop();
            long[] en = table.entries();
            table.beginWrite(e);
            en[table.base(e) + 1] = k;
            en[table.base(e) + 2] = ~k;
            table.endWrite(e);
            table.put(tag(k), e << 1);
            table.put(tag(~k), (e << 1) | 1);
            refs.put(k, e << 1);
            refs.put(~k, (e << 1) | 1);
        }

        void remove(long k) {
            int e = refs.get(k) >>> 1;
            long other = table.entries()[table.keyOf(refs.get(k) ^ 1)];
            table.removeAt(find(k));
            table.removeAt(find(other));
            refs.remove(k);
            refs.remove(other);
            free.push(e);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void randomInsertsAndDeletesFindExactlyTheKeysAHashMapHolds(long seed) {
        Random rnd = new Random(seed);
        Model m = new Model(600);
        List<Long> live = new ArrayList<>();
        for (int op = 0; op < 20_000; op++) {
            if (live.size() < 600 && (live.isEmpty() || rnd.nextInt(3) > 0)) {
                long k = rnd.nextInt(5000) + 1L;
                if (!m.refs.containsKey(k) && !m.refs.containsKey(~k)) {
                    m.add(k);
                    live.add(k);
                }
            } else {
                m.remove(live.remove(rnd.nextInt(live.size())));
            }
            long probe = rnd.nextInt(5000) + 1L;
            for (long k : new long[] {probe, ~probe}) {
                int slot = m.find(k);
                Integer ref = m.refs.get(k);
                assertEquals(ref == null ? -1 : ref, slot < 0 ? -1 : m.table.refAt(slot), "key " + k + " at op " + op);
            }
        }
        for (long k : live) {
            assertEquals(m.refs.get(k), m.table.refAt(m.find(k)));
            assertEquals(m.refs.get(~k), m.table.refAt(m.find(~k)));
        }
    }

    @Test
    void aReaderValidatesOnlyAnEvenUnchangedVersion() {
        Model m = new Model(4);
        m.add(7);
        long[] en = m.table.entries();
        int base = m.table.base(0);
        long v = en[base];
        assertTrue(SeqlockTupleTable.validate(en, base, v));
        m.table.beginWrite(0);
        assertFalse(SeqlockTupleTable.validate(en, base, en[base]));
        assertFalse(SeqlockTupleTable.validate(en, base, v));
        m.table.endWrite(0);
        assertFalse(SeqlockTupleTable.validate(en, base, v));
        assertTrue(SeqlockTupleTable.validate(en, base, en[base]));
    }

    @Test
    void aBackwardShiftChangesTheStripeOfTheKeyItMoves() {
        Model m = new Model(64);
        List<Long> sameHome = new ArrayList<>();
        for (long k = 1; sameHome.size() < 2; k++) {
            if ((Model.tag(k) & m.table.mask()) == 5 && !sameHome.contains(~k)) {
                sameHome.add(k);
            }
        }
        m.add(sameHome.get(0));
        m.add(sameHome.get(1));
        int stripe = m.table.stripe(Model.tag(sameHome.get(1)));
        int v = m.table.stripeBegin(stripe);
        assertTrue(m.table.stripeUnchanged(stripe, v));
        m.remove(sameHome.get(0));
        assertFalse(m.table.stripeUnchanged(stripe, v), "the second key moved back into the first one's slot");
        assertEquals(5, m.find(sameHome.get(1)));
    }

    @Test
    void anEntryLayoutThatDoesNotFitItsStrideIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SeqlockTupleTable(16, 6, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> new SeqlockTupleTable(16, 4, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> new SeqlockTupleTable(0, 8, 1, 2));
    }
}
