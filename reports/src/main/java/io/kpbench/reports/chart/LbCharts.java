package io.kpbench.reports.chart;

import io.kpbench.reports.read.CsvTable;
import io.kpbench.reports.read.ResultsFolder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Chart 9 of the report: how evenly each backend-selection mechanism spreads flows ({@code lb-distribution.csv})
 * and how many flows move when one endpoint goes or comes ({@code lb-disruption.csv}).
 */
final class LbCharts {
    private LbCharts() {
    }

    /** The series label of a mechanism: {@code maglev (M=16381)} when it has a table size. */
    static String label(Map<String, String> row) {
        String m = row.getOrDefault("mechanism", "");
        double t = CsvTable.num(row, "tableSize");
        return Double.isFinite(t) && t > 0 ? m + " (M=" + Math.round(t) + ")" : m;
    }

    static List<ChartSpec> evenness(ResultsFolder f) {
        CsvTable t = f.table("lb-distribution.csv");
        if (t == null || t.column("maxOverMean") < 0) {
            return List.of();
        }
        double flows = t.maps().stream().mapToDouble(r -> CsvTable.num(r, "flows")).filter(Double::isFinite)
                .max().orElse(Double.NaN);
        List<Map<String, String>> rows = t.where(r -> Double.isNaN(flows) || CsvTable.num(r, "flows") == flows);
        rows.forEach(r -> r.put("label", label(r)));
        List<ChartSpec.Series> s = ScaleCharts.csvLines(rows, "label", "endpoints", "maxOverMean", 1);
        return s.isEmpty() ? List.of() : List.of(Build.xy("lb-evenness", "Load evenness per selection mechanism",
                "endpoints (count)", "busiest endpoint / mean (ratio, 1 = perfectly even)", s,
                Double.isNaN(flows) ? "" : Build.n(flows) + " flows per run."));
    }

    static List<ChartSpec> disruption(ResultsFolder f) {
        CsvTable t = f.table("lb-disruption.csv");
        if (t == null || t.column("movedFraction") < 0) {
            return List.of();
        }
        List<ChartSpec.Series> s = new ArrayList<>();
        for (String change : List.of("remove", "add")) {
            List<Map<String, String>> rows = t.where(r -> change.equals(r.get("change")));
            rows.forEach(r -> r.put("label", label(r)));
            List<ChartSpec.Series> lines = ScaleCharts.csvLines(rows, "label", "endpoints", "movedFraction", 100);
            s.addAll(Build.variant(lines, ", one " + (change.equals("remove") ? "removed" : "added"),
                    change.equals("add")));
        }
        Map<Double, Double> optimal = new TreeMap<>();
        for (Map<String, String> r : t.where(r -> "remove".equals(r.get("change")))) {
            double e = CsvTable.num(r, "endpoints");
            double o = CsvTable.num(r, "optimal");
            if (Double.isFinite(e) && Double.isFinite(o)) {
                optimal.put(e, o * 100);
            }
        }
        if (!optimal.isEmpty()) {
            List<ChartSpec.Point> pts = new ArrayList<>();
            optimal.forEach((e, o) -> pts.add(new ChartSpec.Point(e, o, 0)));
            s.add(new ChartSpec.Series("optimal (1/n)", Palette.of("OPTIMAL"), true, pts));
        }
        return s.isEmpty() ? List.of() : List.of(Build.xy("lb-disruption", "Flows moved when one endpoint changes",
                "endpoints (count)", "flows moved (%)", s, "Solid: one endpoint removed; dashed: one added. "
                        + "The optimum moves only the changed endpoint's share."));
    }
}
