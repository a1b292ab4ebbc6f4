package io.kpbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The chase is one cycle through every line of its working set, one slot per 64-byte line, fixed by its seed. */
class PointerChaseTest {
    @ParameterizedTest
    @ValueSource(longs = {128, 32768, 262144, 16L << 20})
    void theChainVisitsEveryLineOnceBeforeReturningToItsStart(long bytes) {
        PointerChase c = new PointerChase(bytes, 7);
        assertEquals(bytes / 64, c.lines());
        assertEquals(bytes, c.bytes());
        boolean[] seen = new boolean[c.lines()];
        int slot = c.start();
        for (int k = 0; k < c.lines(); k++) {
            assertEquals(0, slot % PointerChase.STRIDE, "every pointer is the first int of a line");
            int line = slot / PointerChase.STRIDE;
            assertTrue(!seen[line], "line " + line + " is visited twice in one round");
            seen[line] = true;
            slot = c.step(slot);
        }
        assertEquals(c.start(), slot, "the round ends where it started");
        assertEquals(c.start(), c.chase(c.lines()));
    }

    @Test
    void theSameSeedGivesTheSameChainAndAnotherSeedAnother() {
        PointerChase a = new PointerChase(1 << 20, 1);
        PointerChase b = new PointerChase(1 << 20, 1);
        PointerChase other = new PointerChase(1 << 20, 2);
        assertEquals(a.chase(1000), b.chase(1000));
        assertNotEquals(a.chase(1000), other.chase(1000));
    }

    @Test
    void theChainIsNotTheSequentialOrder() {
        PointerChase c = new PointerChase(1 << 20, 1);
        int sequential = 0;
        int slot = c.start();
        for (int k = 0; k < c.lines(); k++) {
            int next = c.step(slot);
            sequential += next == slot + PointerChase.STRIDE ? 1 : 0;
            slot = next;
        }
        assertTrue(sequential < 10, sequential + " of " + c.lines() + " steps go to the next line");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 32, 100, -64})
    void aWorkingSetThatIsNotWholeLinesIsRefused(long bytes) {
        assertThrows(IllegalArgumentException.class, () -> new PointerChase(bytes, 1));
    }
}
