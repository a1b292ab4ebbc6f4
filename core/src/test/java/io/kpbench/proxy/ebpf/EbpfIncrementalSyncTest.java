package io.kpbench.proxy.ebpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.net.IpFamily;
import io.kpbench.proxy.IncrementalFixture;
import io.kpbench.proxy.ServiceChurnFixture;
import io.kpbench.table.LinearProbeLongIntMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An incremental sync of the eBPF mode is O(the changed service), shown structurally (no timing): at 10,000
 * services a one-endpoint rolling-update step writes one frontend's entries and one backend, appends one row
 * and its slots, and leaves every array of the published generation in place (nothing is copied); a service
 * created writes only its own entries, and a service deleted removes only its own (through a copy of the service
 * map, the one structure a removal cannot edit under readers).
 */
class EbpfIncrementalSyncTest {

    @Test
    void aOneEndpointChangeAtTenThousandServicesWritesOnlyThatServicesEntries() {
        IncrementalFixture f = IncrementalFixture.build();
        EbpfDataPlane p = new EbpfDataPlane(f.node(), IpFamily.IPv4,
                EbpfConfig.defaults().withLbMapMax(1 << 20));
        p.sync(f.base());
        EbpfTables before = p.tables();
        int rows = before.frontends;
        int slots = before.slotsUsed;
        int[] slotArray = before.slots;
        int[] flags = before.flags;
        long[] backendArray = before.beHi;
        int entries = before.serviceEntries;

        EbpfTables after = f.stepInPlace(p, p::tables, 1 + IncrementalFixture.ENDPOINTS + 1,
                "one master entry, its 10 slots and one new backend");

        assertSame(slotArray, after.slots, "the slots are appended in place, not copied");
        assertSame(flags, after.flags, "the frontend columns are appended in place, not copied");
        assertSame(backendArray, after.beHi, "the backend map is written in place, not copied");
        assertEquals(rows + 1, after.frontends, "one new row for the service's one frontend");
        assertEquals(slots + IncrementalFixture.ENDPOINTS, after.slotsUsed);
        assertEquals(entries, after.serviceEntries, "the service still has 1 + 10 entries");
        assertTrue(p.render().contains(f.newPod() + "/TCP"), "the new pod is in the service map");
    }

    @Test
    void aReaderRacingIncrementalSyncsSeesOnlyWholeOldOrNewEndpointSets() throws InterruptedException {
        IncrementalFixture f = IncrementalFixture.build();
        List<String> bad = f.racingReader(new EbpfDataPlane(f.node(), IpFamily.IPv4, EbpfConfig.defaults().withLbMapMax(1 << 20)), 2000);
        assertTrue(bad.isEmpty(), "the reader saw " + bad);
    }

    @Test
    void aServiceCreatedThenDeletedAtTenThousandServicesWritesOnlyItsOwnEntries() {
        ServiceChurnFixture f = ServiceChurnFixture.build();
        EbpfDataPlane p = new EbpfDataPlane(f.base().node(), IpFamily.IPv4,
                EbpfConfig.defaults().withLbMapMax(1 << 20));
        p.sync(f.base().base());
        EbpfTables before = p.tables();
        String fullRender = p.render();
        int rows = before.frontends;
        int[] slots = before.slots;
        LinearProbeLongIntMap map = before.services;

        f.createsIncrementally(p, 1 + 2 * ServiceChurnFixture.PODS);
        assertSame(before, p.tables(), "the published generation is kept");
        assertSame(slots, p.tables().slots, "the slots are appended in place");
        assertSame(map, p.tables().services, "the new key is inserted in place");
        assertEquals(rows + 1, p.tables().frontends, "one new row: master entry, slots and backends");

        f.deletesIncrementally(p, 1 + ServiceChurnFixture.PODS, fullRender);
        assertSame(before, p.tables(), "the published generation is kept");
        assertNotSame(map, p.tables().services, "the removal is published as a copy of the service map");
        assertEquals(rows + 1, p.tables().frontends, "no row is rewritten");
    }

    @Test
    void aReaderRacingServiceCreatesAndDeletesAlwaysFindsTheOtherServices() throws InterruptedException {
        ServiceChurnFixture f = ServiceChurnFixture.build();
        List<String> bad = f.racingReader(new EbpfDataPlane(f.base().node(), IpFamily.IPv4,
                EbpfConfig.defaults().withLbMapMax(1 << 20)), 25);
        assertTrue(bad.isEmpty(), "the reader saw " + bad);
    }

    @Test
    void syncsPastTheReservedRoomCompactTheLiveRowsInsteadOfRecompiling() {
        IncrementalFixture f = IncrementalFixture.build();
        EbpfDataPlane p = new EbpfDataPlane(f.node(), IpFamily.IPv4, EbpfConfig.defaults().withLbMapMax(1 << 20));
        p.sync(f.base());
        f.compactsPastTheRoom(p, p::tables, 2 * (p.tables().frontendRoom() + 1));
    }
}
