package io.kpbench.proxy.userspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.net.IpFamily;
import io.kpbench.proxy.IncrementalFixture;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An incremental sync of the userspace mode is O(the changed service port), shown structurally (no timing): at
 * 10,000 services a one-endpoint rolling-update step writes one balancer state and its 10-endpoint rotation,
 * appended to the published generation, whose arrays stay in place.
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
}
