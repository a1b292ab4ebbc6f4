package io.kpbench.conntrack;

import static io.kpbench.conntrack.Flows.CLUSTER_IP;
import static io.kpbench.conntrack.Flows.POD_A;
import static io.kpbench.conntrack.Flows.SECOND;
import static io.kpbench.conntrack.Flows.TCP;
import static io.kpbench.conntrack.Flows.UDP;
import static io.kpbench.conntrack.Flows.tuple;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.net.FiveTuple;
import org.junit.jupiter.api.Test;

class ConntrackCapacityTest {
    private static final int CAPACITY = 256;
    private final FiveTuple out = new FiveTuple();

    private static FiveTuple client(int i) {
        return tuple(0x0A00_0000 | i, 30000 + (i & 0x3FFF), CLUSTER_IP, 80, TCP);
    }

    /** Fills the table with TCP flows that completed the handshake (assured), or only sent a SYN. */
    private static ConntrackTable fill(boolean assured) {
        ConntrackTable t = new ConntrackTable(CAPACITY, 11L);
        FiveTuple o = new FiveTuple();
        for (int i = 0; i < CAPACITY; i++) {
            FiveTuple c = client(i);
            assertTrue(t.insert(c, TcpFlags.SYN, POD_A, 8080, 0, 0, o) >= 0);
            if (assured) {
                t.receive(tuple(POD_A, 8080, c.srcV4(), c.srcPort(), TCP), TcpFlags.SYN_ACK, 0, o);
                t.receive(c, TcpFlags.ACK, 0, o);
            }
        }
        assertEquals(CAPACITY, t.size());
        return t;
    }

    @Test
    void kubeProxySetsConntrackMaxFromCoresWithAFloor() {
        assertEquals(131_072, ConntrackLimits.conntrackMax(1));
        assertEquals(131_072, ConntrackLimits.conntrackMax(4));
        assertEquals(262_144, ConntrackLimits.conntrackMax(8));
        assertEquals(1_048_576, ConntrackLimits.conntrackMax(32));
    }

    @Test
    void aFullTableEarlyDropsNonAssuredEntriesToAdmitANewFlow() {
        ConntrackTable t = fill(false);
        long ref = t.insert(client(CAPACITY + 1), TcpFlags.SYN, POD_A, 8080, 0, 0, out);
        assertTrue(ref >= 0, ConntrackResult.describe(ref));
        long dropped = t.stats().earlyDrop();
        assertTrue(dropped >= 1, "early_drop_list drops every unassured entry of the bucket: " + dropped);
        assertEquals(CAPACITY - dropped + 1, t.size());
        assertEquals(0, t.stats().drop());
    }

    @Test
    void aTableFullOfAssuredEntriesDropsTheNewFlowAndCountsIt() {
        ConntrackTable t = fill(true);
        for (int k = 1; k <= 3; k++) {
            assertEquals(ConntrackResult.TABLE_FULL,
                    t.insert(client(CAPACITY + k), TcpFlags.SYN, POD_A, 8080, 0, SECOND, out));
        }
        ConntrackStats s = t.stats();
        assertEquals(3, s.drop());
        assertEquals(0, s.earlyDrop());
        assertEquals(CAPACITY, s.count());
    }

    @Test
    void afterTheirTimeoutsExpireNewFlowsAreAdmittedAgain() {
        ConntrackTable t = fill(true);
        long later = 86_401 * SECOND;
        long ref = t.insert(client(CAPACITY + 1), TcpFlags.SYN, POD_A, 8080, 0, later, out);
        assertTrue(ref >= 0, "expired neighbours are reclaimed on insert: " + ConntrackResult.describe(ref));
        int reclaimedOnInsert = CAPACITY + 1 - t.size();
        assertTrue(reclaimedOnInsert >= 1);
        assertEquals(0, t.stats().earlyDrop(), "reclaiming expired entries is not an early drop");
        assertEquals(CAPACITY - reclaimedOnInsert, t.gc(later, CAPACITY));
        assertEquals(1, t.size());
        assertEquals(CAPACITY, t.stats().expired());
        assertTrue(t.insert(client(CAPACITY + 2), TcpFlags.SYN, POD_A, 8080, 0, later, out) >= 0);
    }

    @Test
    void gcExaminesAtMostItsBudgetAndResumesWhereItStopped() {
        ConntrackTable t = new ConntrackTable(CAPACITY, 5L);
        for (int i = 0; i < CAPACITY; i++) {
            t.insert(tuple(0x0A00_0000 | i, 1000 + i, CLUSTER_IP, 53, UDP), 0, POD_A, 53, 0, 0, out);
        }
        assertEquals(100, t.gc(31 * SECOND, 100));
        assertEquals(CAPACITY - 100, t.size());
        assertEquals(CAPACITY - 100, t.gc(31 * SECOND, CAPACITY));
        assertEquals(0, t.size());
    }
}
