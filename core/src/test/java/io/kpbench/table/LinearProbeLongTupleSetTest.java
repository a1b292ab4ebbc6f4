package io.kpbench.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class LinearProbeLongTupleSetTest {
    @Property(tries = 60)
    void wideTuplesBehaveLikeAHashSetUnderRandomAddAndRemove(
            @ForAll @IntRange(min = 3, max = 5) int width,
            @ForAll @Size(max = 400) List<@IntRange(min = 0, max = 200) Integer> ops) {
        LinearProbeLongTupleSet s = new LinearProbeLongTupleSet(width);
        Set<List<Long>> ref = new HashSet<>();
        for (int op : ops) {
            long a = 0x2001_0db8_0000_0000L | (op % 7);
            long b = op % 11;
            long c = 6L << 16 | (80 + op % 3);
            long d = width > 3 ? op % 5 : 0;
            long e = width > 4 ? op % 13 : 0;
            List<Long> t = List.of(a, b, c, d, e);
            if (op % 3 == 0) {
                assertEquals(ref.remove(t), s.removeWide(a, b, c, d, e));
            } else {
                assertEquals(ref.add(t), s.addWide(a, b, c, d, e));
            }
            assertEquals(ref.size(), s.size());
            for (int x = 0; x < 20; x++) {
                long xa = 0x2001_0db8_0000_0000L | (x % 7);
                long xb = x % 11;
                long xc = 6L << 16 | (80 + x % 3);
                long xd = width > 3 ? x % 5 : 0;
                long xe = width > 4 ? x % 13 : 0;
                assertEquals(ref.contains(List.of(xa, xb, xc, xd, xe)), s.containsWide(xa, xb, xc, xd, xe));
            }
        }
        assertEquals(ref.size(), s.members().length);
    }

    @Property(tries = 60)
    void narrowTuplesBehaveLikeAHashSetUnderRandomAddAndRemove(
            @ForAll @IntRange(min = 1, max = 2) int width,
            @ForAll @Size(max = 400) List<@IntRange(min = 0, max = 200) Integer> ops) {
        LinearProbeLongTupleSet s = new LinearProbeLongTupleSet(width);
        Set<List<Long>> ref = new HashSet<>();
        for (int op : ops) {
            long a = 0x0A60_0000_0006_0050L + (op % 37);
            long b = width == 2 ? op % 5 : 0;
            if (op % 3 == 0) {
                assertEquals(ref.remove(List.of(a, b)), s.remove(a, b));
            } else {
                assertEquals(ref.add(List.of(a, b)), s.add(a, b));
            }
            assertEquals(ref.size(), s.size());
            for (int x = 0; x < 40; x++) {
                long xa = 0x0A60_0000_0006_0050L + (x % 37);
                long xb = width == 2 ? x % 5 : 0;
                assertEquals(ref.contains(List.of(xa, xb)), s.contains(xa, xb));
            }
        }
        assertEquals(ref.size(), s.members().length);
    }
}
