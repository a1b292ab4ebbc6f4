package io.kpbench.proxy.nftables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** VerdictMap and AddressMap against java.util.HashMap on random put/remove/get sequences (Agrona style). */
class OpenAddressingTablesTest {

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
    void verdictMapBehavesLikeHashMapIncludingBackwardShiftDeletes(@ForAll("ops") List<Op> ops) {
        VerdictMap m = new VerdictMap();
        Map<Long, Integer> ref = new HashMap<>();
        for (Op o : ops) {
            switch (o.kind()) {
                case 0 -> assertEquals(ref.getOrDefault(o.key(), VerdictMap.MISSING), m.put(o.key(), o.value()));
                case 1 -> assertEquals(ref.containsKey(o.key()) ? ref.remove(o.key()) : VerdictMap.MISSING,
                        m.remove(o.key()));
                default -> assertEquals(ref.getOrDefault(o.key(), VerdictMap.MISSING), m.get(o.key()));
            }
            if (o.kind() == 0) {
                ref.put(o.key(), o.value());
            }
            assertEquals(ref.size(), m.size());
        }
        for (Map.Entry<Long, Integer> e : ref.entrySet()) {
            assertEquals(e.getValue(), m.get(e.getKey()));
        }
        assertTrue(m.size() <= m.capacity() / 2);
    }

    @Property(tries = 300)
    void addressMapBehavesLikeHashMapIncludingBackwardShiftDeletes(@ForAll("ops") List<Op> ops) {
        AddressMap m = new AddressMap();
        Map<Long, Integer> ref = new HashMap<>();
        for (Op o : ops) {
            long hi = o.key() >>> 32;
            long lo = o.key();
            switch (o.kind()) {
                case 0 -> {
                    assertEquals(ref.getOrDefault(o.key(), AddressMap.MISSING), m.put(hi, lo, o.value()));
                    ref.put(o.key(), o.value());
                }
                case 1 -> assertEquals(ref.containsKey(o.key()) ? ref.remove(o.key()) : AddressMap.MISSING,
                        m.remove(hi, lo));
                default -> assertEquals(ref.getOrDefault(o.key(), AddressMap.MISSING), m.get(hi, lo));
            }
            assertEquals(ref.size(), m.size());
        }
        for (Map.Entry<Long, Integer> e : ref.entrySet()) {
            assertEquals(e.getValue(), m.get(e.getKey() >>> 32, e.getKey()));
        }
    }

    @Property(tries = 200)
    void affinityTableKeepsExactlyTheUnexpiredClients(@ForAll("ops") List<Op> ops) {
        AffinityTable t = new AffinityTable(10);
        Map<Long, Long> expiry = new HashMap<>();
        long now = 0;
        for (Op o : ops) {
            now += o.value() * 10_000_000L;
            if (o.kind() == 0) {
                t.update(0, o.key(), now);
                expiry.put(o.key(), now + 10_000_000_000L);
            } else {
                Long e = expiry.get(o.key());
                assertEquals(e != null && e - now > 0, t.contains(0, o.key(), now));
            }
        }
    }

    @Test
    void affinityEntriesExpireAfterTheTimeout() {
        AffinityTable t = new AffinityTable(10800);
        t.update(0, 42, 0);
        assertTrue(t.contains(0, 42, 10_799_000_000_000L));
        assertFalse(t.contains(0, 42, 10_800_000_000_000L));
    }
}
