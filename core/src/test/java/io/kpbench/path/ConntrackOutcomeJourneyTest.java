package io.kpbench.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.ObjectRef;
import io.kpbench.conntrack.ConntrackResult;
import io.kpbench.conntrack.TcpFlags;
import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.net.Protocol;
import io.kpbench.path.JourneyResult.Outcome;
import io.kpbench.proxy.ProxyMode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each way a node's conntrack refuses a packet ends the journey as what it is ({@code conntrack -S}'s
 * {@code drop}, {@code insert_failed}, {@code invalid}), in every mode: never a table-full for a table with room.
 */
class ConntrackOutcomeJourneyTest {
    private static final int TCP = Protocol.TCP.number();
    private static final IpAddress CLUSTER_IP = IpAddress.parse("10.96.12.34");

    /**
     * The seed cluster with endpoints only on node-b, walked in one mode with a conntrack table of
     * {@code conntrackCapacity} entries per node: its packet engine, node-a, and the client pod on node-a.
     */
    private record Seeded(PacketPath engine, ClusterNode nodeA, int clientPod) {
        static Seeded of(ProxyMode mode, int conntrackCapacity) {
            ClusterPath cp = new ClusterPath(new SeedCluster().endpointsOnlyOn("node-b").build(), mode::create,
                    mode.cliName(), true, false, conntrackCapacity);
            return new Seeded(cp.engine(), cp.network().node("node-a"),
                    cp.network().pod(ObjectRef.of("default", "client-node-a")).ip().v4());
        }
    }

    /** The hops' kinds and the DROP hop's detail (its outcome's ordinal), of one journey. */
    private static final class DropProbe implements HopSink {
        final List<HopKind> kinds = new ArrayList<>();
        long dropDetail = -1;

        @Override
        public void hop(HopKind kind, boolean reply, int node, FiveTuple packet, long detail) {
            kinds.add(kind);
            if (kind == HopKind.DROP) {
                dropDetail = detail;
            }
        }
    }

    @Test
    void eachConntrackRefusalMapsToAnOutcomeOfItsOwn() {
        assertEquals(Outcome.TABLE_FULL, JourneyResult.ofConntrack(ConntrackResult.TABLE_FULL));
        assertEquals(Outcome.INSERT_FAILED, JourneyResult.ofConntrack(ConntrackResult.INSERT_FAILED));
        assertEquals(Outcome.INVALID, JourneyResult.ofConntrack(ConntrackResult.INVALID));
        assertEquals(3, Set.of(Outcome.TABLE_FULL, Outcome.INSERT_FAILED, Outcome.INVALID).size());
    }

    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void anAckOfAFlowWhoseSynWasNeverAnsweredEndsInvalidNotTableFull(ProxyMode mode) {
        Seeded s = Seeded.of(mode, 1024);
        // The connection's SYN was DNATed on node-a, and its answer never came: the entry stays SYN_SENT.
        FiveTuple syn = new FiveTuple().setV4(s.clientPod(), 40000, CLUSTER_IP.v4(), 80, TCP);
        assertTrue(s.nodeA().conntrack().insert(syn, TcpFlags.SYN, SeedCluster.POD_B.v4(), 80, 0, 1_000_000L,
                new FiveTuple()) >= 0);
        DropProbe probe = new DropProbe();
        long r = s.engine().run(s.clientPod(), 40000, CLUSTER_IP.v4(), 80, TCP, 2_000_000L, 7L, probe);
        assertEquals(Outcome.INVALID, JourneyResult.outcome(r), probe.kinds.toString());
        assertEquals(Outcome.INVALID.ordinal(), probe.dropDetail, "the DROP hop names INVALID");
        assertEquals(List.of(HopKind.SEND, HopKind.DROP), probe.kinds);
    }

    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void aNewConnectionToAFullTableOfEstablishedFlowsEndsTableFull(ProxyMode mode) {
        Seeded s = Seeded.of(mode, 16);
        long now = 1_000_000L;
        for (int port = 40000; port < 40000 + 10_000; port++) {
            long first = s.engine().journey(s.clientPod(), port, CLUSTER_IP.v4(), 80, TCP, now++, port);
            if (JourneyResult.outcome(first) == Outcome.TABLE_FULL) {
                assertTrue(port - 40000 >= 16, "full only once 16 flows are tracked: " + (port - 40000));
                return;
            }
            assertEquals(Outcome.REPLIED, JourneyResult.outcome(first), "connection " + (port - 40000));
            // The second packet makes the flow ESTABLISHED and assured: early_drop cannot evict it.
            assertEquals(Outcome.REPLIED, JourneyResult.outcome(s.engine().journey(s.clientPod(), port,
                    CLUSTER_IP.v4(), 80, TCP, now++, port)));
        }
        throw new AssertionError("the table never filled");
    }

    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void exhaustedMasqueradePortsEndANewConnectionInsertFailedNotTableFull(ProxyMode mode) {
        PacketPath engine = Seeded.of(mode, 8192).engine();
        int nodeA = SeedCluster.NODE_A.v4();
        Set<Outcome> before = EnumSet.noneOf(Outcome.class);
        long now = 1_000_000L;
        // Outside clients from privileged ports (1-511): masquerade's port range for them is 1-511 (the kernel's
        // nf_nat_l4proto_unique_tuple), so ~511 flows to one endpoint through node-a's IP exhaust it.
        for (int client = 1; client <= 8; client++) {
            int src = IpAddress.parse("203.0.113." + client).v4();
            for (int port = 1; port <= 511; port++) {
                Outcome o = JourneyResult.outcome(engine.journey(src, port, nodeA, 30080, TCP, now++, port));
                if (o == Outcome.INSERT_FAILED) {
                    assertEquals(Set.of(Outcome.REPLIED), before, "every flow before the exhaustion replied");
                    return;
                }
                before.add(o);
                assertNotEquals(Outcome.TABLE_FULL, o, "a table of 8192 with room is never full");
            }
        }
        throw new AssertionError("the masquerade ports never ran out: " + before);
    }
}
