package io.kpbench.conntrack;

import static io.kpbench.conntrack.Flows.CLIENT;
import static io.kpbench.conntrack.Flows.CLUSTER_IP;
import static io.kpbench.conntrack.Flows.POD_A;
import static io.kpbench.conntrack.Flows.SECOND;
import static io.kpbench.conntrack.Flows.TCP;
import static io.kpbench.conntrack.Flows.tuple;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpbench.net.FiveTuple;
import org.junit.jupiter.api.Test;

class ConntrackTcpStateTest {
    private final ConntrackTable table = new ConntrackTable(64, 7L);
    private final FiveTuple out = new FiveTuple();
    private final FiveTuple orig = tuple(CLIENT, 40000, CLUSTER_IP, 80, TCP);
    private final FiveTuple reply = tuple(POD_A, 8080, CLIENT, 40000, TCP);

    private long handshake(long t) {
        long ref = table.insert(orig, TcpFlags.SYN, POD_A, 8080, 0, t, out);
        assertEquals(TcpState.SYN_SENT, table.tcpState(ref));
        assertEquals(ConnState.NEW, table.connState(ref));
        assertEquals(120, table.timeoutSeconds(ref));
        table.receive(reply, TcpFlags.SYN_ACK, t, out);
        assertEquals(TcpState.SYN_RECV, table.tcpState(ref));
        assertEquals(ConnState.ESTABLISHED, table.connState(ref));
        assertEquals(60, table.timeoutSeconds(ref));
        table.receive(orig, TcpFlags.ACK, t, out);
        return ref;
    }

    @Test
    void threeWayHandshakeMakesTheEntryAssuredWithKubeProxysEstablishedTimeout() {
        long ref = handshake(0);
        assertEquals(TcpState.ESTABLISHED, table.tcpState(ref));
        assertEquals(ConnState.ASSURED, table.connState(ref));
        assertEquals(86_400, table.timeoutSeconds(ref));
    }

    @Test
    void anEstablishedFlowExpiresAfter86400SecondsOfSilenceAndEachPacketRefreshesIt() {
        long ref = handshake(0);
        assertEquals(ref, table.receive(orig, TcpFlags.ACK, 80_000 * SECOND, out));
        assertEquals(ref, table.lookup(orig, (80_000 + 86_400) * SECOND, out));
        assertEquals(ConntrackResult.MISS, table.lookup(orig, (80_000 + 86_400) * SECOND + 1, out));
        assertEquals(1, table.gc((80_000 + 86_401) * SECOND, 64));
        assertEquals(0, table.size());
    }

    @Test
    void activeCloseWalksFinWaitCloseWaitLastAckTimeWait() {
        long ref = handshake(0);
        table.receive(orig, TcpFlags.FIN_ACK, SECOND, out);
        assertEquals(TcpState.FIN_WAIT, table.tcpState(ref));
        assertEquals(120, table.timeoutSeconds(ref));
        table.receive(reply, TcpFlags.ACK, SECOND, out);
        assertEquals(TcpState.CLOSE_WAIT, table.tcpState(ref));
        assertEquals(3_600, table.timeoutSeconds(ref));
        table.receive(reply, TcpFlags.FIN_ACK, SECOND, out);
        assertEquals(TcpState.LAST_ACK, table.tcpState(ref));
        assertEquals(30, table.timeoutSeconds(ref));
        table.receive(orig, TcpFlags.ACK, SECOND, out);
        assertEquals(TcpState.TIME_WAIT, table.tcpState(ref));
        assertEquals(ref, table.lookup(orig, 121 * SECOND, out));
        assertEquals(ConntrackResult.MISS, table.lookup(orig, 121 * SECOND + 1, out));
    }

    @Test
    void rstClosesAnEstablishedFlowWithTheTenSecondCloseTimeout() {
        long ref = handshake(0);
        assertEquals(ref | ConntrackResult.REPLY, table.receive(reply, TcpFlags.RST, SECOND, out));
        assertEquals(TcpState.CLOSE, table.tcpState(ref));
        assertEquals(10, table.timeoutSeconds(ref));
        assertEquals(ConntrackResult.MISS, table.lookup(orig, 11 * SECOND + 1, out));
    }

    @Test
    void rstBeforeAnyReplyDeletesTheEntryAtOnceButIsStillTranslated() {
        long ref = table.insert(orig, TcpFlags.SYN, POD_A, 8080, 0, 0, out);
        assertEquals(ref, table.receive(orig, TcpFlags.RST, SECOND, out));
        assertEquals(POD_A, out.dstV4());
        assertEquals(0, table.size());
    }

    @Test
    void synReopeningATimeWaitFlowDeletesItSoTheRulesPickAnEndpointAgain() {
        handshake(0);
        table.receive(orig, TcpFlags.FIN_ACK, 0, out);
        table.receive(reply, TcpFlags.FIN_ACK, 0, out);
        table.receive(orig, TcpFlags.ACK, 0, out);
        assertEquals(ConntrackResult.MISS, table.receive(orig, TcpFlags.SYN, SECOND, out));
        assertEquals(0, table.size());
    }

    @Test
    void invalidPacketsAreCountedAndChangeNothing() {
        assertEquals(ConntrackResult.INVALID, table.insert(orig, TcpFlags.FIN, POD_A, 8080, 0, 0, out));
        long ref = table.insert(orig, TcpFlags.SYN, POD_A, 8080, 0, 0, out);
        assertEquals(ConntrackResult.INVALID, table.receive(orig, TcpFlags.ACK, 0, out));
        assertEquals(TcpState.SYN_SENT, table.tcpState(ref));
        assertEquals(2, table.stats().invalid());
    }

    @Test
    void aMidStreamAckIsPickedUpAsEstablishedButNotAssured() {
        long ref = table.insert(orig, TcpFlags.ACK, POD_A, 8080, 0, 0, out);
        assertEquals(TcpState.ESTABLISHED, table.tcpState(ref));
        assertEquals(ConnState.NEW, table.connState(ref));
        table.receive(reply, TcpFlags.ACK, 0, out);
        assertEquals(ConnState.ESTABLISHED, table.connState(ref));
        table.receive(orig, TcpFlags.ACK, 0, out);
        assertEquals(ConnState.ASSURED, table.connState(ref));
    }

    @Test
    void kernelDefaultsKeepEstablishedFlowsFiveDays() {
        ConntrackTable kernel = new ConntrackTable(8, ConntrackTimeouts.kernelDefaults(), 1L);
        long ref = kernel.insert(orig, TcpFlags.ACK, POD_A, 8080, 0, 0, out);
        assertEquals(432_000, kernel.timeoutSeconds(ref));
        assertEquals(60, ConntrackTimeouts.kernelDefaults().tcp(TcpState.CLOSE_WAIT));
    }
}
