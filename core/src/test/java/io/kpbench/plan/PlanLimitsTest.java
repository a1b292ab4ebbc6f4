package io.kpbench.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.net.IpFamily;
import io.kpbench.net.Ports;
import io.kpbench.proxy.ProxyMode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each limit of a plan is flagged above its ceiling only: below, at and above it. */
class PlanLimitsTest {
    private static final ClusterCounts EMPTY = new ClusterCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    private static CapacityPlan plan(ClusterCounts c, PlanOptions o) {
        return CapacityPlan.of(c, EMPTY, 1, 1, 1, "node-0001", IpFamily.IPv4, o);
    }

    private static ClusterCounts counts(long serviceEntries, long backends, long ids, long nodePorts) {
        return new ClusterCounts(0, 0, 0, 0, 0, 0, serviceEntries, backends, ids, nodePorts);
    }

    private static void assertFlagged(Metric m, long delta) {
        assertEquals(delta > 0, m.exceeded(1), m.name() + " at limit" + (delta >= 0 ? "+" : "") + delta);
        assertEquals(-delta, m.headroom(1), 0.0);
    }

    @ParameterizedTest(name = "limit {0}")
    @CsvSource({"-1", "0", "1"})
    void ciliumsServiceMapIsFlaggedOnlyPast65536Entries(long delta) {
        Metric m = plan(counts(65_536 + delta, 1, 1, 0), PlanOptions.defaults()).mode(ProxyMode.EBPF)
                .limit("Cilium LB service map");
        assertEquals(65_536, m.limit(), 0.0);
        assertFlagged(m, delta);
    }

    @ParameterizedTest(name = "limit {0}")
    @CsvSource({"-1", "0", "1"})
    void ciliumsBackendMapIsFlaggedOnlyPast65536Entries(long delta) {
        Metric m = plan(counts(1, 65_536 + delta, 1, 0), PlanOptions.defaults()).mode(ProxyMode.EBPF)
                .limit("Cilium LB backend map");
        assertFlagged(m, delta);
    }

    @ParameterizedTest(name = "limit {0}")
    @CsvSource({"-1", "0", "1"})
    void ciliumsServiceIdsAreFlaggedOnlyPast65535(long delta) {
        Metric m = plan(counts(1, 1, 65_535 + delta, 0), PlanOptions.defaults()).mode(ProxyMode.EBPF)
                .limit("Cilium service IDs");
        assertEquals(65_535, m.limit(), 0.0);
        assertFlagged(m, delta);
    }

    @ParameterizedTest(name = "limit {0}")
    @CsvSource({"-1", "0", "1"})
    void theNodePortRangeIsFlaggedOnlyPast2768PortsInEveryMode(long delta) {
        CapacityPlan p = plan(counts(1, 1, 1, 2_768 + delta), PlanOptions.defaults());
        for (ProxyMode mode : ProxyMode.values()) {
            Metric m = p.mode(mode).limit("NodePort range");
            assertEquals(2_768, m.limit(), 0.0);
            assertFlagged(m, delta);
        }
    }

    @ParameterizedTest(name = "limit {0}")
    @CsvSource({"-1", "0", "1"})
    void conntrackIsFlaggedOnlyPastNfConntrackMaxInKubeProxysModes(long delta) {
        // 15 cores: nf_conntrack_max = 32768 x 15 = 491520 = 4096 connections/s x 120 s
        PlanOptions o = PlanOptions.defaults().withCores(15).withNewConnectionsPerSecond(4096.0 + delta);
        CapacityPlan p = plan(counts(1, 1, 1, 0), o);
        assertEquals(491_520, p.conntrackMax());
        for (ProxyMode mode : List.of(ProxyMode.IPTABLES, ProxyMode.NFTABLES, ProxyMode.IPVS, ProxyMode.USERSPACE)) {
            Metric m = p.mode(mode).limit("conntrack entries");
            assertEquals(491_520, m.limit(), 0.0);
            assertEquals(delta > 0, m.exceeded(1), mode + " " + delta);
            assertEquals(-120 * delta, m.headroom(1), 0.0);
        }
    }

    @ParameterizedTest(name = "{0} cores")
    @CsvSource({"1, 131072", "4, 131072", "5, 163840"})
    void nfConntrackMaxIsKubeProxysMaxOf32768PerCoreAnd131072(int cores, long max) {
        assertEquals(max, plan(EMPTY, PlanOptions.defaults().withCores(cores)).conntrackMax());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"30000-30008, true", "30000-30009, false", "30000-30010, false"})
    void theNodePortLimitIsTheRangeGiven(String range, boolean exceeded) {
        PlanOptions o = new PlanOptions(4, null, Ports.Range.parse(range), Sources.MAGLEV_M, List.of(1));
        assertEquals(exceeded, plan(counts(1, 1, 1, 10), o).mode(ProxyMode.IPTABLES).exceeded(1));
    }

    @org.junit.jupiter.api.Test
    void withoutAConnectionRateConntrackIsNotCheckedAndTheNoteSaysHow() {
        ModePlan p = plan(counts(1, 1, 1, 0), PlanOptions.defaults()).mode(ProxyMode.IPTABLES);
        assertTrue(p.limits().stream().noneMatch(m -> m.name().startsWith("conntrack")));
        assertTrue(p.notes().stream().anyMatch(n -> n.contains("--new-connections-per-second")), p.notes()::toString);
    }

    @org.junit.jupiter.api.Test
    void theFirstLimitHitIsTheOneFurthestPastOrClosestToItsCeilingAtEachFactor() {
        // 20000 service entries (31% of 65536), 1000 node ports (36% of 2768): node ports come first, and at x3
        // (3000 > 2768) they are exceeded while the map (60000) still fits
        ModePlan p = plan(counts(20_000, 1, 1, 1_000), PlanOptions.defaults()).mode(ProxyMode.EBPF);
        assertEquals("NodePort range", p.first(1).name());
        assertFalse(p.exceeded(2));
        assertTrue(p.exceeded(3));
        assertFalse(p.limit("Cilium LB service map").exceeded(3));
        assertEquals("NodePort range exceeded (3000 > 2768)", PlanText.first(p, 3));
    }

    @org.junit.jupiter.api.Test
    void maglevMemoryIsMTimesFrontendsTimesFourBytes() {
        ClusterCounts c = new ClusterCounts(0, 0, 0, 0, 0, 10, 0, 0, 0, 0);
        Metric m = plan(c, PlanOptions.defaults()).mode(ProxyMode.EBPF).size("Maglev");
        assertEquals(16_381 * 10 * 4, m.at(1), 0.0);
        assertEquals(16_381 * 20 * 4, m.at(2), 0.0);
        assertFalse(m.isLimit());
    }
}
