package io.kpbench.reports;

import io.kpbench.reports.chart.ChartCatalog;
import io.kpbench.reports.findings.Findings;
import io.kpbench.reports.published.ShapePanel;
import io.kpbench.reports.read.ResultsFolder;
import java.util.List;

/**
 * Everything one report shows, computed once from a results folder and written as report.html and REPORT.md.
 *
 * @param folder the results folder
 * @param charts the charts and the skipped-chart notes
 * @param findings the generated sentences
 * @param panel the model-against-published rows
 * @param tables one table per benchmark
 */
public record Report(ResultsFolder folder, ChartCatalog.Result charts, List<String> findings,
        List<ShapePanel.Row> panel, List<Table> tables) {
    /** Computes the report of {@code folder}. */
    public static Report of(ResultsFolder folder) {
        return new Report(folder, ChartCatalog.build(folder), Findings.of(folder), ShapePanel.rows(folder),
                BenchTables.of(folder.records()));
    }

    /** Notes for the reader: what is damaged or missing in the folder, and which charts were skipped. */
    public List<String> notes() {
        List<String> n = new java.util.ArrayList<>(folder.problems().stream().map(ResultsFolder.Problem::note)
                .toList());
        n.addAll(folder.notes());
        n.addAll(charts.skipped());
        return n;
    }
}
