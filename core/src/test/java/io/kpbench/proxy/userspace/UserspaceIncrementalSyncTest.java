package io.kpbench.proxy.userspace;

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
 * An incremental sync of the userspace mode is O(the changed service port), shown structurally (no timing): at
 * 10,000 services a one-endpoint rolling-update step writes one balancer state and its 10-endpoint rotation,
 * appended to the published generation, whose arrays stay in place; a service created opens only its own
 * portal and balancer state, and a service deleted closes only its own (through a copy of the portal map).
 */
class UserspaceIncrementalSyncTest {

    @Test
    void aOneEndpointChangeAtTenThousandServicesWritesOnlyThatServicePortsRotation() {
        IncrementalFixture f = IncrementalFixture.build();
        UserspaceDataPlane p = new UserspaceDataPlane(f.node(), IpFamily.IPv4, 1024);
        p.sync(f.base());
        UserspaceTables before = p.tables();
        int used = before.endpointsUsed;
        int[] endpoints = before.endpoints;
        long[] ranges = before.epRange;
        String[] texts = before.epText;

        UserspaceTables after = f.stepInPlace(p, p::tables, 1 + IncrementalFixture.ENDPOINTS,
                "one balancer state and its rotation");

        assertSame(endpoints, after.endpoints, "the rotation is appended in place, not copied");
        assertSame(ranges, after.epRange, "the service ports' ranges are switched in place, not copied");
        assertSame(texts, after.epText, "the endpoint table is written in place, not copied");
        assertEquals(used + IncrementalFixture.ENDPOINTS, after.endpointsUsed);
        assertTrue(p.render().contains(f.newPod()), "the new pod is in a rotation");
    }

    @Test
    void aReaderRacingIncrementalSyncsSeesOnlyWholeOldOrNewEndpointSets() throws InterruptedException {
        IncrementalFixture f = IncrementalFixture.build();
        List<String> bad = f.racingReader(new UserspaceDataPlane(f.node(), IpFamily.IPv4, 1024), 2000);
        assertTrue(bad.isEmpty(), "the reader saw " + bad);
    }

    @Test
    void aServiceCreatedThenDeletedAtTenThousandServicesWritesOnlyItsOwnEntries() {
        ServiceChurnFixture f = ServiceChurnFixture.build();
        UserspaceDataPlane p = new UserspaceDataPlane(f.base().node(), IpFamily.IPv4, 1024);
        p.sync(f.base().base());
        UserspaceTables before = p.tables();
        String fullRender = p.render();
        int ports = before.servicePorts;
        LinearProbeLongIntMap portals = before.portals;

        f.createsIncrementally(p, 1 + ServiceChurnFixture.PODS);
        assertSame(before, p.tables(), "the published generation is kept, its rotation appended in place");
        assertSame(portals, p.tables().portals, "the portal is inserted in place");
        assertEquals(ports + 1, p.tables().servicePorts, "one new balancer state and its rotation");

        f.deletesIncrementally(p, 1 + ServiceChurnFixture.PODS, fullRender);
        assertSame(before, p.tables(), "the published generation is kept");
        assertNotSame(portals, p.tables().portals, "the removal is published as a copy of the portal map");
    }

    @Test
    void aReaderRacingServiceCreatesAndDeletesAlwaysFindsTheOtherServices() throws InterruptedException {
        ServiceChurnFixture f = ServiceChurnFixture.build();
        List<String> bad = f.racingReader(new UserspaceDataPlane(f.base().node(), IpFamily.IPv4, 1024), 25);
        assertTrue(bad.isEmpty(), "the reader saw " + bad);
    }

    @Test
    void syncsPastTheReservedRoomCompactTheLiveRotationsInsteadOfRecompiling() {
        IncrementalFixture f = IncrementalFixture.build();
        UserspaceDataPlane p = new UserspaceDataPlane(f.node(), IpFamily.IPv4, 1024);
        p.sync(f.base());
        f.compactsPastTheRoom(p, p::tables, 2 * (p.tables().endpointRoom() / IncrementalFixture.ENDPOINTS + 1));
    }
}
