package io.kpbench.reports.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpbench.reports.read.JmhRecord;
import io.kpbench.reports.read.Score;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ComparisonTest {
    private static JmhRecord avgt(String mode, double score, double err) {
        return new JmhRecord("io.kpbench.bench.FirstPacketClassifyBenchmark.classify", "avgt", 1, 1,
                Map.of("mode", mode), new Score(score, err, "ns/op"), Map.of());
    }

    private static JmhRecord sampled(double... xs) {
        List<Double> samples = new ArrayList<>();
        double sum = 0;
        for (double x : xs) {
            samples.add(x);
            sum += x;
        }
        return new JmhRecord("io.kpbench.bench.FirstPacketClassifyBenchmark.classify", "avgt", 1, 1,
                Map.of("mode", "IPTABLES"), new Score(sum / xs.length, 0.0, "ns/op"), Map.of(), samples);
    }

    private static JmhRecord thrpt(double score, double err) {
        return new JmhRecord("io.kpbench.bench.ThroughputBenchmark.classify", "thrpt", 2, 1, Map.of("mode", "IPVS"),
                new Score(score, err, "ops/us"), Map.of());
    }

    private static Comparison.Row row(JmhRecord o, JmhRecord n, double tol) {
        return Comparison.compare(List.of(o), List.of(n), tol).get(0);
    }

    private static Comparison.Flag flag(JmhRecord o, JmhRecord n, double tol) {
        return row(o, n, tol).flag();
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
    void overlappingIntervalsAreInconclusive() {
        Comparison.Row r = row(avgt("IPTABLES", 100, 15), avgt("IPTABLES", 125, 15), 0.10);
        assertEquals(Comparison.Flag.INCONCLUSIVE, r.flag());
        assertEquals("inconclusive (noise)", r.flag().label());
        assertEquals("the ratio's interval contains 1", r.reason());
    }

    @Test
    void aLargeChangeWithinHugeErrorsIsInconclusiveNotUnchanged() {
        assertEquals(Comparison.Flag.INCONCLUSIVE, flag(avgt("IPTABLES", 100, 150), avgt("IPTABLES", 254.1, 150),
                0.10));
    }

    @Test
    void rawSamplesThatOverlapAreInconclusiveAndSeparatedOnesAreAChange() {
        assertEquals(Comparison.Flag.INCONCLUSIVE, flag(sampled(3000, 2900, 3100), sampled(3900, 3600, 4200), 0.10));
        Comparison.Row r = row(sampled(100, 101, 99), sampled(150, 151, 149), 0.10);
        assertEquals(Comparison.Flag.REGRESSED, r.flag());
        assertEquals(RatioInterval.Basis.SAMPLES, r.ratio().basis());
    }

    @Test
    void aChangeTheFiellerIntervalSeesButTheJmhIntervalsDoNotIsInconclusive() {
        // the ratio's interval excludes 1 (the difference test is sharper than interval overlap), but the table
        // shows overlapping score ± error, and no verdict contradicts what the table shows
        JmhRecord o = withError(sampled(100, 100.5, 99.5, 100.2, 99.8, 100.1, 99.9, 100.3, 99.7, 100.4), 5.0);
        JmhRecord n = withError(sampled(112, 112.5, 111.5, 112.2, 111.8, 112.1, 111.9, 112.3, 111.7, 112.4), 8.0);
        Comparison.Row r = row(o, n, 0.10);
        assertEquals(false, r.ratio().contains(1), r.ratio().toString());
        assertEquals(Comparison.Flag.INCONCLUSIVE, r.flag());
        assertEquals("the JMH intervals overlap", r.reason());
    }

    private static JmhRecord withError(JmhRecord r, double err) {
        return new JmhRecord(r.benchmark(), r.mode(), r.threads(), r.forks(), r.params(),
                new Score(r.primary().score(), err, r.primary().unit()), r.secondary(), r.samples());
    }

    @Test
    void anIntervalInsideTheToleranceIsUnchanged() {
        Comparison.Row r = row(sampled(10000, 10010, 9990), sampled(10020, 10030, 10010), 0.10);
        assertEquals(Comparison.Flag.UNCHANGED, r.flag());
        assertEquals("the interval lies within ±10%", r.reason());
    }

    @Test
    void aRealChangeWithinTheToleranceIsUnchangedAndATighterToleranceCallsIt() {
        assertEquals(Comparison.Flag.UNCHANGED, flag(avgt("IPTABLES", 100, 0.1), avgt("IPTABLES", 108, 0.1), 0.10));
        assertEquals(Comparison.Flag.REGRESSED, flag(avgt("IPTABLES", 100, 0.1), avgt("IPTABLES", 108, 0.1), 0.05));
    }

    @Test
    void higherThroughputIsAnImprovement() {
        assertEquals(Comparison.Flag.IMPROVED, flag(thrpt(10, 0.2), thrpt(13, 0.2), 0.10));
        assertEquals(Comparison.Flag.REGRESSED, flag(thrpt(10, 0.2), thrpt(7, 0.2), 0.10));
    }

    @Test
    void aMissingErrorIsNoIntervalAndInconclusive() {
        Comparison.Row r = row(avgt("IPVS", 100, Double.NaN), avgt("IPVS", 150, Double.NaN), 0.10);
        assertEquals(Comparison.Flag.INCONCLUSIVE, r.flag());
        assertEquals("no interval (one iteration, no score error)", r.reason());
    }

    @Test
    void benchmarksInOneRunAreListed() {
        List<Comparison.Row> rows = Comparison.compare(List.of(avgt("IPVS", 100, 1), avgt("EBPF", 5, 1)),
                List.of(avgt("IPVS", 150, 1), avgt("NFTABLES", 5, 1)), 0.10);
        assertEquals(List.of(Comparison.Flag.ONLY_OLD, Comparison.Flag.REGRESSED, Comparison.Flag.ONLY_NEW),
                rows.stream().map(Comparison.Row::flag).toList());
    }

    @Test
    void rowsSortNumericallyByEachParameterInTheBenchmarksOrder() {
        List<JmhRecord> recs = new ArrayList<>();
        for (String mode : List.of("NFTABLES", "IPTABLES")) {
            for (String services : List.of("1000", "10000", "30000", "100000", "300")) {
                recs.add(new JmhRecord("io.kpbench.bench.FirstPacketClassifyBenchmark.classify", "avgt", 1, 1,
                        orderedParams(mode, services), new Score(1, 0.1, "ns/op"), Map.of()));
            }
        }
        Collections.shuffle(recs, new Random(3));
        List<String> order = Comparison.compare(recs, recs, 0.10).stream()
                .map(r -> r.record().param("mode") + " " + r.record().param("services")).toList();
        assertEquals(List.of("IPTABLES 300", "IPTABLES 1000", "IPTABLES 10000", "IPTABLES 30000", "IPTABLES 100000",
                "NFTABLES 300", "NFTABLES 1000", "NFTABLES 10000", "NFTABLES 30000", "NFTABLES 100000"), order);
    }

    private static Map<String, String> orderedParams(String mode, String services) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("mode", mode);
        m.put("services", services);
        return m;
    }

    @Test
    void numbersCompareAsNumbersAndBeforeWords() {
        assertEquals(-1, Integer.signum(RowOrder.value("30000", "100000")));
        assertEquals(-1, Integer.signum(RowOrder.value("2.5", "10")));
        assertEquals(-1, Integer.signum(RowOrder.value("100", "UNIFORM")));
        assertEquals(-1, Integer.signum(RowOrder.value("UNIFORM", "ZIPF")));
    }
}
