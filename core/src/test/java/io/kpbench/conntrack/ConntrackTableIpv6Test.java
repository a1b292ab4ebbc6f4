package io.kpbench.conntrack;

import static io.kpbench.conntrack.Flows.SECOND;
import static io.kpbench.conntrack.Flows.TCP;
import static io.kpbench.conntrack.Flows.UDP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.net.Protocol;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link ConntrackTable} for IPv6: 128-bit tuples in the long key form, NAT targets as address halves. */
class ConntrackTableIpv6Test {
    private static final IpAddress CLIENT = IpAddress.parse("2001:db8::7");
    private static final IpAddress SERVICE = IpAddress.parse("fd00:10:96::a");
    private static final IpAddress POD = IpAddress.parse("fd00:10:244:1::5");
    private static final IpAddress NODE = IpAddress.parse("fd00:1::10");
    private final ConntrackTable table = new ConntrackTable(IpFamily.IPv6, 1024, 9L);
    private final FiveTuple out = new FiveTuple();

    private static FiveTuple t(IpAddress src, int sport, IpAddress dst, int dport, Protocol p) {
        return new FiveTuple().set(src, sport, dst, dport, p);
    }

    private long insertMasqueraded(FiveTuple pkt) {
        return table.insert(pkt, pkt.protocol() == TCP ? TcpFlags.SYN : 0, POD.hi(), POD.lo(), 8080, NODE.hi(),
                NODE.lo(), 0, out);
    }

    @Test
    void originalIsDnatedAndMasqueradedAndTheReplyRestoresServiceAndClient() {
        FiveTuple syn = t(CLIENT, 40000, SERVICE, 80, Protocol.TCP);
        long ref = insertMasqueraded(syn);
        assertTrue(ref >= 0);
        int port = out.srcPort();
        assertEquals("TCP [fd00:1::10]:" + port + " -> [fd00:10:244:1::5]:8080", out.toString());
        FiveTuple reply = t(POD, 8080, NODE, port, Protocol.TCP);
        assertEquals(ref | ConntrackResult.REPLY, table.receive(reply, TcpFlags.SYN_ACK, SECOND, out));
        assertEquals("TCP [fd00:10:96::a]:80 -> [2001:db8::7]:40000", out.toString());
        table.receive(syn, TcpFlags.ACK, SECOND, out);
        assertEquals(ConnState.ASSURED, table.connState(ref));
        assertEquals(ref, table.lookup(syn, SECOND, out));
        assertEquals(POD.lo(), out.dstLo());
    }

    @Test
    void ipv4PacketsMissAndCannotBeInserted() {
        FiveTuple v4 = new FiveTuple().setV4(1, 2, 3, 4, UDP);
        assertEquals(ConntrackResult.MISS, table.lookup(v4, 0, out));
        assertThrows(IllegalArgumentException.class, () -> table.insert(v4, 0, 0, 0, 0, 0, 0, 0, out));
    }

    @Test
    void packedIpv4NatTargetsAreRefused() {
        FiveTuple syn = t(CLIENT, 40000, SERVICE, 80, Protocol.TCP);
        assertThrows(IllegalArgumentException.class, () -> table.insert(syn, TcpFlags.SYN, 1, 80, 0, 0, out));
        assertEquals(0, table.size());
    }

    @Test
    void masqueradedClientsOnTheSamePortGetDistinctNodePorts() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            FiveTuple p = new FiveTuple().set(CLIENT.hi(), CLIENT.lo() + i, 5000, SERVICE.hi(), SERVICE.lo(), 53,
                    UDP);
            assertTrue(insertMasqueraded(p) >= 0);
            assertTrue(ports.add(out.srcPort()));
        }
        assertEquals(1000, table.size());
    }

    @Test
    void udpFlowsExpireGcReclaimsAndStaleEndpointsAreCleared() {
        for (int i = 0; i < 10; i++) {
            table.insert(t(CLIENT, 1000 + i, SERVICE, 53, Protocol.UDP), 0, POD.hi(), POD.lo(), 53, 0, 0, 0,
                    out);
        }
        table.insert(t(CLIENT, 2000, SERVICE, 53, Protocol.UDP), 0, NODE.hi(), NODE.lo(), 53, 0, 0, 0, out);
        assertEquals(10, table.clearStaleUdp(SERVICE.hi(), SERVICE.lo(), 53, POD.hi(), POD.lo()));
        assertEquals(1, table.size());
        assertEquals(0, table.gc(30 * SECOND, 1024));
        assertEquals(1, table.gc(31 * SECOND, 1024));
        assertEquals(0, table.size());
    }

    @Test
    void aFullTableEarlyDropsUnassuredFlowsThenCountsDrops() {
        ConntrackTable small = new ConntrackTable(IpFamily.IPv6, 64, 4L);
        for (int i = 0; i < 64; i++) {
            small.insert(t(CLIENT, 1000 + i, SERVICE, 53, Protocol.UDP), 0, POD.hi(), POD.lo(), 53, 0, 0, 0,
                    out);
        }
        assertTrue(small.insert(t(CLIENT, 999, SERVICE, 53, Protocol.UDP), 0, POD.hi(), POD.lo(), 53, 0, 0, 0,
                out) >= 0);
        long dropped = small.stats().earlyDrop();
        assertTrue(dropped >= 1);
        assertTrue(small.delete(t(POD, 53, CLIENT, 999, Protocol.UDP)));
        assertEquals(64 - dropped, small.size());
    }
}
