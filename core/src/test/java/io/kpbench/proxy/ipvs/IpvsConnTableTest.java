package io.kpbench.proxy.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IpvsConnTableTest {
    private static final long S = IpvsConnTable.NANOS;

    @Test
    void aTcpConnectionIsInactiveUntilEstablishedAndFoundByItsFiveTuple() {
        SchedulerFixture f = new SchedulerFixture("rr");
        int d = f.add(1, 1);
        IpvsConnTable t = f.core.conns;
        int c = t.create(6, 0x0A000005, 1000, 0xAC1E0029, 80, d, IpvsConnTable.F_INACTIVE, 0, 60 * S, -1);
        assertEquals(1, f.core.rs.inactConns[d]);
        assertEquals(c + 1, (int) t.lookup(6, 0x0A000005, 1000, 0xAC1E0029, 80, S));
        assertEquals(0, (int) t.lookup(6, 0x0A000005, 1001, 0xAC1E0029, 80, S));
        t.establish(c, S);
        assertEquals(1, f.core.rs.activeConns[d]);
        assertEquals(0, f.core.rs.inactConns[d]);
        t.close(c, 2 * S);
        assertEquals(1, f.core.rs.inactConns[d]);
    }

    @Test
    void entriesExpireByTheCallersClockAndReleaseTheirCounts() {
        SchedulerFixture f = new SchedulerFixture("rr");
        int d = f.add(1, 1);
        IpvsConnTable t = f.core.conns;
        t.create(6, 0x0A000005, 1000, 0xAC1E0029, 80, d, IpvsConnTable.F_INACTIVE, 0, 60 * S, -1);
        assertEquals(0, t.expire(59 * S));
        assertEquals(0, (int) t.lookup(6, 0x0A000005, 1000, 0xAC1E0029, 80, 61 * S), "expired: a miss");
        assertEquals(1, t.expire(61 * S));
        assertEquals(0, f.core.rs.inactConns[d]);
        assertEquals(0, t.size());
    }

    @Test
    void thePoolGrowsOnTheSlowPathAndChainsSpreadOver4096Buckets() {
        SchedulerFixture f = new SchedulerFixture("rr");
        int d = f.add(1, 1);
        IpvsConnTable t = new IpvsConnTable(f.core.rs, 12, 0, 16);
        for (int i = 0; i < 40_960; i++) {
            t.create(6, 0x0A000000 + i / 60, 1024 + i % 60, 0xAC1E0029, 80, d, 0, 0, 900 * S, -1);
        }
        assertEquals(40_960, t.size());
        int[] chains = t.chainLengths();
        int max = 0;
        for (int c : chains) {
            max = Math.max(max, c);
        }
        assertEquals(4096, chains.length);
        assertTrue(max < 40, "jhash spreads 10 per bucket on average; max " + max);
    }
}
