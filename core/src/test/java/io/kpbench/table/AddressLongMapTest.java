package io.kpbench.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** AddressLongMap against java.util.HashMap on random put/remove/get sequences, and its two bounded uses. */
class AddressLongMapTest {

    /** One operation: 0 put, 1 remove, 2 get, on a key drawn from a small space so that chains collide. */
    record Op(int kind, long key, int value) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 2),
                Arbitraries.longs().between(0, 300), Arbitraries.integers().between(0, 1000))
                .as((k, key, v) -> new Op(k, key * 0x1_0000_0000L + (key & 7), v));
        return op.list().ofMinSize(1).ofMaxSize(600);
    }

    @Property(tries = 300)
    void behavesLikeHashMapIncludingBackwardShiftDeletes(@ForAll("ops") List<Op> ops) {
        AddressLongMap m = new AddressLongMap();
        Map<Long, Long> ref = new HashMap<>();
        for (Op o : ops) {
            long hi = o.key() >>> 32;
            long lo = o.key();
            switch (o.kind()) {
                case 0 -> {
                    assertEquals(ref.getOrDefault(o.key(), AddressLongMap.MISSING), m.put(hi, lo, o.value()));
                    ref.put(o.key(), (long) o.value());
                }
                case 1 -> assertEquals(ref.containsKey(o.key()) ? ref.remove(o.key()) : AddressLongMap.MISSING,
                        m.remove(hi, lo));
                default -> assertEquals(ref.getOrDefault(o.key(), AddressLongMap.MISSING), m.get(hi, lo));
            }
            assertEquals(ref.size(), m.size());
        }
        for (Map.Entry<Long, Long> e : ref.entrySet()) {
            assertEquals(e.getValue(), m.get(e.getKey() >>> 32, e.getKey()));
        }
        assertTrue(m.size() <= m.capacity() / 2);
    }

    @Property(tries = 200)
    void anExpiringMapKeepsExactlyTheUnexpiredClients(@ForAll("ops") List<Op> ops) {
        AddressLongMap t = new AddressLongMap(Integer.MAX_VALUE, 10_000_000_000L);
        Map<Long, Long> expiry = new HashMap<>();
        long now = 0;
        for (Op o : ops) {
            now += o.value() * 10_000_000L;
            if (o.kind() == 0) {
                t.put(0, o.key(), now);
                expiry.put(o.key(), now + 10_000_000_000L);
            } else {
                Long e = expiry.get(o.key());
                assertEquals(e != null && e - now > 0, t.seenWithin(0, o.key(), now));
            }
        }
    }

    @Test
    void entriesExpireAfterTheTimeout() {
        AddressLongMap t = new AddressLongMap(Integer.MAX_VALUE, 10_800_000_000_000L);
        t.put(0, 42, 0);
        assertTrue(t.seenWithin(0, 42, 10_799_000_000_000L));
        assertFalse(t.seenWithin(0, 42, 10_800_000_000_000L));
    }

    @Property(tries = 100)
    void aBoundedMapEvictsTheLeastRecentlySeen(@ForAll("ops") List<Op> ops) {
        AddressLongMap t = new AddressLongMap(100, 0L);
        Map<Long, Long> ref = new LinkedHashMap<>(16, 0.75f, true);
        long now = 0;
        for (Op o : ops) {
            now++;
            long key = o.key() * 31 + o.value();
            if (!ref.containsKey(key) && ref.size() == 100) {
                ref.remove(ref.keySet().iterator().next());
            }
            ref.put(key, now);
            t.put(0, key, now);
            assertEquals(ref.size(), t.size());
        }
        for (Map.Entry<Long, Long> e : ref.entrySet()) {
            assertEquals(e.getValue(), t.get(0, e.getKey()));
        }
    }
}
