package io.kpbench.proxy.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
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

    @Test
    void anIpv6ConnectionIsFoundByItsFullAddressesAndNotByAnotherWithTheSameFold() {
        AddressBook book = new AddressBook(IpFamily.IPv6);
        IpvsCore core = new IpvsCore(IpvsConfig.defaults(), book);
        int vip = book.id(IpAddress.parse("2020::1"));
        int v = core.addService(ServiceKey.pack(vip, 6, 80), 0, 0, 0, 0);
        int d = core.addDest(v, book.id(IpAddress.parse("1002:ab8::2:10")), 80, 1);
        IpAddress c = IpAddress.parse("fd00::1:1:1:1");
        IpAddress twin = IpAddress.parse("fd00::2:2:2:2");
        IpAddress v6 = IpAddress.parse("2020::1");
        IpvsConnTable t = core.conns;
        int e = t.create6(6, c.hi(), c.lo(), 1000, v6.hi(), v6.lo(), 80, d, IpvsConnTable.F_INACTIVE, 0, 60 * S, -1);
        assertEquals(1, core.rs.inactConns[d]);
        assertEquals(e + 1, (int) t.lookup6(6, c.hi(), c.lo(), 1000, v6.hi(), v6.lo(), 80, S));
        assertEquals(0, (int) t.lookup6(6, twin.hi(), twin.lo(), 1000, v6.hi(), v6.lo(), 80, S));
        assertEquals(0, (int) t.lookup6(6, c.hi(), c.lo(), 1000, v6.hi(), v6.lo() + 1, 80, S));
        assertEquals("[1002:ab8::2:10]:80", core.rs.text(d));
        assertEquals(1, t.expire(61 * S));
        assertEquals(0, core.rs.inactConns[d]);
    }
}
