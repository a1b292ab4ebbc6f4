package io.kpbench.proxy.ebpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.net.IpFamily;
import io.kpbench.proxy.IncrementalFixture;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An incremental sync of the eBPF mode is O(the changed service), shown structurally (no timing): at 10,000
 * services a one-endpoint rolling-update step writes one frontend's entries and one backend, appends one row
 * and its slots, and leaves every array of the published generation in place (nothing is copied).
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
}
