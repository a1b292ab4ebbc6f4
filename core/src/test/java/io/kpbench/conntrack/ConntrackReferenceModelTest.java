package io.kpbench.conntrack;

import static io.kpbench.conntrack.Flows.CLUSTER_IP;
import static io.kpbench.conntrack.Flows.NODE;
import static io.kpbench.conntrack.Flows.POD_A;
import static io.kpbench.conntrack.Flows.SECOND;
import static io.kpbench.conntrack.Flows.UDP;
import static io.kpbench.conntrack.Flows.tuple;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.net.FiveTuple;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random operation sequences on a {@link ConntrackTable} against a HashMap model of UDP conntrack. */
class ConntrackReferenceModelTest {
    private static final int CLIENTS = 48;

    /** One operation: kind 0 insert, 1 lookup, 2 receive, 3 delete, 4 advance the clock, 5 gc. */
    record Op(int kind, int client, boolean reply, boolean masquerade, int seconds) {
    }

    /** The model's view of one flow. */
    static final class Flow {
        final FiveTuple orig;
        final FiveTuple replyTuple;
        final long created;
        long lastSeen;
        long timeout = 30;
        boolean seenReply;

        Flow(FiveTuple orig, FiveTuple replyTuple, long now) {
            this.orig = orig;
            this.replyTuple = replyTuple;
            this.created = now;
            this.lastSeen = now;
        }

        boolean expired(long now) {
            return now - lastSeen > timeout * SECOND;
        }
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> op = Combinators.combine(
                Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, CLIENTS - 1),
                Arbitraries.of(true, false), Arbitraries.of(true, false),
                Arbitraries.of(0, 1, 2, 3, 29, 31, 60, 119, 121)).as(Op::new);
        return op.list().ofMaxSize(300);
    }

    private static FiveTuple client(int i) {
        return tuple(0x0A00_0000 | i, 20000 + i, CLUSTER_IP, 53, UDP);
    }

    private static FiveTuple inverse(FiveTuple t) {
        return tuple(t.dstV4(), t.dstPort(), t.srcV4(), t.srcPort(), t.protocol());
    }

    @Property(tries = 200)
    void tableAgreesWithAHashMapModel(@ForAll("ops") List<Op> ops) {
        ConntrackTable table = new ConntrackTable(CLIENTS, 1234L);
        Map<Integer, Flow> model = new HashMap<>();
        FiveTuple out = new FiveTuple();
        long now = 0;
        for (Op op : ops) {
            Flow f = model.get(op.client());
            if (f != null && f.expired(now)) {
                model.remove(op.client());
                f = null;
            }
            switch (op.kind()) {
                case 0 -> {
                    long r = table.insert(client(op.client()), 0, POD_A, 5353, op.masquerade() ? NODE : 0, now, out);
                    if (f != null) {
                        assertEquals(ConntrackResult.INSERT_FAILED, r);
                    } else {
                        assertTrue(r >= 0, ConntrackResult.describe(r));
                        model.put(op.client(), new Flow(client(op.client()), inverse(out), now));
                    }
                }
                case 1, 2 -> {
                    FiveTuple pkt = f == null ? client(op.client()) : op.reply() ? f.replyTuple : f.orig;
                    long r = op.kind() == 1 ? table.lookup(pkt, now, out) : table.receive(pkt, 0, now, out);
                    if (f == null) {
                        assertEquals(ConntrackResult.MISS, r);
                        break;
                    }
                    assertEquals(op.reply() ? ConntrackResult.REPLY : ConntrackResult.ORIGINAL,
                            ConntrackResult.direction(r));
                    assertEquals(inverse(op.reply() ? f.orig : f.replyTuple).toString(), out.toString());
                    if (op.kind() == 2) {
                        if (f.seenReply) {
                            f.timeout = now - (f.created + 2 * SECOND) > 0 ? 120 : 30;
                        }
                        f.seenReply |= op.reply();
                        f.lastSeen = now;
                    }
                }
                case 3 -> {
                    FiveTuple pkt = f == null ? client(op.client()) : op.reply() ? f.replyTuple : f.orig;
                    boolean deleted = table.delete(pkt);
                    if (f != null) {
                        assertTrue(deleted);
                        model.remove(op.client());
                    }
                }
                case 4 -> now += op.seconds() * SECOND;
                default -> {
                    table.gc(now, CLIENTS);
                    long liveNow = 0;
                    for (Flow x : model.values()) {
                        liveNow += x.expired(now) ? 0 : 1;
                    }
                    assertEquals(liveNow, table.size());
                }
            }
        }
    }
}
