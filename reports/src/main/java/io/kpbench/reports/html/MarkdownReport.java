package io.kpbench.reports.html;

import io.kpbench.common.AtomicFile;
import io.kpbench.reports.Report;
import io.kpbench.reports.Table;
import io.kpbench.reports.chart.ChartSpec;
import io.kpbench.reports.published.ShapePanel;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes {@code REPORT.md}: the findings, the PNG charts, the published-shape panel and the tables in Markdown. */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    /** Writes {@code REPORT.md} into {@code out} and returns its path. */
    public static Path write(Report r, Path out) {
        Path file = out.resolve("REPORT.md");
        AtomicFile.write(file, w -> body(w, r));
        return Html.shareable(file);
    }

    private static void body(Writer w, Report r) throws IOException {
        Path name = r.folder().dir().getFileName();
        w.write("# kpbench report " + (name == null ? "" : "`" + name + "`") + "\n\n");
        if (r.folder().run() != null) {
            for (Map.Entry<String, String> e : r.folder().run().headline().entrySet()) {
                w.write("- **" + e.getKey() + "**: " + cell(e.getValue()) + "\n");
            }
            w.write("\n");
        }
        if (!r.notes().isEmpty()) {
            w.write("> **Missing or incomplete**\n");
            for (String n : r.notes()) {
                w.write("> - " + n + "\n");
            }
            w.write("\n");
        }
        w.write("## Summary of findings\n\n");
        for (String f : r.findings()) {
            w.write("- " + f + "\n");
        }
        if (r.findings().isEmpty()) {
            w.write("- No findings: the folder has none of the data the sentences need.\n");
        }
        w.write("\n## Charts\n\n");
        for (ChartSpec c : r.charts().charts()) {
            w.write("![" + c.title() + "](charts/" + c.id() + ".png)\n\n*" + c.caption() + "* ([SVG](charts/" + c.id()
                    + ".svg))\n\n");
        }
        w.write("## Model against published measurements\n\n" + ShapePanel.CAVEAT + "\n\n");
        table(w, new Table("", List.of("shape", "published", "source", "model", "verdict"),
                r.panel().stream().map(p -> List.of(p.shape(), p.published(), p.source(), p.model(), p.verdict()))
                        .toList(), List.of(false, false, false, false, false)));
        w.write("Sources: Kubernetes blog, \"NFTables mode for kube-proxy\" (2025-02-28), "
                + "<https://kubernetes.io/blog/2025/02/28/nftables-kube-proxy/>; KEP-3866.\n\n");
        w.write("## Results by benchmark\n\n");
        for (Table t : r.tables()) {
            w.write("### " + t.title() + "\n\n");
            table(w, t);
        }
    }

    /** Writes {@code t} as a Markdown table (numeric columns right-aligned), followed by a blank line. */
    public static void table(Writer w, Table t) throws IOException {
        w.write("| " + String.join(" | ", t.header().stream().map(MarkdownReport::cell).toList()) + " |\n|");
        for (int i = 0; i < t.header().size(); i++) {
            w.write(i < t.numeric().size() && t.numeric().get(i) ? "---:|" : "---|");
        }
        w.write("\n");
        for (List<String> row : t.rows()) {
            w.write("| " + String.join(" | ", row.stream().map(MarkdownReport::cell).toList()) + " |\n");
        }
        w.write("\n");
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
