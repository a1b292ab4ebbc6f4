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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.net.Protocol;
import org.junit.jupiter.api.Test;

class ConntrackTableTest {
    private final ConntrackTable table = new ConntrackTable(1024, 42L);
    private final FiveTuple out = new FiveTuple();

    @Test
    void dnatOnlyRewritesTheDestinationAndTheReplyRestoresTheServiceAsSource() {
        FiveTuple syn = tuple(CLIENT, 40000, CLUSTER_IP, 80, TCP);
        long ref = table.insert(syn, TcpFlags.SYN, POD_A, 8080, 0, 0, out);
        assertEquals(ConntrackResult.ORIGINAL, ConntrackResult.direction(ref));
        assertEquals("TCP 203.0.113.7:40000 -> 10.244.1.5:8080", out.toString());

        long hit = table.lookup(syn, SECOND, out);
        assertEquals(ref, hit);
        assertEquals("TCP 203.0.113.7:40000 -> 10.244.1.5:8080", out.toString());

        long reply = table.lookup(tuple(POD_A, 8080, CLIENT, 40000, TCP), SECOND, out);
        assertEquals(ConntrackResult.entry(ref), ConntrackResult.entry(reply));
        assertEquals(ConntrackResult.REPLY, ConntrackResult.direction(reply));
        assertEquals("TCP 10.96.0.10:80 -> 203.0.113.7:40000", out.toString());
    }

    @Test
    void masqueradeRewritesTheSourceToTheNodeAndTheReplyComesBackToTheClient() {
        FiveTuple syn = tuple(CLIENT, 40000, CLUSTER_IP, 80, TCP);
        long ref = table.insert(syn, TcpFlags.SYN, POD_A, 8080, NODE, 0, out);
        assertTrue(ref >= 0);
        assertEquals(NODE, out.srcV4());
        assertEquals(POD_A, out.dstV4());
        assertEquals(8080, out.dstPort());
        int natPort = out.srcPort();
        assertTrue(natPort >= 1024 && natPort <= 65535, "ephemeral port " + natPort);

        long reply = table.lookup(tuple(POD_A, 8080, NODE, natPort, TCP), SECOND, out);
        assertEquals(ConntrackResult.REPLY, ConntrackResult.direction(reply));
        assertEquals("TCP 10.96.0.10:80 -> 203.0.113.7:40000", out.toString());
    }

    @Test
    void unknownFlowsAndIpv6PacketsMiss() {
        assertEquals(ConntrackResult.MISS, table.lookup(tuple(CLIENT, 1, CLUSTER_IP, 2, UDP), 0, out));
        FiveTuple v6 = new FiveTuple().set(IpAddress.parse("fd00::1"), 1, IpAddress.parse("fd00::2"), 2,
                Protocol.UDP);
        assertEquals(ConntrackResult.MISS, table.lookup(v6, 0, out));
        assertThrows(IllegalArgumentException.class, () -> table.insert(v6, 0, 0, 0, 0, 0, out));
    }

    @Test
    void aTupleAlreadyTrackedIsNotInsertedTwice() {
        FiveTuple pkt = tuple(CLIENT, 5000, CLUSTER_IP, 53, UDP);
        assertTrue(table.insert(pkt, 0, POD_A, 53, 0, 0, out) >= 0);
        assertEquals(ConntrackResult.INSERT_FAILED, table.insert(pkt, 0, POD_A, 53, 0, 0, out));
        assertEquals(1, table.stats().insertFailed());
        assertEquals(1, table.size());
    }

    @Test
    void deleteRemovesBothDirections() {
        FiveTuple pkt = tuple(CLIENT, 5000, CLUSTER_IP, 53, UDP);
        table.insert(pkt, 0, POD_A, 53, 0, 0, out);
        assertTrue(table.delete(tuple(POD_A, 53, CLIENT, 5000, UDP)));
        assertEquals(ConntrackResult.MISS, table.lookup(pkt, 0, out));
        assertEquals(ConntrackResult.MISS, table.lookup(tuple(POD_A, 53, CLIENT, 5000, UDP), 0, out));
        assertFalse(table.delete(pkt));
        assertEquals(0, table.size());
    }

    @Test
    void withoutMasqueradeAClashingReplyTupleGetsANewSourcePortKeepingTheClientAddress() {
        FiveTuple direct = tuple(CLIENT, 40000, POD_A, 8080, TCP);
        table.insert(direct, TcpFlags.SYN, 0, 0, 0, 0, out);
        FiveTuple viaService = tuple(CLIENT, 40000, CLUSTER_IP, 80, TCP);
        long ref = table.insert(viaService, TcpFlags.SYN, POD_A, 8080, 0, 0, out);
        assertTrue(ref >= 0);
        assertEquals(CLIENT, out.srcV4());
        assertTrue(out.srcPort() != 40000 && out.srcPort() >= 1024);
    }

    @Test
    void natTargetsAsAddressHalvesInsertTheSameFlowAsPackedIpv4Ints() {
        ConntrackTable halves = new ConntrackTable(IpFamily.IPv4, 1024, 42L);
        FiveTuple viaHalves = new FiveTuple();
        FiveTuple syn = tuple(CLIENT, 40000, CLUSTER_IP, 80, TCP);
        long ref = table.insert(syn, TcpFlags.SYN, POD_A, 8080, NODE, 0, out);
        IpAddress pod = IpAddress.parse("10.244.1.5");
        IpAddress node = IpAddress.parse("192.168.1.10");
        assertEquals(ref, halves.insert(syn, TcpFlags.SYN, pod.hi(), pod.lo(), 8080, node.hi(), node.lo(), 0,
                viaHalves));
        assertEquals(out.toString(), viaHalves.toString());
    }
}
