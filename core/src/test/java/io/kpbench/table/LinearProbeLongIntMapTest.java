package io.kpbench.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

class LinearProbeLongIntMapTest {

    record Op(int kind, long key, int value) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        // few distinct keys, so that puts, removes and probe chains collide often; the fourth kind has the shape
        // of nftables' concatenated verdict-map keys (addr << 32 | proto << 16 | port)
        Arbitrary<Long> keys = Arbitraries.oneOf(Arbitraries.longs().between(0, 40),
                Arbitraries.longs().between(0, 40).map(k -> k << 40), Arbitraries.longs(),
                Arbitraries.longs().between(0, 300).map(k -> k * 0x1_0000_0000L + (k & 7)));
        Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 2), keys,
                Arbitraries.integers().between(0, 1_000_000)).as(Op::new);
        return op.list().ofMaxSize(400);
    }

    @Property(tries = 300)
    void behavesLikeHashMapOnRandomOperationSequences(@ForAll("ops") List<Op> ops) {
        LinearProbeLongIntMap map = new LinearProbeLongIntMap(2, -1);
        Map<Long, Integer> ref = new HashMap<>();
        for (Op op : ops) {
            switch (op.kind()) {
                case 0 -> assertEquals(ref.getOrDefault(op.key(), -1), map.put(op.key(), op.value()));
                case 1 -> assertEquals(ref.getOrDefault(op.key(), -1), map.remove(op.key()));
                default -> assertEquals(ref.getOrDefault(op.key(), -1), map.get(op.key()));
            }
            if (op.kind() == 0) {
                ref.put(op.key(), op.value());
            } else if (op.kind() == 1) {
                ref.remove(op.key());
            }
            assertEquals(ref.size(), map.size());
        }
        for (Map.Entry<Long, Integer> e : ref.entrySet()) {
            assertEquals(e.getValue(), map.get(e.getKey()));
        }
        int seen = 0;
        for (int i = 0; i < map.capacity(); i++) {
            if (map.occupied(i)) {
                seen++;
                assertEquals(ref.get(map.keyAt(i)), map.valueAt(i));
            }
        }
        assertEquals(ref.size(), seen);
        assertTrue(map.size() <= map.capacity() / 2);
    }

    @Test
    void storingTheMissingValueIsRefused() {
        LinearProbeLongIntMap map = new LinearProbeLongIntMap(4, -1);
        assertThrows(IllegalArgumentException.class, () -> map.put(1L, -1));
    }

    @Test
    void clearKeepsCapacityAndForgetsKeys() {
        LinearProbeLongIntMap map = new LinearProbeLongIntMap(4, 0);
        for (long k = 0; k < 100; k++) {
            map.put(k, (int) k + 1);
        }
        int cap = map.capacity();
        map.clear();
        assertEquals(0, map.size());
        assertEquals(0, map.get(5L));
        assertEquals(cap, map.capacity());
    }
}
