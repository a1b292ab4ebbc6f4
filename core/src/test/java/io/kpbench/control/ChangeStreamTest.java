package io.kpbench.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.ChangeSet;
import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.synthetic.SyntheticCluster;
import io.kpbench.cluster.synthetic.SyntheticSpec;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The seeded change stream: its rate, its mix, and changes that are always valid. */
class ChangeStreamTest {
    private static final ClusterSnapshot CLUSTER = SyntheticCluster.generate(
            SyntheticSpec.parse("services=40,endpoints=2,nodes=3,seed=3,types=ClusterIP:1"));

    @Test
    void theSameSeedGivesTheSameStream() {
        ChangeStream a = new ChangeStream(CLUSTER, 100, 5, 0);
        ChangeStream b = new ChangeStream(CLUSTER, 100, 5, 0);
        for (int i = 0; i < 50; i++) {
            assertEquals(a.next(), b.next());
        }
    }

    @Test
    void changesArriveAtTheRequestedRateInTheWeightedMix() {
        ChangeStream s = new ChangeStream(CLUSTER, 10, 9, 0);
        Map<ChangeKind, Integer> kinds = new EnumMap<>(ChangeKind.class);
        int n = 4000;
        long last = 0;
        for (int i = 0; i < n; i++) {
            TimedChange c = s.next();
            assertTrue(c.atNanos() >= last, "in arrival order");
            last = c.atNanos();
            kinds.merge(c.kind(), 1, Integer::sum);
        }
        assertEquals(n / 10.0, last / 1e9, n / 10.0 * 0.05, "4000 changes at 10/s take about 400 s");
        // scale-downs that find no service with two endpoints turn into scale-ups, so allow some slack
        for (ChangeKind k : ChangeKind.values()) {
            assertEquals(k.weight() / 100.0, kinds.getOrDefault(k, 0) / (double) n, 0.04, k.name());
        }
    }

    @Test
    void everyChangeAppliesToTheClusterTheEarlierOnesMade() {
        ChangeStream s = new ChangeStream(CLUSTER, 50, 11, 0);
        ClusterSnapshot c = CLUSTER;
        for (int i = 0; i < 3000; i++) {
            c = c.apply(new ChangeSet(s.next().changes())); // throws on an invalid change
        }
        assertEquals(s.services(), c.services().size());
    }

    @Test
    void aRateThatIsNotPositiveIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ChangeStream(CLUSTER, 0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new ChangeStream(CLUSTER, Double.NaN, 1, 0));
    }
}
