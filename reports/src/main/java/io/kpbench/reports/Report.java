package io.kpbench.reports;

import io.kpbench.reports.chart.ChartCatalog;
import io.kpbench.reports.findings.Findings;
import io.kpbench.reports.kernel.KernelSection;
import io.kpbench.reports.published.ShapePanel;
import io.kpbench.reports.read.ResultsFolder;
import io.kpbench.reports.review.Arms;
import io.kpbench.reports.review.DesignReview;
import io.kpbench.reports.review.Floor;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything one report shows, computed once from a results folder and written as report.html and REPORT.md.
 *
 * @param folder the results folder
 * @param charts the charts and the skipped-chart notes
 * @param findings the generated sentences
 * @param panel the model-against-published rows
 * @param tables one table per benchmark
 * @param review the first screen: the design-review ratios, crossover, cluster, machine and gate
 * @param floor each mode's dependent first packet against the hardware floor, or null
 * @param arms the paired arms with their intervals, or null
 * @param kernel the kernel-time section: calibration and projected kernel first-packet cost
 */
public record Report(ResultsFolder folder, ChartCatalog.Result charts, List<String> findings,
        List<ShapePanel.Row> panel, List<Table> tables, DesignReview review, Table floor, Table arms,
        KernelSection kernel) {
    /** Computes the report of {@code folder}. */
    public static Report of(ResultsFolder folder) {
        return of(folder, null);
    }

    /** Computes the report of {@code folder}, projecting with {@code calibration} when not null. */
    public static Report of(ResultsFolder folder, Path calibration) {
        ChartCatalog.Result charts = ChartCatalog.build(folder);
        // a merged folder (scripts/merge.sh): its machines named, no figure across two of them
        return ShardReview.apply(new Report(folder, charts, Findings.of(folder), ShapePanel.rows(folder),
                BenchTables.of(folder.records()), DesignReview.of(folder, charts.charts()), Floor.of(folder),
                Arms.of(folder), KernelSection.of(folder, calibration)));
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
