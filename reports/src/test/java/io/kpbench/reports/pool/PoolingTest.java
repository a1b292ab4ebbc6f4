package io.kpbench.reports.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.common.StudentT;
import io.kpbench.reports.read.PairedCsv;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PoolingTest {
    private static final String B = "firstPacket.independent";
    private static final String P = "services=30000";

    /** One run's row: a ratio exp(log) whose 95% interval over 16 forks has the standard error se. */
    private static PairedCsv.Ratio run(double log, double se) {
        double half = StudentT.quantile(0.975, 15) * se;
        return new PairedCsv.Ratio("iptables", "nftables", B, P, 16, Math.exp(log), Math.exp(log - half),
                Math.exp(log + half));
    }

    private static Pooling.Pooled only(List<List<PairedCsv.Ratio>> runs) {
        List<Pooling.Pooled> pooled = Pooling.pool(runs, 0.10).pooled();
        assertEquals(1, pooled.size());
        return pooled.get(0);
    }

    @Test
    void threeRunsOfKnownLogRatiosGiveTheKnownGeometricMeanAndTIntervalOverRuns() {
        Pooling.Pooled p = only(List.of(List.of(run(2.0, 0.05)), List.of(run(2.1, 0.05)), List.of(run(2.2, 0.05))));
        double half = 4.302653 * 0.1 / Math.sqrt(3); // t(0.975, 2) s / sqrt(n), s = 0.1
        assertEquals(3, p.runs());
        assertEquals(Math.exp(2.1), p.ratio(), 1e-9);
        assertEquals(Math.exp(2.1 - half), p.low(), 1e-5);
        assertEquals(Math.exp(2.1 + half), p.high(), 1e-5);
        assertEquals(Math.exp(2.0), p.min(), 1e-9);
        assertEquals(Math.exp(2.2), p.max(), 1e-9);
        assertEquals(0.1, p.betweenSd(), 1e-12);
    }

    @Test
    void runsThatSpreadTwiceAsWideAsTheirOwnIntervalsPromiseHaveADispersionOfTwo() {
        Pooling.Pooled p = only(List.of(List.of(run(2.0, 0.05)), List.of(run(2.1, 0.05)), List.of(run(2.2, 0.05))));
        assertEquals(0.05, p.withinSe(), 1e-12);
        assertEquals(2.0, p.dispersion(), 1e-9);
        Pooling.Pooled fair = only(List.of(List.of(run(2.0, 0.1)), List.of(run(2.1, 0.1)), List.of(run(2.2, 0.1))));
        assertEquals(1.0, fair.dispersion(), 1e-9, "runs that differ only as their forks do");
    }

    @Test
    void theRunsNeededForATargetHalfWidthAreTheFewestWhoseIntervalIsWithinIt() {
        // ln 1.1 = 0.0953: six runs give t(0.975, 5) 0.1 / sqrt 6 = 0.105, seven 0.0925
        assertEquals(7, Pooling.runsFor(0.1, 0.10));
        assertEquals(2, Pooling.runsFor(0, 0.10), "no spread: two runs are enough");
        assertEquals(-1, Pooling.runsFor(10, 0.01), "past the search");
        Pooling.Pooled p = only(List.of(List.of(run(2.0, 0.05)), List.of(run(2.1, 0.05)), List.of(run(2.2, 0.05))));
        assertEquals(7, p.runsForTarget());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 1.3, 7.0})
    void aHostStateThatScalesEveryRunAlikeScalesThePooledRatioAndLeavesItsSpreadAlone(double factor) {
        List<List<PairedCsv.Ratio>> runs = new ArrayList<>();
        List<List<PairedCsv.Ratio>> scaled = new ArrayList<>();
        double[] logs = {1.1, 1.25, 0.95, 1.4};
        for (double l : logs) {
            runs.add(List.of(run(l, 0.04)));
            scaled.add(List.of(run(l + Math.log(factor), 0.04)));
        }
        Pooling.Pooled a = only(runs);
        Pooling.Pooled b = only(scaled);
        assertEquals(a.ratio() * factor, b.ratio(), 1e-9 * b.ratio());
        assertEquals(a.low() * factor, b.low(), 1e-9 * b.low());
        assertEquals(a.high() * factor, b.high(), 1e-9 * b.high());
        assertEquals(a.betweenSd(), b.betweenSd(), 1e-12);
        assertEquals(a.dispersion(), b.dispersion(), 1e-9);
        assertEquals(a.runsForTarget(), b.runsForTarget());
    }

    @Test
    void aRatioThatOnlyOneRunGaveIsListedAndNotPooled() {
        PairedCsv.Ratio extra = new PairedCsv.Ratio("ebpf", "established", B, P, 16, 1.5, 1.4, 1.6);
        List<List<PairedCsv.Ratio>> runs = List.of(List.of(run(2.0, 0.05), extra), List.of(run(2.1, 0.05)));
        Pooling.Result pool = Pooling.pool(runs, 0.10);
        assertEquals(1, pool.pooled().size());
        assertEquals(List.of(extra), pool.single());
    }

    @Test
    void aRunWithoutAnIntervalCountsForTheRatioButNotForTheWithinRunSpread() {
        PairedCsv.Ratio oneFork = new PairedCsv.Ratio("iptables", "nftables", B, P, 1, Math.exp(2.2), Double.NaN,
                Double.NaN);
        Pooling.Pooled p = only(List.of(List.of(run(2.0, 0.05)), List.of(run(2.1, 0.05)), List.of(oneFork)));
        assertEquals(3, p.runs());
        assertEquals(Math.exp(2.1), p.ratio(), 1e-9);
        assertEquals(0.05, p.withinSe(), 1e-12);
        Pooling.Pooled none = only(List.of(List.of(oneFork), List.of(oneFork)));
        assertTrue(Double.isNaN(none.withinSe()) && Double.isNaN(none.dispersion()));
    }
}
