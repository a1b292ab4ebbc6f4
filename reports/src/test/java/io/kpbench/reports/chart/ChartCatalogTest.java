package io.kpbench.reports.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.proxy.ProxyMode;
import io.kpbench.reports.Fixtures;
import io.kpbench.reports.read.ResultsReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartCatalogTest {
    @TempDir
    Path tmp;

    @Test
    void theFixtureHasEveryChartAndNoneIsSkipped() {
        ChartCatalog.Result r = ChartCatalog.build(ResultsReader.read(Fixtures.source()));
        assertEquals(List.of(), r.skipped());
        List<String> ids = r.charts().stream().map(ChartSpec::id).toList();
        assertEquals(List.of("first-packet-e1", "first-packet-e10", "first-vs-established", "rules-per-packet",
                "journey", "latency-clusterip", "latency-nodeport", "throughput-threads", "throughput-churn", "sync",
                "memory", "lb-evenness", "lb-disruption", "baseline-service", "baseline-conntrack"), ids);
    }

    @Test
    void everyModeChartHasAllFiveModesInTheModeColour() {
        ChartCatalog.Result r = ChartCatalog.build(ResultsReader.read(Fixtures.source()));
        for (String id : List.of("first-packet-e10", "journey", "latency-clusterip", "throughput-threads", "memory")) {
            ChartSpec c = r.charts().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
            assertEquals(5, c.series().size(), id);
            for (ChartSpec.Series s : c.series()) {
                assertEquals(Palette.of(ProxyMode.valueOf(s.name())), s.color(), id + " " + s.name());
            }
        }
    }

    @Test
    void theFirstPacketChartIsLogLogAndTheSpectrumIsLabelledInPercentiles() {
        ChartCatalog.Result r = ChartCatalog.build(ResultsReader.read(Fixtures.source()));
        ChartSpec fp = r.charts().get(0);
        assertTrue(fp.xLog() && fp.yLog());
        assertTrue(r.charts().stream().filter(c -> c.id().startsWith("latency-")).allMatch(ChartSpec::xPercentile));
        assertEquals("90%", LatencyCharts.percentileLabel(10));
        assertEquals("99.9%", LatencyCharts.percentileLabel(1000));
        assertEquals("99.9%", ChartRenderer.decadeLabel(3));
    }

    @Test
    void eachModeHasItsOwnColour() {
        Set<String> colours = new HashSet<>();
        for (ProxyMode m : ProxyMode.values()) {
            colours.add(Palette.of(m));
            assertEquals(Palette.of(m), Palette.of(m.cliName()));
        }
        assertEquals(ProxyMode.values().length, colours.size());
        assertNotEquals(Palette.of("maglev (M=16381)"), Palette.of("modulo"));
    }

    @Test
    void aChartWithoutDataIsSkippedWithANote() throws IOException {
        Files.writeString(tmp.resolve("memory.csv"), "mode,services,endpoints,retainedBytes\nIPVS,1000,1,100\n"
                + "IPVS,10000,1,1000\n");
        ChartCatalog.Result r = ChartCatalog.build(ResultsReader.read(tmp));
        assertEquals(List.of("memory"), r.charts().stream().map(ChartSpec::id).toList());
        assertTrue(r.skipped().contains("Sync time vs services: skipped, no data (needs SyncBenchmark)."));
    }
}
