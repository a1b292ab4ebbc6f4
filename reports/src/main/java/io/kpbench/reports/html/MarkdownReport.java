package io.kpbench.reports.html;

import io.kpbench.common.AtomicFile;
import io.kpbench.reports.Report;
import io.kpbench.reports.Table;
import io.kpbench.reports.chart.ChartSpec;
import io.kpbench.reports.findings.ControlFindings;
import io.kpbench.reports.kernel.KernelSection;
import io.kpbench.reports.published.ControlPlaneAnchors;
import io.kpbench.reports.read.RunMeta;
import io.kpbench.reports.review.Arms;
import io.kpbench.reports.review.DesignReview;
import io.kpbench.reports.published.ShapePanel;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        w.write("Model follows: " + cell(RunMeta.model(r.folder().run())) + "\n\n");
        review(w, r);
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
        w.write("\n## Charts\n\n" + HtmlReport.CAPTION + "\n\n");
        for (ChartSpec c : r.charts().charts()) {
            if (!c.id().equals(r.review().firstChart())) {
                chart(w, c);
            }
        }
        if (r.floor() != null) {
            w.write("## " + r.floor().title() + "\n\n" + HtmlReport.FLOOR + "\n\n");
            table(w, r.floor());
        }
        if (r.arms() != null) {
            w.write("## " + r.arms().title() + "\n\n" + Arms.NOTE + "\n\n");
            table(w, r.arms());
        }
        control(w, r);
        Optional<String> plan = ClusterPlan.text(r.folder());
        if (plan.isPresent()) {
            w.write("## " + ClusterPlan.TITLE + "\n\n" + ClusterPlan.NOTE + "\n\n```text\n" + plan.get() + "\n```\n\n");
        }
        kernel(w, r);
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
        if (r.folder().run() != null) {
            w.write("## Run parameters\n\n");
            for (Map.Entry<String, String> e : r.folder().run().headline().entrySet()) {
                w.write("- **" + e.getKey() + "**: " + cell(e.getValue()) + "\n");
            }
            w.write("\n");
        }
    }

    /** The first screen, as in report.html: a given cluster, ratios, crossover, first-packet chart, machine, gate. */
    private static void review(Writer w, Report r) throws IOException {
        DesignReview d = r.review();
        w.write("## For the design review\n\n");
        if (d.lead() != null) {
            w.write("**" + d.lead() + "**\n\n");
        }
        if (d.headline() == null) {
            w.write(d.noTable() + "\n\n");
        } else {
            table(w, d.headline());
            w.write(DesignReview.INTERVAL_NOTE + "\n\n");
            if (!d.others().rows().isEmpty()) {
                w.write("<details><summary>" + d.others().title() + " (" + d.others().rows().size()
                        + ")</summary>\n\n");
                table(w, d.others());
                w.write("</details>\n\n");
            }
        }
        w.write(d.crossover() + "\n\n");
        for (ChartSpec c : r.charts().charts()) {
            if (c.id().equals(d.firstChart())) {
                chart(w, c);
            }
        }
        for (String line : java.util.Arrays.asList(d.cluster(), d.machine(), d.gate())) {
            if (line != null) {
                w.write("- " + line + "\n");
            }
        }
        w.write("\n");
    }

    /** The control plane under churn: its sentence and the published anchors, when the run measured it. */
    private static void control(Writer w, Report r) throws IOException {
        Optional<String> sentence = ControlFindings.programmingLatency(r.folder());
        if (sentence.isEmpty()) {
            return;
        }
        w.write("## " + ControlPlaneAnchors.TITLE + "\n\n" + sentence.get() + "\n\n" + ControlPlaneAnchors.NOTE
                + "\n\n");
        table(w, ControlPlaneAnchors.table());
    }

    /** The kernel-time section: methods, calibration, projection beside the model and the blog, reasons. */
    private static void kernel(Writer w, Report r) throws IOException {
        KernelSection k = r.kernel();
        w.write("## " + KernelSection.TITLE + "\n\n" + k.status() + "\n\n" + KernelSection.METHODS + "\n\n");
        for (Table t : java.util.Arrays.asList(k.calibration(), k.projection())) {
            if (t != null) {
                w.write("### " + t.title() + "\n\n");
                table(w, t);
            }
        }
        for (String n : k.notProjected()) {
            w.write("- " + n + "\n");
        }
        w.write(k.notProjected().isEmpty() ? "" : "\n");
    }

    private static void chart(Writer w, ChartSpec c) throws IOException {
        w.write("![" + c.title() + "](charts/" + c.id() + ".png)\n\n*" + c.caption() + "* ([SVG](charts/" + c.id()
                + ".svg))\n\n");
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
