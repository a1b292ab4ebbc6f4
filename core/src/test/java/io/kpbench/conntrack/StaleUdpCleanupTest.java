package io.kpbench.conntrack;

import static io.kpbench.conntrack.Flows.CLIENT;
import static io.kpbench.conntrack.Flows.CLUSTER_IP;
import static io.kpbench.conntrack.Flows.NODE;
import static io.kpbench.conntrack.Flows.POD_A;
import static io.kpbench.conntrack.Flows.POD_B;
import static io.kpbench.conntrack.Flows.TCP;
import static io.kpbench.conntrack.Flows.UDP;
import static io.kpbench.conntrack.Flows.tuple;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpbench.net.FiveTuple;
import org.junit.jupiter.api.Test;

class StaleUdpCleanupTest {
    private static final int NODE_PORT = 30053;
    private final ConntrackTable table = new ConntrackTable(64, 8L);
    private final FiveTuple out = new FiveTuple();

    private void flow(int sport, int dst, int dport, int proto, int endpoint) {
        table.insert(tuple(CLIENT, sport, dst, dport, proto), proto == TCP ? TcpFlags.SYN : 0, endpoint, 53, 0, 0,
                out);
    }

    @Test
    void removingAnEndpointDeletesOnlyUdpFlowsDnatedToItForThatServicePort() {
        flow(1001, CLUSTER_IP, 53, UDP, POD_A);
        flow(1002, CLUSTER_IP, 53, UDP, POD_B);
        flow(1003, CLUSTER_IP, 53, TCP, POD_A);
        flow(1004, CLUSTER_IP, 54, UDP, POD_A);
        assertEquals(1, table.clearStaleUdp(CLUSTER_IP, 53, POD_A));
        assertEquals(ConntrackResult.MISS, table.lookup(tuple(CLIENT, 1001, CLUSTER_IP, 53, UDP), 0, out));
        assertEquals(3, table.size());
    }

    @Test
    void nodePortFlowsToARemovedEndpointAreDeletedWhateverTheirDestinationAddress() {
        flow(1001, NODE, NODE_PORT, UDP, POD_A);
        flow(1002, NODE + 1, NODE_PORT, UDP, POD_A);
        flow(1003, NODE, NODE_PORT, UDP, POD_B);
        assertEquals(2, table.clearStaleUdpNodePort(NODE_PORT, POD_A));
        assertEquals(1, table.size());
    }

    @Test
    void reconcilingKeepsFlowsToServingEndpointsAndDeletesTheRest() {
        flow(1001, CLUSTER_IP, 53, UDP, POD_A);
        flow(1002, CLUSTER_IP, 53, UDP, POD_B);
        flow(1003, NODE, NODE_PORT, UDP, POD_B);
        assertEquals(2, table.cleanStaleUdp(CLUSTER_IP, 53, NODE_PORT, new int[] {POD_A}));
        assertEquals(1, table.size());
    }

    @Test
    void whenAServiceGainsItsFirstEndpointFlowsThatWereNeverDnatedAreDeleted() {
        table.insert(tuple(CLIENT, 1001, CLUSTER_IP, 53, UDP), 0, 0, 0, 0, 0, out);
        assertEquals(0, table.cleanStaleUdp(CLUSTER_IP, 53, 0, new int[0]));
        assertEquals(1, table.cleanStaleUdp(CLUSTER_IP, 53, 0, new int[] {POD_A}));
        assertEquals(0, table.size());
    }
}
