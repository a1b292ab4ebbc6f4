package io.kpbench.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AffinityTableTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void entryIsReturnedWithinTimeoutAndRefreshedOnEachUse() {
        AffinityTable t = new AffinityTable(16);
        t.record(7L, 3, 0);
        assertEquals(3, t.lookup(7L, 9 * SECOND, 10 * SECOND));
        assertEquals(3, t.lookup(7L, 18 * SECOND, 10 * SECOND), "the lookup at 9 s refreshed the entry");
        assertEquals(-1, t.lookup(7L, 28 * SECOND, 10 * SECOND), "10 s idle: expired");
    }

    @Test
    void fullTableDropsNewClientsButUpdatesKnownOnes() {
        AffinityTable t = new AffinityTable(2);
        t.record(1L, 1, 0);
        t.record(2L, 2, 0);
        t.record(3L, 3, 0);
        assertEquals(1, t.dropped());
        assertEquals(-1, t.peek(3L));
        t.record(2L, 5, 1);
        assertEquals(5, t.peek(2L));
    }

    @Test
    void removeIfCompactsProbeChains() {
        AffinityTable t = new AffinityTable(1000);
        for (long k = 0; k < 1000; k++) {
            t.record(k * 1024, (int) k, k);
        }
        assertEquals(500, t.removeIf((key, value, lastUsed) -> value % 2 == 0));
        for (long k = 0; k < 1000; k++) {
            assertEquals(k % 2 == 0 ? -1 : (int) k, t.peek(k * 1024));
        }
        assertEquals(500, t.size());
    }
}
