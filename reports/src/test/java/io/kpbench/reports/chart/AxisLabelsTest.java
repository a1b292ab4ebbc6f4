package io.kpbench.reports.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpbench.reports.Fixtures;
import io.kpbench.reports.read.ResultsReader;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AxisLabelsTest {
    @Test
    void countsReadAsThousandsAndMillionsNeverAsPowersOfTen() {
        assertEquals("1k", AxisLabels.count(1000));
        assertEquals("10k", AxisLabels.count(10_000));
        assertEquals("100k", AxisLabels.count(100_000));
        assertEquals("1M", AxisLabels.count(1_000_000));
        assertEquals("30k", AxisLabels.count(30_000));
        assertEquals("1.5k", AxisLabels.count(1500));
        assertEquals("500", AxisLabels.count(500));
        assertEquals("1", AxisLabels.count(1));
    }

    @Test
    void bytesReadInBinaryUnits() {
        assertEquals("32 KiB", AxisLabels.bytes(32_768));
        assertEquals("16 MiB", AxisLabels.bytes(16_777_216));
        assertEquals("1 GiB", AxisLabels.bytes(1_073_741_824));
        assertEquals("512 B", AxisLabels.bytes(512));
        assertEquals("1.5 MiB", AxisLabels.bytes(1_572_864));
    }

    @Test
    void aLogAxisOfCountsHasATickPerDecadeAndOfBytesEveryFiveOctaves() {
        ChartSpec services = Build.xy("s", "s", "services (count)", "ns", List.of(new ChartSpec.Series("a", "#000000",
                false, List.of(new ChartSpec.Point(1000, 1, 0), new ChartSpec.Point(30_000, 40, 0)))), "");
        LogAxis axis = LogAxis.of(services);
        assertEquals(3, axis.min());
        assertEquals(5, axis.max());
        assertEquals(List.of("1k", "10k", "100k"), List.of(axis.label(3), axis.label(4), axis.label(5)));
        ChartSpec bytes = Build.xy("b", "b", "working set (bytes)", "ns", List.of(new ChartSpec.Series("a", "#000000",
                false, List.of(new ChartSpec.Point(32_768, 1, 0), new ChartSpec.Point(1_073_741_824, 176, 0)))), "");
        LogAxis b = LogAxis.of(bytes);
        assertEquals(List.of("32 KiB", "1 MiB", "32 MiB", "1 GiB"), List.of(b.label(b.min()), b.label(b.min() + 5),
                b.label(b.min() + 10), b.label(b.max())));
    }

    @Test
    void servicesFlowsAndBytesAxesOfTheFixtureChartsUseTheirLabels() {
        Map<String, ChartSpec.AxisFormat> formats = ChartCatalog.build(ResultsReader.read(Fixtures.source()))
                .charts().stream().collect(Collectors.toMap(ChartSpec::id, ChartSpec::xFormat));
        assertEquals(ChartSpec.AxisFormat.COUNT, formats.get("first-packet-e1"));
        assertEquals(ChartSpec.AxisFormat.COUNT, formats.get("baseline-conntrack"));
        assertEquals(ChartSpec.AxisFormat.BYTES, formats.get("memory-floor"));
        assertEquals(ChartSpec.AxisFormat.NUMBER, formats.get("latency-clusterip"));
    }
}
