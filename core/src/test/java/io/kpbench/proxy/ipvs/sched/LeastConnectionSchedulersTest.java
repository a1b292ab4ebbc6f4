package io.kpbench.proxy.ipvs.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LeastConnectionSchedulersTest {
    private static void load(SchedulerFixture f, int d, int active, int inactive) {
        f.rs.activeConns[d] = active;
        f.rs.inactConns[d] = inactive;
    }

    @Test
    void lcPicksTheLeastOverheadCountingActiveConnectionsAs256Inactive() {
        SchedulerFixture f = new SchedulerFixture("lc");
        int a = f.add(1, 1);
        int b = f.add(2, 1);
        load(f, a, 1, 0);
        load(f, b, 0, 255);
        assertEquals(b, f.pick());
        load(f, b, 0, 257);
        assertEquals(a, f.pick());
    }

    @Test
    void lcBreaksTiesToTheEarlierDestinationInListOrderAndSkipsQuiesced() {
        SchedulerFixture f = new SchedulerFixture("lc");
        int a = f.add(1, 1);
        int b = f.add(2, 1);
        assertEquals(b, f.pick());
        f.netlink.setWeight(b, 0);
        assertEquals(a, f.pick());
    }

    @Test
    void wlcDividesOverheadByWeight() {
        SchedulerFixture f = new SchedulerFixture("wlc");
        int a = f.add(1, 3);
        int b = f.add(2, 1);
        load(f, a, 2, 0);
        load(f, b, 1, 0);
        assertEquals(a, f.pick());
        load(f, a, 4, 0);
        assertEquals(b, f.pick());
    }

    @Test
    void sedIgnoresInactiveConnectionsAndCountsTheNewOne() {
        SchedulerFixture f = new SchedulerFixture("sed");
        int a = f.add(1, 2);
        int b = f.add(2, 1);
        load(f, a, 1, 0);
        load(f, b, 0, 1000);
        // a: (1+1)/2 = 1, b: (0+1)/1 = 1 -> tie keeps the first in list order (b)
        assertEquals(b, f.pick());
        load(f, a, 0, 0);
        assertEquals(a, f.pick());
    }

    @Test
    void nqPicksTheFirstIdleDestinationBeforeComparingDelays() {
        SchedulerFixture f = new SchedulerFixture("nq");
        int a = f.add(1, 1);
        int b = f.add(2, 100);
        load(f, b, 1, 0);
        assertEquals(a, f.pick());
        load(f, a, 1, 0);
        assertEquals(b, f.pick());
    }

    @Test
    void lblcSticksToItsCachedServerUntilItIsOverloaded() {
        SchedulerFixture f = new SchedulerFixture("lblc");
        int a = f.add(1, 1);
        int b = f.add(2, 1);
        int first = f.pick();
        assertEquals(b, first);
        load(f, b, 1, 50);
        assertEquals(b, f.pick(), "locality beats load while not overloaded");
        load(f, b, 2, 0);
        assertEquals(a, f.pick(), "overloaded: 2 active > weight 1 while a has 0*2 < 1");
        assertEquals(a, ((LocalityBasedLeastConnectionScheduler) f.sched).cachedDest(f.v));
    }

    @Test
    void lblcrReplicatesTheSetWhenItsLeastLoadedMemberIsOverloaded() {
        SchedulerFixture f = new SchedulerFixture("lblcr");
        int a = f.add(1, 1);
        int b = f.add(2, 1);
        LocalityBasedLeastConnectionReplicationScheduler s =
                (LocalityBasedLeastConnectionReplicationScheduler) f.sched;
        assertEquals(b, f.pick());
        assertEquals(1, s.set(f.v).length);
        load(f, b, 2, 0);
        assertEquals(a, f.pick());
        assertEquals(2, s.set(f.v).length);
        load(f, a, 0, 3);
        load(f, b, 0, 0);
        assertEquals(b, f.pick(), "least loaded member of the set");
    }
}
