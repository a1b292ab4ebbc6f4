package io.kpbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.conntrack.ConntrackBuckets;
import io.kpbench.proxy.ProxyMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The services-sweeping fixtures set up on a given cluster ({@code -Dbench.cluster}, the EKS dump, ×2): the
 * services value the driver sweeps builds that cluster, not a synthetic one, in every mode.
 */
class GivenClusterFixturesTest {
    private static int x1;
    private static int x2;

    @BeforeAll
    static void useTheDump() {
        System.setProperty("bench.cluster", BenchInputTest.EKS);
        System.setProperty("bench.scale", "2");
        BenchInput in = BenchInput.use(BenchInput.fromSystemProperties());
        x1 = Integer.parseInt(in.params().get("services").get(0));
        x2 = Integer.parseInt(in.params().get("services").get(1));
    }

    @AfterAll
    static void clear() {
        new BenchInputTest().clear();
    }

    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void churnSyncEstablishedAndJourneysRunOnTheGrownDumpAndSyncOnTheDumpItself(ProxyMode mode) {
        if (!mode.available()) {
            return;
        }
        ChurnBenchmark.Planes planes = new ChurnBenchmark.Planes();
        planes.mode = mode;
        planes.services = x2;
        planes.endpoints = 1;
        planes.setUp();
        assertEquals(x2, planes.cluster.snapshot().services().size());
        assertTrue(planes.cluster.node().nodeName().startsWith("ip-192-168-"), planes.cluster.node().nodeName());
        new ChurnBenchmark.Reader().setUp(planes);

        syncSetsUpOn(mode, x2);

        EstablishedPacketBenchmark.Fixture est = new EstablishedPacketBenchmark.Fixture();
        est.mode = mode;
        est.flows = 1000;
        est.services = x2;
        est.endpoints = 1;
        est.kernel = ConntrackBuckets.Kernel.SINCE_5_15;
        est.setUp();

        // the dump itself has fewer services with endpoints than the sync shots' 16: the shots take what it has
        syncSetsUpOn(mode, x1);

        JourneyCluster journeys = new JourneyCluster(mode, x2);
        for (JourneyCluster.Kind kind : JourneyCluster.Kind.values()) {
            journeys.primeAndCheck(journeys.mix(kind), kind, 64, 1_000_000_000L);
        }
    }

    private static void syncSetsUpOn(ProxyMode mode, int services) {
        SyncBenchmark.Fixture sync = new SyncBenchmark.Fixture();
        sync.mode = mode;
        sync.services = services;
        sync.endpoints = 1;
        sync.setUp();
        assertEquals(services, sync.cluster.snapshot().services().size());
    }
}
