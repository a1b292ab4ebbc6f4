package io.kpbench.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The index-array chain steps, on two chains: 0 -> 3 -> 1 in chain 0, 2 alone in chain 1, chain 2 empty. */
class ChainsTest {
    private final int[] head = {0, 2, -1};
    private final int[] next = {3, -1, -1, 1};

    @Test
    void theLengthsCountEveryChainsNodes() {
        assertArrayEquals(new int[] {3, 1, 0}, Chains.lengths(head, next));
    }

    @Test
    void thePredecessorIsTheNodeBeforeOrNoneForTheFirst() {
        assertEquals(-1, Chains.predecessor(head, next, 0, 0));
        assertEquals(0, Chains.predecessor(head, next, 0, 3));
        assertEquals(3, Chains.predecessor(head, next, 0, 1));
    }

    @Test
    void unlinkingTheFirstNodeMovesTheHead() {
        Chains.unlink(head, next, 1, -1, 2);
        assertEquals(-1, head[1]);
        Chains.unlink(head, next, 0, -1, 0);
        assertEquals(3, head[0]);
        assertArrayEquals(new int[] {2, 0, 0}, Chains.lengths(head, next));
    }

    @Test
    void unlinkingAMiddleNodeJoinsItsNeighboursAndKeepsItsOwnLink() {
        Chains.unlink(head, next, 0, 0, 3);
        assertEquals(1, next[0]);
        assertEquals(1, next[3], "a walk standing on the unlinked node can still step on");
        assertArrayEquals(new int[] {2, 1, 0}, Chains.lengths(head, next));
    }
}
