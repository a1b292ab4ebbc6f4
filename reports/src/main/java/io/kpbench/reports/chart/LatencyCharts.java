package io.kpbench.reports.chart;

import io.kpbench.reports.read.PercentileSpectrum;
import io.kpbench.reports.read.ResultsFolder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chart 5 of the report: open-loop latency percentile spectra, one chart per scenario, one line per mode, plotted
 * against {@code 1/(1-p)} on a log axis labelled 90%, 99%, 99.9%... (the wrk2 / HdrHistogram plot).
 */
final class LatencyCharts {
    private LatencyCharts() {
    }

    static List<ChartSpec> spectra(ResultsFolder f) {
        Map<String, List<PercentileSpectrum>> byScenario = new LinkedHashMap<>();
        for (PercentileSpectrum s : f.spectra()) {
            byScenario.computeIfAbsent(s.scenario(), k -> new ArrayList<>()).add(s);
        }
        List<ChartSpec> out = new ArrayList<>();
        byScenario.forEach((scenario, list) -> {
            List<ChartSpec.Series> series = new ArrayList<>();
            list.sort((a, b) -> Build.KEY_ORDER.compare(a.mode(), b.mode()));
            for (PercentileSpectrum s : list) {
                List<ChartSpec.Point> pts = new ArrayList<>();
                for (PercentileSpectrum.Point p : s.points()) {
                    if (Double.isFinite(p.inverse()) && p.inverse() >= 1 && p.value() > 0) {
                        pts.add(new ChartSpec.Point(p.inverse(), p.value(), 0));
                    }
                }
                if (!pts.isEmpty()) {
                    series.add(new ChartSpec.Series(s.mode(), Palette.of(s.mode()), false, List.copyOf(pts)));
                }
            }
            if (!series.isEmpty()) {
                ChartSpec base = Build.xy("latency-" + (scenario.isEmpty() ? "all" : scenario),
                        "Open-loop latency by percentile" + (scenario.isEmpty() ? "" : " (" + scenario + ")"),
                        "percentile", "latency (µs, from intended send time)", series,
                        "Measured from the intended send time (no coordinated omission); x is 1/(1-p).");
                out.add(new ChartSpec(base.id(), base.title(), base.kind(), base.xTitle(), base.yTitle(), true,
                        base.yLog(), true, base.categories(), base.series(), base.caption()));
            }
        });
        return out;
    }

    /** The tick label of {@code 1/(1-p)}: 1 to 0%, 10 to 90%, 100 to 99%, 1000 to 99.9%. */
    public static String percentileLabel(double inverse) {
        if (inverse <= 1) {
            return "0%";
        }
        double p = 100.0 * (1.0 - 1.0 / inverse);
        String s = String.format(java.util.Locale.ROOT, "%.6f", p).replaceAll("0+$", "").replaceAll("\\.$", "");
        return s + "%";
    }
}
