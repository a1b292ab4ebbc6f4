package io.kpbench.reports.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpbench.reports.Fixtures;
import io.kpbench.reports.read.ResultsReader;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AxisLabelsTest {
    @ParameterizedTest(name = "{0} {1} reads as {2}")
    @CsvSource(delimiter = '|', value = {
        "COUNT|1000|1k", "COUNT|10000|10k", "COUNT|100000|100k", "COUNT|1000000|1M",
        "COUNT|30000|30k", "COUNT|1500|1.5k", "COUNT|500|500", "COUNT|1|1",
        "BYTES|32768|32 KiB", "BYTES|16777216|16 MiB", "BYTES|1073741824|1 GiB",
        "BYTES|512|512 B", "BYTES|1572864|1.5 MiB"})
    void countsReadAsThousandsAndMillionsNeverAsPowersOfTenAndBytesInBinaryUnits(ChartSpec.AxisFormat format,
            double value, String label) {
        assertEquals(label, AxisLabels.of(format, value));
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
