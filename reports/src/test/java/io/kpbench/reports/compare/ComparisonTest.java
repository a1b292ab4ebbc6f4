package io.kpbench.reports.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpbench.reports.read.JmhRecord;
import io.kpbench.reports.read.Score;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComparisonTest {
    private static JmhRecord avgt(String mode, double score, double err) {
        return new JmhRecord("io.kpbench.bench.FirstPacketClassifyBenchmark.classify", "avgt", 1, 1,
                Map.of("mode", mode), new Score(score, err, "ns/op"), Map.of());
    }

    private static JmhRecord thrpt(double score, double err) {
        return new JmhRecord("io.kpbench.bench.ThroughputBenchmark.classify", "thrpt", 2, 1, Map.of("mode", "IPVS"),
                new Score(score, err, "ops/us"), Map.of());
    }

    private static Comparison.Flag flag(JmhRecord o, JmhRecord n, double tol) {
        return Comparison.compare(List.of(o), List.of(n), tol).get(0).flag();
    }

    @Test
    void aSlowerAverageTimeBeyondErrorAndToleranceIsARegression() {
        assertEquals(Comparison.Flag.REGRESSED, flag(avgt("IPTABLES", 100, 2), avgt("IPTABLES", 130, 2), 0.10));
    }

    @Test
    void aFasterAverageTimeBeyondErrorAndToleranceIsAnImprovement() {
        assertEquals(Comparison.Flag.IMPROVED, flag(avgt("IPTABLES", 100, 2), avgt("IPTABLES", 70, 2), 0.10));
    }

    @Test
    void aChangeWithinTheCombinedErrorIsUnchanged() {
        assertEquals(Comparison.Flag.UNCHANGED, flag(avgt("IPTABLES", 100, 15), avgt("IPTABLES", 125, 15), 0.10));
    }

    @Test
    void aChangeWithinTheToleranceIsUnchangedEvenWhenBeyondTheError() {
        assertEquals(Comparison.Flag.UNCHANGED, flag(avgt("IPTABLES", 100, 0.1), avgt("IPTABLES", 108, 0.1), 0.10));
        assertEquals(Comparison.Flag.REGRESSED, flag(avgt("IPTABLES", 100, 0.1), avgt("IPTABLES", 108, 0.1), 0.05));
    }

    @Test
    void higherThroughputIsAnImprovement() {
        assertEquals(Comparison.Flag.IMPROVED, flag(thrpt(10, 0.2), thrpt(13, 0.2), 0.10));
        assertEquals(Comparison.Flag.REGRESSED, flag(thrpt(10, 0.2), thrpt(7, 0.2), 0.10));
    }

    @Test
    void aNaNErrorCountsAsNoErrorAndBenchmarksInOneRunAreListed() {
        List<Comparison.Row> rows = Comparison.compare(List.of(avgt("IPVS", 100, Double.NaN), avgt("EBPF", 5, 1)),
                List.of(avgt("IPVS", 150, Double.NaN), avgt("NFTABLES", 5, 1)), 0.10);
        assertEquals(3, rows.size());
        assertEquals(Comparison.Flag.ONLY_OLD, rows.get(0).flag());
        assertEquals(Comparison.Flag.REGRESSED, rows.get(1).flag());
        assertEquals(Comparison.Flag.ONLY_NEW, rows.get(2).flag());
    }
}
