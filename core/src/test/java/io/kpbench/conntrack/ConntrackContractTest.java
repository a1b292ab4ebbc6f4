package io.kpbench.conntrack;

import static io.kpbench.conntrack.Flows.CLIENT;
import static io.kpbench.conntrack.Flows.CLUSTER_IP;
import static io.kpbench.conntrack.Flows.NODE;
import static io.kpbench.conntrack.Flows.POD_A;
import static io.kpbench.conntrack.Flows.SECOND;
import static io.kpbench.conntrack.Flows.TCP;
import static io.kpbench.conntrack.Flows.UDP;
import static io.kpbench.conntrack.Flows.tuple;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.net.FiveTuple;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The behaviour every {@link Conntrack} shares: the table and its ConcurrentHashMap baseline. */
class ConntrackContractTest {
    /** The implementations under test. */
    enum Impl {
        TABLE {
            @Override
            Conntrack create(int capacity) {
                return new ConntrackTable(capacity, 21L);
            }
        },
        CONCURRENT_HASH_MAP {
            @Override
            Conntrack create(int capacity) {
                return new ConcurrentHashMapConntrack(capacity, 21L);
            }
        };

        abstract Conntrack create(int capacity);
    }

    private final FiveTuple out = new FiveTuple();

    @ParameterizedTest
    @EnumSource(Impl.class)
    void originalIsDnatedAndMasqueradedAndTheReplyIsReversed(Impl impl) {
        Conntrack ct = impl.create(64);
        FiveTuple syn = tuple(CLIENT, 40000, CLUSTER_IP, 80, TCP);
        long ref = ct.insert(syn, TcpFlags.SYN, POD_A, 8080, NODE, 0, out);
        assertTrue(ref >= 0);
        int port = out.srcPort();
        assertEquals("TCP 192.168.1.10:" + port + " -> 10.244.1.5:8080", out.toString());
        long r = ct.receive(tuple(POD_A, 8080, NODE, port, TCP), TcpFlags.SYN_ACK, SECOND, out);
        assertEquals(ref | ConntrackResult.REPLY, r);
        assertEquals("TCP 10.96.0.10:80 -> 203.0.113.7:40000", out.toString());
        assertEquals(ref, ct.receive(syn, TcpFlags.ACK, SECOND, out));
        assertEquals(ref, ct.lookup(syn, 86_400 * SECOND, out));
        assertEquals(ConntrackResult.MISS, ct.lookup(syn, 86_402 * SECOND, out));
    }

    @ParameterizedTest
    @EnumSource(Impl.class)
    void udpFlowsExpireAfterThirtySecondsAndGcReclaimsThem(Impl impl) {
        Conntrack ct = impl.create(64);
        for (int i = 0; i < 10; i++) {
            ct.insert(tuple(CLIENT, 1000 + i, CLUSTER_IP, 53, UDP), 0, POD_A, 53, 0, 0, out);
        }
        assertEquals(10, ct.size());
        assertEquals(0, ct.gc(30 * SECOND, 64));
        assertEquals(10, ct.gc(31 * SECOND, 64));
        assertEquals(0, ct.size());
    }

    @ParameterizedTest
    @EnumSource(Impl.class)
    void deleteByEitherTupleRemovesTheFlowAndADuplicateInsertFails(Impl impl) {
        Conntrack ct = impl.create(64);
        FiveTuple pkt = tuple(CLIENT, 1000, CLUSTER_IP, 53, UDP);
        ct.insert(pkt, 0, POD_A, 53, 0, 0, out);
        assertEquals(ConntrackResult.INSERT_FAILED, ct.insert(pkt, 0, POD_A, 53, 0, 0, out));
        assertTrue(ct.delete(tuple(POD_A, 53, CLIENT, 1000, UDP)));
        assertFalse(ct.delete(pkt));
        assertEquals(ConntrackResult.MISS, ct.lookup(pkt, 0, out));
    }

    @ParameterizedTest
    @EnumSource(Impl.class)
    void masqueradedFlowsGetDistinctPortsAndAFullTableRefusesMore(Impl impl) {
        Conntrack ct = impl.create(500);
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            assertTrue(ct.insert(tuple(0x0A00_0000 | i, 5000, CLUSTER_IP, 80, TCP), TcpFlags.SYN, POD_A, 80, NODE,
                    0, out) >= 0);
            assertTrue(ports.add(out.srcPort()));
        }
        long r = ct.insert(tuple(CLIENT, 5000, CLUSTER_IP, 80, TCP), TcpFlags.SYN, POD_A, 80, NODE, 0, out);
        assertTrue(r == ConntrackResult.TABLE_FULL || r >= 0, "full, or an early drop made room");
        if (r == ConntrackResult.TABLE_FULL) {
            assertEquals(500, ct.size());
        } else {
            assertTrue(ct.size() <= 500, "early_drop_list may drop several entries of one bucket: " + ct.size());
        }
    }
}
