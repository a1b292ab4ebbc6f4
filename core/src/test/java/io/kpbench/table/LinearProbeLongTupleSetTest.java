package io.kpbench.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class LinearProbeLongTupleSetTest {
    /**
     * Every width against a {@code HashSet} reference: widths 1 and 2 through the narrow {@code add/remove/contains}
     * (IPv4 address-and-port keys, 40 probes after each op), widths 3 to 5 through the {@code …Wide} methods
     * (IPv6 tuples, 20 probes).
     */
    @Property(tries = 120)
    void tuplesOfEveryWidthBehaveLikeAHashSetUnderRandomAddAndRemove(
            @ForAll @IntRange(min = 1, max = 5) int width,
            @ForAll @Size(max = 400) List<@IntRange(min = 0, max = 200) Integer> ops) {
        LinearProbeLongTupleSet s = new LinearProbeLongTupleSet(width);
        Set<List<Long>> ref = new HashSet<>();
        int probes = width > 2 ? 20 : 40;
        for (int op : ops) {
            long[] t = tuple(width, op);
            if (op % 3 == 0) {
                assertEquals(ref.remove(key(t)), remove(s, t));
            } else {
                assertEquals(ref.add(key(t)), add(s, t));
            }
            assertEquals(ref.size(), s.size());
            for (int x = 0; x < probes; x++) {
                long[] probe = tuple(width, x);
                assertEquals(ref.contains(key(probe)), contains(s, probe));
            }
        }
        assertEquals(ref.size(), s.members().length);
    }

    /** The tuple drawn from {@code n}: two words when narrow, five (unused trailing words 0) when wide. */
    private static long[] tuple(int width, int n) {
        if (width <= 2) {
            return new long[] {0x0A60_0000_0006_0050L + (n % 37), width == 2 ? n % 5 : 0};
        }
        return new long[] {0x2001_0db8_0000_0000L | (n % 7), n % 11, 6L << 16 | (80 + n % 3),
            width > 3 ? n % 5 : 0, width > 4 ? n % 13 : 0};
    }

    private static List<Long> key(long[] t) {
        return Arrays.stream(t).boxed().toList();
    }

    private static boolean add(LinearProbeLongTupleSet s, long[] t) {
        return t.length == 2 ? s.add(t[0], t[1]) : s.addWide(t[0], t[1], t[2], t[3], t[4]);
    }

    private static boolean remove(LinearProbeLongTupleSet s, long[] t) {
        return t.length == 2 ? s.remove(t[0], t[1]) : s.removeWide(t[0], t[1], t[2], t[3], t[4]);
    }

    private static boolean contains(LinearProbeLongTupleSet s, long[] t) {
        return t.length == 2 ? s.contains(t[0], t[1]) : s.containsWide(t[0], t[1], t[2], t[3], t[4]);
    }
}
