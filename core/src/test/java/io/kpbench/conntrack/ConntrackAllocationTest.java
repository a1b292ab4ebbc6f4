package io.kpbench.conntrack;

import static io.kpbench.conntrack.Flows.CLUSTER_IP;
import static io.kpbench.conntrack.Flows.NODE;
import static io.kpbench.conntrack.Flows.POD_A;
import static io.kpbench.conntrack.Flows.TCP;
import static io.kpbench.conntrack.Flows.tuple;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.net.FiveTuple;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The established fast path allocates nothing: {@code lookup} and the refresh-only {@code receive}. */
class ConntrackAllocationTest {
    private static final int FLOWS = 4096;
    private static final int LOOKUPS = 100_000;

    private static long allocatedBytes() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return mx.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    private static long run(ConntrackTable table, FiveTuple[] pkts, FiveTuple out, boolean receive) {
        long sum = 0;
        for (int i = 0; i < LOOKUPS; i++) {
            FiveTuple p = pkts[i & (FLOWS - 1)];
            sum += receive ? table.receive(p, TcpFlags.ACK, i, out) : table.lookup(p, i, out);
        }
        return sum;
    }

    @Test
    void establishedLookupsAndRefreshesAllocateNothing() {
        ConntrackTable table = new ConntrackTable(2 * FLOWS, 17L);
        FiveTuple out = new FiveTuple();
        FiveTuple[] pkts = new FiveTuple[FLOWS];
        for (int i = 0; i < FLOWS; i++) {
            FiveTuple c = tuple(0x0A00_0000 | i, 40000, CLUSTER_IP, 80, TCP);
            table.insert(c, TcpFlags.SYN, POD_A, 8080, NODE, 0, out);
            FiveTuple r = tuple(POD_A, 8080, NODE, out.srcPort(), TCP);
            table.receive(r, TcpFlags.SYN_ACK, 0, out);
            table.receive(c, TcpFlags.ACK, 0, out);
            pkts[i] = (i & 1) == 0 ? c : r;
        }
        for (int round = 0; round < 20; round++) {
            run(table, pkts, out, false);
            run(table, pkts, out, true);
        }
        long before = allocatedBytes();
        long a = run(table, pkts, out, false);
        long b = run(table, pkts, out, true);
        long allocated = allocatedBytes() - before;
        assertEquals(a, b, "receive takes the fast path and returns the same references");
        assertTrue(a > 0);
        assertTrue(allocated < 1024, "allocated " + allocated + " bytes in " + 2 * LOOKUPS + " lookups");
    }
}
