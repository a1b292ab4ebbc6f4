package io.kpbench.proxy.ebpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.ChangeSet;
import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.IncrementalFixture;
import io.kpbench.proxy.ServiceChurnFixture;
import io.kpbench.proxy.SyncStats;
import io.kpbench.proxy.Verdict;
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

        ChangeSet add = f.create(0);
        ClusterSnapshot created = f.base().base().apply(add);
        SyncStats s = p.sync(created, add);
        assertFalse(s.full(), "a create is an incremental sync");
        assertEquals(1 + ServiceChurnFixture.PODS + ServiceChurnFixture.PODS, s.mapElements(),
                "one master entry, its slots and its new backends");
        assertSame(before, p.tables(), "the published generation is kept");
        assertSame(slots, p.tables().slots, "the slots are appended in place");
        assertSame(map, p.tables().services, "the new key is inserted in place");
        assertEquals(rows + 1, p.tables().frontends, "one new row");
        assertEquals(Verdict.DNAT, Classification.verdict(p.classify(f.packetTo(0), 0, 7)));

        SyncStats d = p.sync(f.base().base(), f.delete(0));
        assertFalse(d.full(), "a delete is an incremental sync");
        assertEquals(1 + ServiceChurnFixture.PODS, d.mapElements(), "its master entry and slots removed");
        assertSame(before, p.tables(), "the published generation is kept");
        assertNotSame(map, p.tables().services, "the removal is published as a copy of the service map");
        assertEquals(rows + 1, p.tables().frontends, "no row is rewritten");
        assertEquals(Verdict.NONE, Classification.verdict(p.classify(f.packetTo(0), 1, 7)));
        assertEquals(fullRender, p.render(), "back to the full sync's maps, rev-NAT ids included");
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
        var p = new EbpfDataPlane(f.node(), IpFamily.IPv4, EbpfConfig.defaults().withLbMapMax(1 << 20));
        p.sync(f.base());
        String fullRender = p.render();
        var first = p.tables();
        int syncs = 2 * (p.tables().frontendRoom() + 1);
        ChangeSet back = ChangeSet.builder().updateSlice(f.base().slices().get(
                ((ChangeSet.SliceChange) f.step().changes().get(0)).ref())).build();
        for (int i = 0; i < syncs; i++) {
            SyncStats s = i % 2 == 0 ? p.sync(f.after(), f.step()) : p.sync(f.base(), back);
            assertFalse(s.full(), "sync " + i + " is incremental");
        }
        assertNotSame(first, p.tables(), "the room ran out: a compacted generation was published");
        assertEquals(fullRender, p.render(), "the same maps as the full sync");
    }
}
