package io.kpbench.conntrack;

import static io.kpbench.conntrack.Flows.CLUSTER_IP;
import static io.kpbench.conntrack.Flows.NODE;
import static io.kpbench.conntrack.Flows.POD_A;
import static io.kpbench.conntrack.Flows.UDP;
import static io.kpbench.conntrack.Flows.tuple;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.net.FiveTuple;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NatPortAllocationTest {
    private final FiveTuple out = new FiveTuple();

    @Test
    void randomFullyGivesEveryMasqueradedFlowToTheSameEndpointADistinctNodePort() {
        ConntrackTable t = new ConntrackTable(40_000, 99L);
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 30_000; i++) {
            // every client uses source port 40000: without port allocation their reply tuples would collide
            long ref = t.insert(tuple(0x0A00_0000 | i, 40000, CLUSTER_IP, 53, UDP), 0, POD_A, 5353, NODE, 0, out);
            assertTrue(ref >= 0, ConntrackResult.describe(ref));
            assertEquals(NODE, out.srcV4());
            assertTrue(out.srcPort() >= 1024, "port in the ephemeral range");
            assertTrue(ports.add(out.srcPort()), "port " + out.srcPort() + " reused");
        }
        for (int i = 0; i < 30_000; i += 997) {
            FiveTuple o = tuple(0x0A00_0000 | i, 40000, CLUSTER_IP, 53, UDP);
            t.lookup(o, 0, out);
            FiveTuple reply = tuple(POD_A, 5353, NODE, out.srcPort(), UDP);
            t.lookup(reply, 0, out);
            assertEquals(0x0A00_0000 | i, out.dstV4());
        }
    }

    @Test
    void theFirstPortPickedIsRandomNotTheClientsPort() {
        ConntrackTable t = new ConntrackTable(16, 1L);
        int same = 0;
        for (int i = 0; i < 8; i++) {
            t.insert(tuple(0x0A00_0000 | i, 40000 + i, CLUSTER_IP, 53, UDP), 0, POD_A, 53, NODE, 0, out);
            same += out.srcPort() == 40000 + i ? 1 : 0;
        }
        assertTrue(same < 2);
    }

    @Test
    void privilegedSourcePortsStayPrivileged() {
        ConntrackTable t = new ConntrackTable(16, 2L);
        t.insert(tuple(CLUSTER_IP + 1, 700, CLUSTER_IP, 53, UDP), 0, POD_A, 53, NODE, 0, out);
        assertTrue(out.srcPort() >= 600 && out.srcPort() <= 1023, "port " + out.srcPort());
        t.insert(tuple(CLUSTER_IP + 1, 100, CLUSTER_IP, 53, UDP), 0, POD_A, 53, NODE, 0, out);
        assertTrue(out.srcPort() >= 1 && out.srcPort() <= 511, "port " + out.srcPort());
    }

    @Test
    void whenEveryPortIsTakenTheInsertFailsAndIsCounted() {
        ConntrackTable t = new ConntrackTable(600, 3L);
        int ok = 0;
        for (int i = 0; i < 600; i++) {
            long r = t.insert(tuple(0x0A00_0000 | i, 100, CLUSTER_IP, 53, UDP), 0, POD_A, 53, NODE, 0, out);
            ok += r >= 0 ? 1 : 0;
        }
        assertTrue(ok <= 511);
        assertEquals(600 - ok, t.stats().insertFailed());
        assertTrue(ok > 400, "the halving rounds still find most free ports: " + ok);
    }
}
