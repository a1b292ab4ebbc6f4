package io.kpbench.conntrack;

import static io.kpbench.conntrack.Flows.CLUSTER_IP;
import static io.kpbench.conntrack.Flows.NODE;
import static io.kpbench.conntrack.Flows.SECOND;
import static io.kpbench.conntrack.Flows.TCP;
import static io.kpbench.conntrack.Flows.UDP;
import static io.kpbench.conntrack.Flows.tuple;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One writer churning flows (insert, delete, expire and gc, hence entries freed and re-linked into other chains)
 * against one lock-free reader: stable flows are always found with their exact translation, churned flows are found
 * exactly or missed; in either family, a reader walking a long chain never misses an entry while nodes ahead of it
 * are removed and re-linked at its head (the kernel's {@code hlist_nulls} restart, {@code ____nf_conntrack_find}).
 */
class ConntrackConcurrencyTest {
    private static final int STABLE = 4000;
    private static final int CHURN = 8000;
    private static final long RUN_NANOS = 1_500_000_000L;

    private static int endpoint(int i) {
        return 0x0AF4_0000 | (i & 0xFF);
    }

    private static FiveTuple churned(int i) {
        return tuple(0x0B00_0000 | i, 10000 + (i & 0x3FFF), CLUSTER_IP, 53, UDP);
    }

    @Test
    void aLockFreeReaderNeverLosesAStableEntryNorSeesATornOne() throws Exception {
        ConntrackTable table = new ConntrackTable(8192, 77L);
        FiveTuple out = new FiveTuple();
        FiveTuple[] orig = new FiveTuple[STABLE];
        FiveTuple[] reply = new FiveTuple[STABLE];
        for (int i = 0; i < STABLE; i++) {
            orig[i] = tuple(0x0A00_0000 | i, 40000, CLUSTER_IP, 80, TCP);
            table.insert(orig[i], TcpFlags.SYN, endpoint(i), 8080, NODE, 0, out);
            reply[i] = tuple(endpoint(i), 8080, NODE, out.srcPort(), TCP);
            table.receive(reply[i], TcpFlags.SYN_ACK, 0, out);
            table.receive(orig[i], TcpFlags.ACK, 0, out);
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> failure = new AtomicReference<>();
        long[] writes = new long[1];
        Thread writer = new Thread(() -> {
            FiveTuple o = new FiveTuple();
            boolean[] present = new boolean[CHURN];
            long now = 0;
            int i = 0;
            while (!stop.get()) {
                i = (i * 1_103_515_245 + 12_345) & 0x7FFF_FFFF;
                int c = i % CHURN;
                if (present[c]) {
                    table.delete((i & 1) == 0 ? churned(c) : tuple(endpoint(c), 5353, 0x0B00_0000 | c,
                            10000 + (c & 0x3FFF), UDP));
                } else {
                    table.insert(churned(c), 0, endpoint(c), 5353, 0, now, o);
                }
                present[c] = !present[c];
                if ((++writes[0] & 0x3FFFF) == 0) {
                    now += 40 * SECOND;
                    table.gc(now, 8192);
                    java.util.Arrays.fill(present, false);
                }
            }
        });
        writer.start();
        long reads = 0;
        long churnHits = 0;
        long end = System.nanoTime() + RUN_NANOS;
        while (System.nanoTime() < end && failure.get() == null) {
            for (int k = 0; k < STABLE; k += 7) {
                if (table.lookup(orig[k], 0, out) < 0 || out.srcV4() != NODE || out.dstV4() != endpoint(k)
                        || out.dstPort() != 8080 || out.srcPort() != reply[k].dstPort()) {
                    failure.compareAndSet(null, "stable original " + k + " -> " + out);
                }
                if (table.lookup(reply[k], 0, out) < 0 || out.srcV4() != CLUSTER_IP || out.srcPort() != 80
                        || out.dstV4() != orig[k].srcV4() || out.dstPort() != 40000) {
                    failure.compareAndSet(null, "stable reply " + k + " -> " + out);
                }
                int c = (k * 31 + (int) reads) % CHURN;
                FiveTuple ch = churned(c);
                if (table.lookup(ch, 0, out) >= 0) {
                    churnHits++;
                    if (out.srcV4() != ch.srcV4() || out.srcPort() != ch.srcPort() || out.dstV4() != endpoint(c)
                            || out.dstPort() != 5353 || out.protocol() != UDP) {
                        failure.compareAndSet(null, "churned " + c + " torn -> " + out);
                    }
                }
                reads += 3;
            }
        }
        stop.set(true);
        writer.join();
        assertNull(failure.get());
        assertTrue(writes[0] > 1000, "writer made progress: " + writes[0]);
        assertTrue(churnHits > 0 && reads > 10_000, "reads " + reads + ", churn hits " + churnHits);
        assertEquals(ConnState.ASSURED, table.connState(table.lookup(orig[0], 0, out)));
    }

    /**
     * {@code count} UDP tuples of {@code family} from clients {@code base + i} whose original direction hashes into
     * bucket {@code bucket} of {@code table}.
     */
    private static List<FiveTuple> collidingTuples(ConntrackTable table, int bucket, int count, IpAddress base) {
        IpAddress service = IpAddress.parse(table.family() == IpFamily.IPv4 ? "10.96.0.10" : "fd00:10:96::a");
        List<FiveTuple> found = new ArrayList<>();
        for (int i = 0; found.size() < count; i++) {
            FiveTuple t = new FiveTuple().set(base.hi(), base.lo() + i, 10000, service.hi(), service.lo(), 53, UDP);
            if (table.bucketOf(t) == bucket) {
                found.add(t);
            }
        }
        return found;
    }

    @ParameterizedTest
    @EnumSource(IpFamily.class)
    void aReaderWalkingALongChainNeverMissesEntriesThatAreRelinkedAroundIt(IpFamily family) throws Exception {
        boolean v4 = family == IpFamily.IPv4;
        ConntrackTable table = new ConntrackTable(family, 8192, 256, 5L);
        IpAddress churnedPod = IpAddress.parse(v4 ? "10.244.0.1" : "fd00:10:244::1");
        IpAddress stablePod = IpAddress.parse(v4 ? "10.244.0.2" : "fd00:10:244::2");
        FiveTuple out = new FiveTuple();
        List<FiveTuple> churn = collidingTuples(table, 100, 200, IpAddress.parse(v4 ? "11.0.0.0" : "2001:db8:0:1::"));
        List<FiveTuple> stable = collidingTuples(table, 100, 200, IpAddress.parse(v4 ? "12.0.0.0" : "2001:db8:0:2::"));
        for (FiveTuple t : churn) {
            table.insert(t, 0, churnedPod.hi(), churnedPod.lo(), 53, 0, 0, 0, out);
        }
        for (FiveTuple t : stable) {
            table.insert(t, 0, stablePod.hi(), stablePod.lo(), 53, 0, 0, 0, out);
        }
        AtomicBoolean stop = new AtomicBoolean();
        long[] writes = new long[1];
        Thread writer = new Thread(() -> {
            FiveTuple o = new FiveTuple();
            for (int k = 0; !stop.get(); k = (k + 1) % churn.size()) {
                table.delete(churn.get(k));
                table.insert(churn.get(k), 0, churnedPod.hi(), churnedPod.lo(), 53, 0, 0, 0, o);
                writes[0]++;
            }
        });
        writer.start();
        long misses = 0;
        long reads = 0;
        long end = System.nanoTime() + RUN_NANOS / 2;
        while (System.nanoTime() < end) {
            for (FiveTuple t : stable) {
                if (table.lookup(t, 0, out) < 0 || out.dstHi() != stablePod.hi() || out.dstLo() != stablePod.lo()
                        || out.srcHi() != t.srcHi() || out.srcLo() != t.srcLo()) {
                    misses++;
                }
                reads++;
            }
        }
        stop.set(true);
        writer.join();
        assertEquals(0, misses, "lost or torn entries in " + reads + " reads against " + writes[0]
                + " delete+insert");
        assertTrue(writes[0] > 100 && reads > 10_000, "reads " + reads + ", writes " + writes[0]);
    }
}
