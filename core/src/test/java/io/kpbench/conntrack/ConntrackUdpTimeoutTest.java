package io.kpbench.conntrack;

import static io.kpbench.conntrack.Flows.CLIENT;
import static io.kpbench.conntrack.Flows.CLUSTER_IP;
import static io.kpbench.conntrack.Flows.POD_A;
import static io.kpbench.conntrack.Flows.SECOND;
import static io.kpbench.conntrack.Flows.UDP;
import static io.kpbench.conntrack.Flows.tuple;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.net.FiveTuple;
import org.junit.jupiter.api.Test;

class ConntrackUdpTimeoutTest {
    private final ConntrackTable table = new ConntrackTable(64, 3L);
    private final FiveTuple out = new FiveTuple();
    private final FiveTuple query = tuple(CLIENT, 5353, CLUSTER_IP, 53, UDP);
    private final FiveTuple answer = tuple(POD_A, 53, CLIENT, 5353, UDP);

    @Test
    void anUnrepliedUdpFlowExpiresAfterThirtySeconds() {
        long ref = table.insert(query, 0, POD_A, 53, 0, 0, out);
        assertEquals(ConnState.NEW, table.connState(ref));
        assertEquals(ref, table.receive(query, 0, 10 * SECOND, out));
        assertEquals(ref, table.lookup(query, 40 * SECOND, out));
        assertEquals(ConntrackResult.MISS, table.lookup(query, 40 * SECOND + 1, out));
    }

    /** Linux 6.12 {@code nf_conntrack_udp_packet}: ASSURED only after {@code stream_ts} (first packet + 2 s). */
    @Test
    void aRepliedFlowIsNotAssuredWithinItsFirstTwoSecondsAndKeepsThirtySeconds() {
        long ref = table.insert(query, 0, POD_A, 53, 0, 0, out);
        table.receive(answer, 0, SECOND / 2, out);
        assertEquals(ConnState.ESTABLISHED, table.connState(ref));
        assertEquals(30, table.timeoutSeconds(ref));
        table.receive(query, 0, SECOND, out);
        table.receive(answer, 0, 2 * SECOND, out);
        assertEquals(ConnState.ESTABLISHED, table.connState(ref), "at stream_ts itself: time_after is strict");
        assertEquals(30, table.timeoutSeconds(ref));
        table.receive(query, 0, 2 * SECOND + 1, out);
        assertEquals(ConnState.ASSURED, table.connState(ref));
        assertEquals(120, table.timeoutSeconds(ref));
    }

    /**
     * Linux 6.12 {@code nf_conntrack_udp_packet} and {@code early_drop}: a DNS exchange (query, answer, a second
     * query on the same socket) within 2 s is not assured, so a full table evicts it for a new flow.
     */
    @Test
    void aShortDnsExchangeIsNeverAssuredSoAFullTableEarlyDropsIt() {
        ConntrackTable small = new ConntrackTable(8, 3L);
        for (int i = 0; i < 8; i++) {
            FiveTuple q = tuple(CLIENT, 5000 + i, CLUSTER_IP, 53, UDP);
            small.insert(q, 0, POD_A, 53, 0, 0, out);
            small.receive(tuple(POD_A, 53, CLIENT, 5000 + i, UDP), 0, SECOND / 10, out);
            small.receive(q, 0, SECOND / 5, out);
        }
        long ref = small.insert(tuple(CLIENT, 6000, CLUSTER_IP, 53, UDP), 0, POD_A, 53, 0, SECOND, out);
        assertTrue(ref >= 0, ConntrackResult.describe(ref));
        assertTrue(small.stats().earlyDrop() >= 1);
    }

    @Test
    void aStreamStillActiveAfterTwoSecondsGetsTheStreamTimeoutOf120Seconds() {
        long ref = table.insert(query, 0, POD_A, 53, 0, 0, out);
        table.receive(answer, 0, SECOND, out);
        table.receive(query, 0, 3 * SECOND, out);
        assertEquals(ConnState.ASSURED, table.connState(ref));
        assertEquals(120, table.timeoutSeconds(ref));
        assertEquals(ref, table.receive(query, 0, 100 * SECOND, out));
        assertEquals(ref, table.lookup(query, 220 * SECOND, out));
        assertEquals(ConntrackResult.MISS, table.lookup(query, 220 * SECOND + 1, out));
    }
}
