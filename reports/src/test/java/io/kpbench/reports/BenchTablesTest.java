package io.kpbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.kpbench.reports.read.JmhRecord;
import io.kpbench.reports.read.Score;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchTablesTest {
    private static final JmhRecord CHURN = new JmhRecord("io.kpbench.bench.ChurnBenchmark.churn", "avgt", 2, 1,
            ordered("mode", "IPTABLES", "services", "30000"), new Score(289_291_461, 10, "ns/op"),
            ordered("classify", new Score(4_210, 5, "ns/op"), "rollingUpdate", new Score(578_578_712, 9, "ns/op")));
    private static final JmhRecord PAIRED = new JmhRecord("io.kpbench.bench.PairedFirstPacketBenchmark.classify",
            "avgt", 1, 14, Map.of("services", "30000"), new Score(4242, 1, "ns/op"), Map.of());

    /** Two entries in the order given, as JMH's JSON keeps them. */
    private static <V> Map<String, V> ordered(String k1, V v1, String k2, V v2) {
        Map<String, V> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    @Test
    void theChurnTableShowsTheReaderAndTheWriterAndNeverTheirAverage() {
        Table t = BenchTables.of(List.of(CHURN, PAIRED)).get(0);
        assertEquals(List.of("mode", "services", "classify (reader)", "rollingUpdate (writer)"), t.header());
        assertEquals(List.of("IPTABLES", "30000", "4,210 ns/op", "578,578,712 ns/op"), t.rows().get(0));
        assertFalse(t.rows().toString().contains("289,291,461"));
    }

    @Test
    void thePairedMixtureHasNoTable() {
        assertEquals(List.of("ChurnBenchmark.churn"), BenchTables.of(List.of(CHURN, PAIRED)).stream()
                .map(Table::title).toList());
    }

    @Test
    void runsAreComparedOnTheReaderAndTheWriterApartAndNeverOnThePairedMixture() {
        List<JmhRecord> c = BenchTables.comparable(List.of(CHURN, PAIRED));
        assertEquals(List.of("ChurnBenchmark.churn_classify", "ChurnBenchmark.churn_rollingUpdate"),
                c.stream().map(JmhRecord::shortName).toList());
        assertEquals(578_578_712, c.get(1).primary().score());
    }
}
