package io.kpbench.conntrack;

import static io.kpbench.conntrack.Flows.TCP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The established fast path allocates nothing in either family: lookup, the counted lookup and the refresh-only
 * receive.
 */
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

    private static long runCounted(ConntrackTable table, FiveTuple[] pkts, FiveTuple out) {
        long sum = 0;
        for (int i = 0; i < LOOKUPS; i++) {
            sum += ConntrackResult.code(table.lookupCounted(pkts[i & (FLOWS - 1)], i, out));
        }
        return sum;
    }

    @ParameterizedTest
    @EnumSource(IpFamily.class)
    void establishedLookupsAndRefreshesAllocateNothing(IpFamily family) {
        boolean v4 = family == IpFamily.IPv4;
        IpAddress client = IpAddress.parse(v4 ? "10.0.0.0" : "2001:db8::");
        IpAddress service = IpAddress.parse(v4 ? "10.96.0.10" : "fd00:10:96::a");
        IpAddress pod = IpAddress.parse(v4 ? "10.244.1.5" : "fd00:10:244:1::5");
        IpAddress node = IpAddress.parse(v4 ? "192.168.1.10" : "fd00:1::10");
        ConntrackTable table = new ConntrackTable(family, 2 * FLOWS, 17L);
        FiveTuple out = new FiveTuple();
        FiveTuple[] pkts = new FiveTuple[FLOWS];
        for (int i = 0; i < FLOWS; i++) {
            FiveTuple c = new FiveTuple().set(client.hi(), client.lo() + i, 40000, service.hi(), service.lo(), 80, TCP);
            table.insert(c, TcpFlags.SYN, pod.hi(), pod.lo(), 8080, node.hi(), node.lo(), 0, out);
            FiveTuple r = new FiveTuple().set(pod.hi(), pod.lo(), 8080, node.hi(), node.lo(), out.srcPort(), TCP);
            table.receive(r, TcpFlags.SYN_ACK, 0, out);
            table.receive(c, TcpFlags.ACK, 0, out);
            pkts[i] = (i & 1) == 0 ? c : r;
        }
        for (int round = 0; round < 20; round++) {
            run(table, pkts, out, false);
            run(table, pkts, out, true);
            runCounted(table, pkts, out);
        }
        long before = allocatedBytes();
        long a = run(table, pkts, out, false);
        long b = run(table, pkts, out, true);
        long c = runCounted(table, pkts, out);
        long allocated = allocatedBytes() - before;
        assertEquals(a, b, "receive takes the fast path and returns the same references");
        assertEquals(a, c, "the counted lookup returns the same references");
        assertTrue(a > 0);
        assertTrue(allocated < 1024, "allocated " + allocated + " bytes in " + 3 * LOOKUPS + " lookups");
    }
}
