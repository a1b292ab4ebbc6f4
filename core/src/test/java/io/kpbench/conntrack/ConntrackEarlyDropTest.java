package io.kpbench.conntrack;

import static io.kpbench.conntrack.Flows.CLUSTER_IP;
import static io.kpbench.conntrack.Flows.POD_A;
import static io.kpbench.conntrack.Flows.SECOND;
import static io.kpbench.conntrack.Flows.TCP;
import static io.kpbench.conntrack.Flows.tuple;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.net.FiveTuple;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Early drop as Linux 6.12 {@code nf_conntrack_core.c} does it: {@code early_drop} walks up to
 * {@code NF_CT_EVICTION_RANGE} (8) buckets from the new tuple's bucket, and {@code early_drop_list} drops every
 * non-assured entry of the first bucket that has any. The buckets are the table's chains, {@code nf_conntrack_max}
 * of them (the kernel's default pairing).
 */
class ConntrackEarlyDropTest {
    private static final int CAPACITY = 256;
    private final FiveTuple out = new FiveTuple();

    private static FiveTuple client(int i) {
        return tuple(0x0A00_0000 | i, 30000 + (i & 0x3FFF), CLUSTER_IP, 80, TCP);
    }

    private static FiveTuple reply(int i) {
        FiveTuple c = client(i);
        return tuple(POD_A, 8080, c.srcV4(), c.srcPort(), TCP);
    }

    /** A full table of SYN-only flows, all assured except {@code unassured} (-1: none assured at all). */
    private static ConntrackTable fill(boolean assured, int unassured) {
        ConntrackTable t = new ConntrackTable(CAPACITY, 11L);
        FiveTuple o = new FiveTuple();
        for (int i = 0; i < CAPACITY; i++) {
            assertTrue(t.insert(client(i), TcpFlags.SYN, POD_A, 8080, 0, 0, o) >= 0);
            assertTrue(t.lookup(reply(i), 0, o) >= 0, "the reply tuple keeps the client's port");
            if (assured && i != unassured) {
                t.receive(reply(i), TcpFlags.SYN_ACK, 0, o);
                t.receive(client(i), TcpFlags.ACK, 0, o);
            }
        }
        return t;
    }

    /** Distance from bucket {@code from} forward to bucket {@code to}, modulo the bucket count. */
    private static int ahead(ConntrackTable t, int from, int to) {
        return Math.floorMod(to - from, t.buckets());
    }

    /** The entries (by client index) the kernel drops for a new tuple in bucket {@code b} of an all-unassured table. */
    private static Set<Integer> expectedVictims(ConntrackTable t, int b) {
        for (int k = 0; k < ConntrackSlowPath.EVICTION_RANGE; k++) {
            int bucket = (b + k) % t.buckets();
            Set<Integer> victims = new HashSet<>();
            for (int i = 0; i < CAPACITY; i++) {
                if (t.bucketOf(client(i)) == bucket || t.bucketOf(reply(i)) == bucket) {
                    victims.add(i);
                }
            }
            if (!victims.isEmpty()) {
                return victims;
            }
        }
        return Set.of();
    }

    @Test
    void earlyDropListDropsEveryUnassuredEntryOfTheFirstBucketThatHasAny() {
        int multiple = 0;
        for (int n = CAPACITY; n < CAPACITY + 40; n++) {
            ConntrackTable t = fill(false, -1);
            Set<Integer> victims = expectedVictims(t, t.bucketOf(client(n)));
            long ref = t.insert(client(n), TcpFlags.SYN, POD_A, 8080, 0, SECOND, out);
            assertTrue(ref >= 0, ConntrackResult.describe(ref));
            assertEquals(victims.size(), t.stats().earlyDrop(), "flow " + n);
            assertEquals(CAPACITY - victims.size() + 1, t.size(), "flow " + n);
            for (int v : victims) {
                assertEquals(ConntrackResult.MISS, t.lookup(client(v), SECOND, out), "victim " + v);
            }
            multiple += victims.size() > 1 ? 1 : 0;
        }
        assertTrue(multiple > 0, "some bucket held two or more entries, and all went at once");
    }

    @Test
    void earlyDropLooksAtEightBucketsFromTheNewTuplesBucketAndNoFurther() {
        int x = 77;
        ConntrackTable probe = fill(true, x);
        int bx1 = probe.bucketOf(client(x));
        int bx2 = probe.bucketOf(reply(x));
        int within = -1;
        int beyond = -1;
        for (int n = CAPACITY; n < CAPACITY + 20_000 && (within < 0 || beyond < 0); n++) {
            int b = probe.bucketOf(client(n));
            int d = Math.min(ahead(probe, b, bx1), ahead(probe, b, bx2));
            if (d == ConntrackSlowPath.EVICTION_RANGE - 1 && within < 0) {
                within = n;
            } else if (d == ConntrackSlowPath.EVICTION_RANGE && beyond < 0) {
                beyond = n;
            }
        }
        assertTrue(within >= 0 && beyond >= 0, "found flows 7 and 8 buckets before the unassured entry");

        ConntrackTable t = fill(true, x);
        assertEquals(ConntrackResult.TABLE_FULL, t.insert(client(beyond), TcpFlags.SYN, POD_A, 8080, 0, SECOND, out),
                "the unassured entry is 8 buckets ahead: out of range");
        assertEquals(0, t.stats().earlyDrop());
        long ref = t.insert(client(within), TcpFlags.SYN, POD_A, 8080, 0, SECOND, out);
        assertTrue(ref >= 0, "7 buckets ahead: in range, " + ConntrackResult.describe(ref));
        assertEquals(1, t.stats().earlyDrop());
        assertEquals(ConntrackResult.MISS, t.lookup(client(x), SECOND, out));
    }

    /**
     * A stream of new flows, each expiring soon after (the journey benchmark's pattern): the room that expired
     * entries hold is found by the gc pass an insert runs when no entry is free (the kernel's {@code gc_worker}
     * keeps a table clear of them), so no insert is refused while the table holds only a few live flows. Before
     * that pass, early drop's 8 buckets were the only way back to expired room, and an insert whose 8 buckets
     * reclamation had already emptied was refused.
     */
    @Test
    void aStreamOfShortLivedFlowsNeverFillsTheTableWithExpiredEntries() {
        ConntrackTable t = new ConntrackTable(CAPACITY, 11L);
        FiveTuple o = new FiveTuple();
        long now = 0;
        int refused = 0;
        for (int i = 0; i < 200 * CAPACITY; i++) {
            now += 5 * SECOND;
            FiveTuple c = tuple(0x0A00_0000 | (i % 60_000), 1024 + (i % 60_000), CLUSTER_IP, 80, TCP);
            long r = t.insert(c, TcpFlags.SYN, POD_A, 8080, 0, now, o);
            refused += r == ConntrackResult.TABLE_FULL ? 1 : 0;
        }
        assertEquals(0, refused, "inserts refused while at most 24 of " + CAPACITY + " flows were alive (120 s SYN_SENT)");
    }
}
