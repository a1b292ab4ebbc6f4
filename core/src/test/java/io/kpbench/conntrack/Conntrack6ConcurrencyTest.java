package io.kpbench.conntrack;

import static io.kpbench.conntrack.Flows.UDP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.net.FiveTuple;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The IPv6 table under one churning writer: entries shifted back by deletes are never lost to a reader. */
class Conntrack6ConcurrencyTest {
    private static final long SERVICE_HI = 0xFD00_0010_0096_0000L;
    private static final long POD_HI = 0xFD00_0010_0244_0001L;

    private static List<FiveTuple> colliding(Conntrack6Table table, int home, int count, long clientHi) {
        List<FiveTuple> found = new ArrayList<>();
        for (long i = 1; found.size() < count; i++) {
            FiveTuple t = new FiveTuple().set(clientHi, i, 10000, SERVICE_HI, 10, 53, UDP);
            long h = TupleKey.hash6(t.srcHi(), t.srcLo(), t.dstHi(), t.dstLo(), TupleKey.ports(t), table.seed);
            if ((((int) h & table.mask) - home & table.mask) < 8) {
                found.add(t);
            }
        }
        return found;
    }

    @Test
    void aReaderProbingALongClusterNeverMissesEntriesThatDeletesShiftBack() throws Exception {
        Conntrack6Table table = new Conntrack6Table(4096, 6L);
        FiveTuple out = new FiveTuple();
        List<FiveTuple> churn = colliding(table, 500, 150, 0x2001_0DB8_0000_0001L);
        List<FiveTuple> stable = colliding(table, 500, 150, 0x2001_0DB8_0000_0002L);
        for (FiveTuple t : churn) {
            table.insert(t, 0, POD_HI, 1, 53, 0, 0, 0, out);
        }
        for (FiveTuple t : stable) {
            table.insert(t, 0, POD_HI, 2, 53, 0, 0, 0, out);
        }
        AtomicBoolean stop = new AtomicBoolean();
        long[] writes = new long[1];
        Thread writer = new Thread(() -> {
            FiveTuple o = new FiveTuple();
            for (int k = 0; !stop.get(); k = (k + 1) % churn.size()) {
                table.delete(churn.get(k));
                table.insert(churn.get(k), 0, POD_HI, 1, 53, 0, 0, 0, o);
                writes[0]++;
            }
        });
        writer.start();
        long misses = 0;
        long reads = 0;
        long end = System.nanoTime() + 700_000_000L;
        while (System.nanoTime() < end) {
            for (FiveTuple t : stable) {
                if (table.lookup(t, 0, out) < 0 || out.dstHi() != POD_HI || out.dstLo() != 2
                        || out.srcLo() != t.srcLo()) {
                    misses++;
                }
                reads++;
            }
        }
        stop.set(true);
        writer.join();
        assertEquals(0, misses, "lost or torn entries in " + reads + " reads against " + writes[0] + " writes");
        assertTrue(writes[0] > 100 && reads > 10_000);
    }
}
