package io.kpbench.proxy.ipvs.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.proxy.ipvs.IpvsConfig;
import io.kpbench.proxy.ipvs.kernel.VirtualServerTable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HashingSchedulersTest {
    @Test
    void shSticksToOneServerPerSourceAddressAndSpreadsSources() {
        SchedulerFixture f = new SchedulerFixture("sh");
        for (int i = 1; i <= 4; i++) {
            f.add(i, 1);
        }
        Set<Integer> seen = new HashSet<>();
        for (int src = 0; src < 64; src++) {
            int d = f.pick(0x0A000000 + src, 1000);
            for (int port = 1001; port < 1010; port++) {
                assertEquals(d, f.pick(0x0A000000 + src, port));
            }
            seen.add(d);
        }
        assertEquals(4, seen.size());
    }

    @Test
    void shFillsBucketsByWeightAndDropsClientsOfAQuiescedServer() {
        SchedulerFixture f = new SchedulerFixture("sh");
        int a = f.add(1, 3);
        int b = f.add(2, 1);
        int[] t = ((BucketFillScheduler) f.sched).tables[f.v];
        assertEquals(b, t[0]);
        assertEquals(a, t[1]);
        assertEquals(a, t[3]);
        assertEquals(b, t[4]);
        f.netlink.setWeight(b, 0);
        int dropped = 0;
        for (int src = 0; src < 256; src++) {
            dropped += f.pick(0x0A000000 + src, 1) < 0 ? 1 : 0;
        }
        assertTrue(dropped > 0, "no sh fallback: a quiesced bucket yields no server");
    }

    @Test
    void dhSendsEveryClientOfOneVirtualServerToTheSameServer() {
        SchedulerFixture f = new SchedulerFixture("dh");
        for (int i = 1; i <= 4; i++) {
            f.add(i, 1);
        }
        int d = f.pick(0x0A000001, 1);
        for (int src = 0; src < 100; src++) {
            assertEquals(d, f.pick(0x0B000000 + src * 7, src));
        }
    }

    /** Follows Linux 6.12 {@code ip_vs_dh.c ip_vs_dh_reassign}, which never reads a destination's weight. */
    @Test
    void dhGivesEveryDestinationOneBucketPerTurnWhateverItsWeight() {
        SchedulerFixture f = new SchedulerFixture("dh");
        int a = f.add(1, 3);
        int b = f.add(2, 1);
        int[] t = ((BucketFillScheduler) f.sched).tables[f.v];
        int toA = 0;
        for (int i = 0; i < t.length; i++) {
            assertEquals(i % 2 == 0 ? b : a, t[i], "bucket " + i);
            toA += t[i] == a ? 1 : 0;
        }
        assertEquals(128, toA, "half the buckets each, not 3/4 to the weight-3 destination");
    }

    @Test
    void mhIsDeterministicAndBalancedWithin1Entry() {
        SchedulerFixture f = new SchedulerFixture(IpvsConfig.defaults().withScheduler("mh"),
                VirtualServerTable.F_SCHED_PORT);
        for (int i = 1; i <= 10; i++) {
            f.add(i, 1);
        }
        MaglevTable m = (MaglevTable) f.sched;
        assertEquals(4093, m.size());
        Map<Integer, Integer> counts = new HashMap<>();
        for (int e = 0; e < m.size(); e++) {
            counts.merge(m.at(f.v, e), 1, Integer::sum);
        }
        assertEquals(10, counts.size());
        for (int c : counts.values()) {
            assertTrue(c == 409 || c == 410, "entries per server: " + counts);
        }
        SchedulerFixture g = new SchedulerFixture(IpvsConfig.defaults().withScheduler("mh"),
                VirtualServerTable.F_SCHED_PORT);
        for (int i = 1; i <= 10; i++) {
            g.add(i, 1);
        }
        for (int src = 0; src < 200; src++) {
            assertEquals(f.rs.text(f.pick(0x0A000000 + src, 40000 + src)),
                    g.rs.text(g.pick(0x0A000000 + src, 40000 + src)));
        }
    }

    @Test
    void mhRemovingOneOfTenServersMovesFewOtherEntries() {
        SchedulerFixture f = new SchedulerFixture(IpvsConfig.defaults().withScheduler("mh"), 0);
        int[] ids = new int[10];
        for (int i = 0; i < 10; i++) {
            ids[i] = f.add(i + 1, 1);
        }
        MaglevTable m = (MaglevTable) f.sched;
        int[] before = new int[m.size()];
        for (int e = 0; e < m.size(); e++) {
            before[e] = m.at(f.v, e);
        }
        int gone = ids[3];
        f.netlink.deleteDest(gone);
        int kept = 0;
        int others = 0;
        for (int e = 0; e < m.size(); e++) {
            assertTrue(m.at(f.v, e) != gone);
            if (before[e] != gone) {
                others++;
                kept += m.at(f.v, e) == before[e] ? 1 : 0;
            }
        }
        assertTrue(kept > others * 0.9, "kept " + kept + " of " + others);
    }

    @Test
    void mhKeepsAQuiescedServersEntriesSoItsClientsGetNoServer() {
        SchedulerFixture f = new SchedulerFixture(IpvsConfig.defaults().withScheduler("mh").withMhTableSize(251),
                VirtualServerTable.F_SCHED_PORT);
        int a = f.add(1, 1);
        f.add(2, 1);
        MaglevTable m = (MaglevTable) f.sched;
        f.netlink.setWeight(a, 0);
        int toA = 0;
        for (int e = 0; e < m.size(); e++) {
            toA += m.at(f.v, e) == a ? 1 : 0;
        }
        assertTrue(toA > 100, "last_weight keeps the table: " + toA);
    }
}
