package io.kpbench.conntrack;

import static io.kpbench.conntrack.Flows.CLIENT;
import static io.kpbench.conntrack.Flows.CLUSTER_IP;
import static io.kpbench.conntrack.Flows.POD_A;
import static io.kpbench.conntrack.Flows.SECOND;
import static io.kpbench.conntrack.Flows.UDP;
import static io.kpbench.conntrack.Flows.tuple;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

    @Test
    void aRepliedFlowIsAssuredOnTheNextPacketButKeepsThirtySecondsWithinTheFirstTwo() {
        long ref = table.insert(query, 0, POD_A, 53, 0, 0, out);
        table.receive(answer, 0, SECOND / 2, out);
        assertEquals(ConnState.ESTABLISHED, table.connState(ref));
        assertEquals(30, table.timeoutSeconds(ref));
        table.receive(query, 0, SECOND, out);
        assertEquals(ConnState.ASSURED, table.connState(ref));
        assertEquals(30, table.timeoutSeconds(ref));
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
