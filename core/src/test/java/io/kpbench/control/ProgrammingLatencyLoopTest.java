package io.kpbench.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.ChangeSet;
import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.Node;
import io.kpbench.cluster.synthetic.SyntheticCluster;
import io.kpbench.cluster.synthetic.SyntheticSpec;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.DataPlane;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.ProxyMode;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The loop over every mode's real data plane: changes become visible to packets exactly at their sync. */
class ProgrammingLatencyLoopTest {
    private static final long SECOND = 1_000_000_000L;
    private static final ClusterSnapshot CLUSTER = SyntheticCluster.generate(
            SyntheticSpec.parse("services=60,endpoints=3,nodes=4,seed=7,types=ClusterIP:1"));

    private static DataPlane synced(ProxyMode mode) {
        Node first = CLUSTER.nodes().values().iterator().next();
        DataPlane dp = mode.create(NodeConfig.of(first.name(), List.of(first.primaryIP(IpFamily.IPv4))),
                IpFamily.IPv4);
        dp.sync(CLUSTER);
        return dp;
    }

    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void aPacketClassifiesCorrectlyOnlyAfterTheSyncThatCarriedItsChange(ProxyMode mode) {
        DataPlane dp = synced(mode);
        ChangeStream stream = new ChangeStream(CLUSTER, 10, 42, 0);
        ClusterSnapshot cluster = CLUSTER;
        Set<ChangeKind> seen = EnumSet.noneOf(ChangeKind.class);
        int checked = 0;
        for (int i = 0; i < 200; i++) {
            TimedChange c = stream.next();
            ChangeSet changes = new ChangeSet(c.changes());
            cluster = cluster.apply(changes);
            if (c.probe() != null) {
                assertFalse(c.probe().holds(dp), "before its sync: " + c.kind() + " " + c.probe());
            }
            dp.sync(cluster, changes);
            if (c.probe() != null) {
                assertTrue(c.probe().holds(dp), "after its sync: " + c.kind() + " " + c.probe());
                seen.add(c.kind());
                checked++;
            }
        }
        assertEquals(EnumSet.allOf(ChangeKind.class), seen, "every kind of change was checked");
        assertTrue(checked > 150, checked + " checked");
    }

    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void theLoopOverARealDataPlaneVerifiesEveryObservableChange(ProxyMode mode) {
        KubeProxyLoop loop = new KubeProxyLoop(new MeasuredDataPlane(synced(mode)), CLUSTER,
                KubeProxyLoop.DEFAULT_MIN_SYNC_PERIOD_NANOS, KubeProxyLoop.FULL_SYNC_PERIOD_NANOS, true);
        LoopResult r = loop.runFor(new ChangeStream(CLUSTER, 20, 1, 0), 10 * SECOND);
        assertEquals(0, r.failures(), r.firstFailure());
        assertNull(r.firstFailure());
        assertTrue(r.verified() > r.changes() / 2, r.verified() + " of " + r.changes());
        assertEquals(r.changes(), r.latencyNanos().getTotalCount());
        assertTrue(r.syncs() <= 11, "batched by the 1 s minSyncPeriod: " + r.syncs());
        assertTrue(r.syncCpuShare() > 0 && r.syncCpuShare() < 1, "share " + r.syncCpuShare());
    }

    @ParameterizedTest
    @EnumSource(value = ProxyMode.class, names = {"IPTABLES", "EBPF"})
    void aTargetThatDropsItsSyncsFailsTheChecks(ProxyMode mode) {
        MeasuredDataPlane real = new MeasuredDataPlane(synced(mode));
        SyncTarget lazy = new SyncTarget() {
            @Override
            public long fullSync(ClusterSnapshot cluster) {
                return 0;
            }

            @Override
            public long partialSync(ClusterSnapshot after, ChangeSet changes) {
                return 0; // never applies anything
            }

            @Override
            public boolean holds(Probe probe) {
                return real.holds(probe);
            }
        };
        KubeProxyLoop loop = new KubeProxyLoop(lazy, CLUSTER, KubeProxyLoop.DEFAULT_MIN_SYNC_PERIOD_NANOS,
                KubeProxyLoop.FULL_SYNC_PERIOD_NANOS, true);
        LoopResult r = loop.runFor(new ChangeStream(CLUSTER, 20, 1, 0), 5 * SECOND);
        assertTrue(r.failures() > 0);
        assertTrue(r.firstFailure().startsWith("after the sync"), r.firstFailure());
    }
}
