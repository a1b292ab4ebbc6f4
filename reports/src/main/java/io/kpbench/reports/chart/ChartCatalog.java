package io.kpbench.reports.chart;

import io.kpbench.reports.read.ResultsFolder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The charts of a report, in reading order; a chart whose data is absent from the folder is skipped with a note.
 */
public final class ChartCatalog {
    private ChartCatalog() {
    }

    /**
     * The charts that could be built, and a sentence per chart that could not.
     *
     * @param charts the charts, in report order
     * @param skipped one note per skipped chart
     */
    public record Result(List<ChartSpec> charts, List<String> skipped) {
    }

    private record Entry(String name, String needs, Function<ResultsFolder, List<ChartSpec>> build) {
    }

    private static final List<Entry> ENTRIES = List.of(
            new Entry("First-packet classify vs services", "FirstPacketClassifyBenchmark.classify",
                    DataPlaneCharts::firstPacketVsServices),
            new Entry("First packet vs established packet", "FirstPacketClassifyBenchmark and "
                    + "EstablishedPacketBenchmark", DataPlaneCharts::firstVsEstablished),
            new Entry("Rules evaluated per packet", "the rulesPerPacket counter", DataPlaneCharts::rulesPerPacket),
            new Entry("Whole journey per service type", "JourneyBenchmark", DataPlaneCharts::journey),
            new Entry("Open-loop latency spectra", "latency-*.hgrm or latency.hlog", LatencyCharts::spectra),
            new Entry("Throughput vs threads", "ThroughputBenchmark.classify", ScaleCharts::throughputVsThreads),
            new Entry("Throughput under churn", "ChurnBenchmark.churn", ScaleCharts::churn),
            new Entry("Sync time vs services", "SyncBenchmark", ScaleCharts::sync),
            new Entry("Programming latency vs change rate", "programming-latency.csv", ControlCharts::latency),
            new Entry("Sync CPU share vs change rate", "programming-latency.csv", ControlCharts::cpuShare),
            new Entry("Memory per mode", "memory.csv", ScaleCharts::memory),
            new Entry("Hardware floor", FloorCharts.FLOOR, FloorCharts::floor),
            new Entry("Load evenness", "lb-distribution.csv", LbCharts::evenness),
            new Entry("Disruption", "lb-disruption.csv", LbCharts::disruption),
            new Entry("Service lookup baselines", "ServiceLookupBenchmark.lookup", BaselineCharts::serviceLookup),
            new Entry("Conntrack lookup baselines", "ConntrackLookupBenchmark.lookup",
                    BaselineCharts::conntrackLookup),
            new Entry("Kernel vs model", "kernel-lab.csv (scripts/kernel-lab.sh)", KernelCharts::kernelVsModel),
            new Entry("Kernel programming time", "kernel-lab.csv", KernelCharts::programming));

    /** Builds every chart the folder has data for. */
    public static Result build(ResultsFolder f) {
        List<ChartSpec> charts = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Entry e : ENTRIES) {
            List<ChartSpec> built = e.build().apply(f).stream().filter(c -> !c.series().isEmpty()).toList();
            if (built.isEmpty()) {
                skipped.add(e.name() + ": skipped, no data (needs " + e.needs() + ").");
            }
            charts.addAll(built);
        }
        return new Result(List.copyOf(charts), List.copyOf(skipped));
    }
}
