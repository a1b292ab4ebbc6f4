package io.kpbench.conntrack;

import static io.kpbench.conntrack.Flows.CLUSTER_IP;
import static io.kpbench.conntrack.Flows.NODE;
import static io.kpbench.conntrack.Flows.POD_A;
import static io.kpbench.conntrack.Flows.TCP;
import static io.kpbench.conntrack.Flows.UDP;
import static io.kpbench.conntrack.Flows.tuple;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpFamily;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cost of a conntrack lookup grows with its chain, as in Linux 6.12 {@code nf_conntrack_core.c}:
 * {@code ____nf_conntrack_find} walks the chain of the tuple's bucket comparing tuples, and
 * {@code __nf_conntrack_hash_insert} adds the original and then the reply tuple of each new entry at the head of
 * its chain ({@code hlist_nulls_add_head_rcu}). With N entries in H buckets a chain holds about {@code 2·N/H}
 * tuples: a miss walks all of them, a hit stops at its own, {@code 1 + N/H} nodes on average.
 */
class ConntrackChainTest {
    private static final int BUCKETS = 1024;
    private final FiveTuple out = new FiveTuple();

    private static FiveTuple client(int i) {
        return tuple(0x0A00_0000 | i, 30000 + (i & 0x3FFF), CLUSTER_IP, 80, TCP);
    }

    /** A table of {@code flows} masqueraded flows in {@link #BUCKETS} buckets; their tuples in insertion order. */
    private static ConntrackTable fill(int flows, List<FiveTuple> inserted) {
        ConntrackTable t = new ConntrackTable(IpFamily.IPv4, flows, BUCKETS, 3L);
        FiveTuple o = new FiveTuple();
        for (int i = 0; i < flows; i++) {
            FiveTuple c = client(i);
            assertTrue(t.insert(c, TcpFlags.SYN, POD_A, 8080, NODE, 0, o) >= 0);
            inserted.add(c);
            inserted.add(tuple(POD_A, 8080, NODE, o.srcPort(), TCP));
        }
        return t;
    }

    private long nodes(ConntrackTable t, FiveTuple pkt) {
        return ConntrackResult.chainNodes(t.lookupCounted(pkt, 0, out));
    }

    @ParameterizedTest(name = "N = {0}")
    @ValueSource(ints = {BUCKETS / 2, BUCKETS, 4 * BUCKETS})
    @DisplayName("a lookup visits about 2N/H chain nodes on a miss and 1 + N/H on a hit, as ____nf_conntrack_find "
            + "walks a chain of 2N/H tuples")
    void chainNodesPerLookupGrowWithEntriesPerBucket(int flows) {
        ConntrackTable t = fill(flows, new ArrayList<>());
        double perBucket = (double) flows / BUCKETS;

        long hitNodes = 0;
        for (int i = 0; i < flows; i++) {
            long r = t.lookupCounted(client(i), 0, out);
            assertTrue(ConntrackResult.code(r) >= 0, "flow " + i + " is found");
            hitNodes += ConntrackResult.chainNodes(r);
        }
        double perHit = hitNodes / (double) flows;
        assertEquals(1 + perBucket, perHit, 0.05 * (1 + perBucket), "chain nodes per hit at N/H = " + perBucket);

        int misses = 200_000;
        long missNodes = 0;
        for (int i = 0; i < misses; i++) {
            long r = t.lookupCounted(tuple(0x0C00_0000 | i, 1000 + (i & 0x7FFF), CLUSTER_IP, 53, UDP), 0, out);
            assertEquals(ConntrackResult.MISS, ConntrackResult.code(r));
            missNodes += ConntrackResult.chainNodes(r);
        }
        double perMiss = missNodes / (double) misses;
        assertEquals(2 * perBucket, perMiss, 0.05 * 2 * perBucket, "chain nodes per miss at N/H = " + perBucket);
    }

    @Test
    @DisplayName("each hit visits exactly the nodes from its chain's head to its own tuple, and a miss the whole "
            + "chain (____nf_conntrack_find over hlist_nulls_add_head_rcu insertion)")
    void aLookupCostsOneNodePerTupleAheadOfItInItsChainPlusItself() {
        List<FiveTuple> inserted = new ArrayList<>();
        ConntrackTable t = fill(3 * BUCKETS, inserted);
        int[] chainLength = new int[BUCKETS];
        for (FiveTuple pkt : inserted) {
            chainLength[t.bucketOf(pkt)]++;
        }
        int[] newer = new int[BUCKETS];
        for (int k = inserted.size() - 1; k >= 0; k--) {
            FiveTuple pkt = inserted.get(k);
            int b = t.bucketOf(pkt);
            assertEquals(newer[b] + 1, nodes(t, pkt), "tuple " + k + " has " + newer[b] + " newer tuples ahead");
            newer[b]++;
        }
        for (int i = 0; i < 2000; i++) {
            FiveTuple miss = tuple(0x0C00_0000 | i, 1000 + i, CLUSTER_IP, 53, UDP);
            assertEquals(chainLength[t.bucketOf(miss)], nodes(t, miss), "a miss walks its whole chain");
        }
    }

    @Test
    @DisplayName("in one chain the newest entry comes first, its reply tuple ahead of its original "
            + "(__nf_conntrack_hash_insert, hlist_nulls_add_head_rcu), and a delete unlinks both")
    void headInsertionPutsTheNewestTupleFirstAndTheReplyAheadOfItsOriginal() {
        ConntrackTable t = new ConntrackTable(IpFamily.IPv4, 8, 1, 9L);
        FiveTuple[] orig = new FiveTuple[3];
        FiveTuple[] reply = new FiveTuple[3];
        for (int i = 0; i < 3; i++) {
            orig[i] = tuple(0x0A00_0001 + i, 40000, CLUSTER_IP, 80, TCP);
            t.insert(orig[i], TcpFlags.SYN, POD_A, 8080, 0, 0, out);
            reply[i] = tuple(POD_A, 8080, orig[i].srcV4(), 40000, TCP);
        }
        assertEquals(1, nodes(t, reply[2]));
        assertEquals(2, nodes(t, orig[2]));
        assertEquals(3, nodes(t, reply[1]));
        assertEquals(4, nodes(t, orig[1]));
        assertEquals(5, nodes(t, reply[0]));
        assertEquals(6, nodes(t, orig[0]));
        assertEquals(6, nodes(t, client(99)), "a miss walks the whole chain");

        assertTrue(t.delete(orig[1]));
        assertEquals(4, nodes(t, orig[0]), "both tuples of the deleted entry left the chain");
        assertEquals(ConntrackResult.MISS, ConntrackResult.code(t.lookupCounted(reply[1], 0, out)));
        assertEquals(4, nodes(t, reply[1]));
    }

    @Test
    void aCountedLookupReturnsTheSameReferenceAndTranslationAsLookup() {
        ConntrackTable t = new ConntrackTable(IpFamily.IPv4, 64, 4, 9L);
        FiveTuple syn = client(1);
        long ref = t.insert(syn, TcpFlags.SYN, POD_A, 8080, NODE, 0, out);
        String translated = out.toString();
        long counted = t.lookupCounted(syn, 0, out);
        assertEquals(ref, ConntrackResult.code(counted));
        assertEquals(translated, out.toString());
        assertEquals(ref, t.lookup(syn, 0, out));
    }
}
