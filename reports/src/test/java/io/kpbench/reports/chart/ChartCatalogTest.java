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
    void theFixtureHasEveryChartButTheKernelLabsWhichItHasNoDataFor() {
        ChartCatalog.Result r = ChartCatalog.build(ResultsReader.read(Fixtures.source()));
        assertEquals(List.of("Kernel vs model: skipped, no data (needs kernel-lab.csv (scripts/kernel-lab.sh)).",
                "Kernel programming time: skipped, no data (needs kernel-lab.csv)."), r.skipped());
        List<String> ids = r.charts().stream().map(ChartSpec::id).toList();
        assertEquals(List.of("first-packet-e1", "first-packet-e10", "first-vs-established", "rules-per-packet",
                "journey", "latency-clusterip", "latency-nodeport", "throughput-threads", "throughput-churn", "sync",
                "programming-latency-1000svc", "programming-latency-10000svc", "sync-cpu-share", "memory",
                "memory-floor", "lb-evenness", "lb-disruption", "baseline-service", "baseline-conntrack"),
                ids);
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
    void kernelLabCsvGivesKernelAndModelLinesPerBackend() throws IOException {
        Files.writeString(tmp.resolve("kernel-lab.csv"), "backend,services,position,addedP50Us,loadMs,"
                + "modelNsPerClassify\niptables-legacy,100,first,1,5,10\niptables-legacy,100,last,2,5,900\n"
                + "iptables-legacy,1000,last,9,40,9000\nnftables,100,last,1,5,80\nnftables,1000,last,1,30,90\n");
        ChartCatalog.Result r = ChartCatalog.build(ResultsReader.read(tmp));
        ChartSpec c = r.charts().stream().filter(x -> x.id().equals("kernel-vs-model")).findFirst().orElseThrow();
        assertEquals(List.of("nftables kernel", "iptables-legacy kernel", "nftables model", "iptables-legacy model"),
                c.series().stream().map(ChartSpec.Series::name).toList());
        assertEquals(9000e-3, c.series().get(3).points().get(1).y(), 1e-9);
        assertTrue(c.series().get(3).dashed() && !c.series().get(1).dashed());
        assertTrue(r.charts().stream().anyMatch(x -> x.id().equals("kernel-programming")));
    }

    @Test
    void aChartWithoutDataIsSkippedWithANote() throws IOException {
        Files.writeString(tmp.resolve("memory.csv"), "mode,services,endpoints,retainedBytes\nIPVS,1000,1,100\n"
                + "IPVS,10000,1,1000\n");
        ChartCatalog.Result r = ChartCatalog.build(ResultsReader.read(tmp));
        assertEquals(List.of("memory"), r.charts().stream().map(ChartSpec::id).toList());
        assertTrue(r.skipped().contains("Sync time vs services: skipped, no data (needs SyncBenchmark)."));
    }
    @Test
    void theDependentFirstPacketIsDrawnDashedBesideTheIndependentOne() throws IOException {
        Files.writeString(tmp.resolve("jmh.json"), "[" + first("classify", 100) + ","
                + first("classifyDependent", 150) + "]");
        ChartSpec c = ChartCatalog.build(ResultsReader.read(tmp)).charts().get(0);
        assertEquals(List.of("IPTABLES", "IPTABLES dependent"), c.series().stream().map(ChartSpec.Series::name)
                .toList());
        assertEquals(List.of(false, true), c.series().stream().map(ChartSpec.Series::dashed).toList());
        assertTrue(c.caption().contains("dashed: dependent packets (latency per packet)"), c.caption());
    }

    private static String first(String method, double ns) {
        return "{\"benchmark\":\"io.kpbench.bench.FirstPacketClassifyBenchmark." + method + "\",\"mode\":\"avgt\","
                + "\"threads\":1,\"forks\":1,\"params\":{\"mode\":\"IPTABLES\",\"services\":\"1000\","
                + "\"endpoints\":\"10\",\"traffic\":\"UNIFORM\"},\"primaryMetric\":{\"score\":" + ns
                + ",\"scoreError\":1,\"scoreUnit\":\"ns/op\"},\"secondaryMetrics\":{}}";
    }
}
