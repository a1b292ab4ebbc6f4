package io.kpbench.reports.html;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writes {@code report.html}: one self-contained page that opens from {@code file://} with no network. ECharts is
 * inlined as a classic {@code <script>} (no ES modules, which browsers block from disk), and the data is a
 * {@code <script type="application/json">} block the page script turns into interactive charts.
 */
public final class HtmlReport {
    private static final String RES = "io/kpbench/reports/html/";
    /** What the charts' error bars are, and what the ratios' intervals are. */
    static final String CAPTION = "Error bars are JMH's 99.9% score error (one fork's iterations); the ratios of the "
            + "design review and the paired arms use the 95% interval over forks instead.";
    /** What the floor table divides by what. */
    static final String FLOOR = "Each mode's dependent first packet (paired arms, latency per packet) divided by one "
            + "dependent load (MemoryFloorBenchmark.chase) at a working set the size of the mode's tables "
            + "(memory.csv, retained bytes at the same services count); both interpolated log-log between measured "
            + "points.";

    private HtmlReport() {
    }

    /** Writes {@code report.html} into {@code out} and returns its path. */
    public static Path write(Report r, Path out) {
        Path file = out.resolve("report.html");
        String data = json(r);
        AtomicFile.write(file, w -> page(w, r, data));
        return Html.shareable(file);
    }

    private static String json(Report r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", r.folder().run() == null ? Map.of() : r.folder().run().headline());
        m.put("charts", r.charts().charts());
        try {
            return new ObjectMapper().writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void page(Writer w, Report r, String data) throws IOException {
        String dir = r.folder().dir().getFileName() == null ? "" : r.folder().dir().getFileName().toString();
        w.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        w.write("<title>kpbench report " + Html.esc(dir) + "</title>\n<style>\n" + Html.resource(RES + "report.css")
                + "</style>\n</head>\n<body>\n");
        w.write("<h1>kpbench report</h1>\n<p>Results folder <code>" + Html.esc(dir) + "</code></p>\n");
        w.write("<p class=\"model\">Model follows: " + Html.esc(RunMeta.model(r.folder().run())) + "</p>\n");
        w.write("<pre id=\"console-errors\" hidden></pre>\n");
        review(w, r);
        if (!r.notes().isEmpty()) {
            w.write("<div class=\"notes\" id=\"notes\"><strong>Missing or incomplete</strong><ul>\n");
            for (String n : r.notes()) {
                w.write("<li>" + Html.esc(n) + "</li>\n");
            }
            w.write("</ul></div>\n");
        }
        w.write("<h2>Summary of findings</h2>\n<ul class=\"findings\">\n");
        for (String f : r.findings()) {
            w.write("<li>" + Html.esc(f) + "</li>\n");
        }
        if (r.findings().isEmpty()) {
            w.write("<li>No findings: the folder has none of the data the sentences need.</li>\n");
        }
        w.write("</ul>\n<h2>Charts</h2>\n<p class=\"caption\">Hover for values; click a legend entry to hide a "
                + "series. " + CAPTION + "</p>\n");
        for (ChartSpec c : r.charts().charts()) {
            if (!c.id().equals(r.review().firstChart())) {
                chart(w, c);
            }
        }
        if (r.floor() != null) {
            w.write("<h2 id=\"floor\">" + Html.esc(r.floor().title()) + "</h2>\n<p class=\"caption\">" + Html.esc(FLOOR)
                    + "</p>\n" + Html.table(r.floor()));
        }
        if (r.arms() != null) {
            w.write("<h2 id=\"arms\">" + Html.esc(r.arms().title()) + "</h2>\n<p class=\"caption\">"
                    + Html.esc(Arms.NOTE) + "</p>\n" + Html.table(r.arms()));
        }
        control(w, r);
        plan(w, r);
        kernel(w, r);
        panel(w, r);
        w.write("<h2>Results by benchmark</h2>\n");
        for (Table t : r.tables()) {
            w.write("<h3>" + Html.esc(t.title()) + "</h3>\n" + Html.table(t));
        }
        if (r.folder().run() != null) {
            w.write("<details id=\"run-parameters\">\n<summary>Run parameters</summary>\n<table class=\"meta\">\n");
            for (Map.Entry<String, String> e : r.folder().run().headline().entrySet()) {
                w.write("<tr><td>" + Html.esc(e.getKey()) + "</td><td>" + Html.esc(e.getValue()) + "</td></tr>\n");
            }
            w.write("</table>\n</details>\n");
        }
        w.write("<script type=\"application/json\" id=\"report-data\">" + Html.scriptSafe(data) + "</script>\n");
        w.write("<script>\n" + Html.scriptSafe(Html.echarts()) + "\n</script>\n");
        w.write("<script>\n" + Html.resource(RES + "report.js") + "</script>\n</body>\n</html>\n");
    }

    /**
     * The first screen: a given cluster's line; the ratio table, the crossover, the first-packet chart; the
     * (synthetic) cluster, machine and gate.
     */
    private static void review(Writer w, Report r) throws IOException {
        DesignReview d = r.review();
        w.write("<section id=\"design-review\">\n<h2>For the design review</h2>\n");
        if (d.lead() != null) {
            w.write("<p class=\"cluster-lead\">" + Html.esc(d.lead()) + "</p>\n");
        }
        if (d.headline() == null) {
            w.write("<p class=\"no-paired\">" + Html.esc(d.noTable()) + "</p>\n");
        } else {
            w.write(Html.table(d.headline()) + "<p class=\"caption\">" + Html.esc(DesignReview.INTERVAL_NOTE)
                    + "</p>\n");
            if (!d.others().rows().isEmpty()) {
                w.write("<details id=\"other-ratios\">\n<summary>" + Html.esc(d.others().title()) + " ("
                        + d.others().rows().size() + ")</summary>\n" + Html.table(d.others()) + "</details>\n");
            }
        }
        w.write("<p class=\"crossover\">" + Html.esc(d.crossover()) + "</p>\n");
        for (ChartSpec c : r.charts().charts()) {
            if (c.id().equals(d.firstChart())) {
                chart(w, c);
            }
        }
        w.write("<ul class=\"setting\">\n");
        for (String line : java.util.Arrays.asList(d.cluster(), d.machine(), d.gate())) {
            if (line != null) {
                w.write("<li>" + Html.esc(line) + "</li>\n");
            }
        }
        w.write("</ul>\n</section>\n");
    }

    private static void chart(Writer w, ChartSpec c) throws IOException {
        w.write("<div class=\"chart\" id=\"chart-" + Html.esc(c.id()) + "\"></div>\n<p class=\"caption\">"
                + Html.esc(c.caption()) + " <a href=\"charts/" + Html.esc(c.id()) + ".png\">PNG</a> · <a href=\""
                + "charts/" + Html.esc(c.id()) + ".svg\">SVG</a></p>\n");
    }

    /** The kernel-time section: methods, calibration, projection beside the model and the blog, reasons. */
    private static void kernel(Writer w, Report r) throws IOException {
        KernelSection k = r.kernel();
        w.write("<h2 id=\"kernel-time\">" + Html.esc(KernelSection.TITLE) + "</h2>\n<p class=\"finding\">"
                + Html.esc(k.status()) + "</p>\n<p class=\"caption\">" + Html.esc(KernelSection.METHODS) + "</p>\n");
        for (Table t : java.util.Arrays.asList(k.calibration(), k.projection())) {
            if (t != null) {
                w.write("<h3>" + Html.esc(t.title()) + "</h3>\n" + Html.table(t));
            }
        }
        if (!k.notProjected().isEmpty()) {
            w.write("<ul>\n");
            for (String n : k.notProjected()) {
                w.write("<li>" + Html.esc(n) + "</li>\n");
            }
            w.write("</ul>\n");
        }
    }

    /** The control plane under churn: its sentence and the published anchors, when the run measured it. */
    private static void control(Writer w, Report r) throws IOException {
        Optional<String> sentence = ControlFindings.programmingLatency(r.folder());
        if (sentence.isEmpty()) {
            return;
        }
        w.write("<h2 id=\"control-plane\">" + Html.esc(ControlPlaneAnchors.TITLE) + "</h2>\n<p class=\"finding\">"
                + Html.esc(sentence.get()) + "</p>\n<p class=\"caveat\">" + Html.esc(ControlPlaneAnchors.NOTE)
                + "</p>\n" + Html.table(ControlPlaneAnchors.table()));
    }

    /** The given cluster's limits and headroom ({@link ClusterPlan}), when the folder has them. */
    private static void plan(Writer w, Report r) throws IOException {
        Optional<String> plan = ClusterPlan.text(r.folder());
        if (plan.isPresent()) {
            w.write("<h2 id=\"capacity-plan\">" + Html.esc(ClusterPlan.TITLE) + "</h2>\n<p class=\"caption\">"
                    + Html.esc(ClusterPlan.NOTE) + "</p>\n<pre class=\"plan\">" + Html.esc(plan.get()) + "</pre>\n");
        }
    }

    private static void panel(Writer w, Report r) throws IOException {
        w.write("<h2>Model against published measurements</h2>\n<p class=\"caveat\">" + Html.esc(ShapePanel.CAVEAT)
                + "</p>\n<table>\n<tr><th>shape</th><th>published</th><th>source</th><th>model</th><th>verdict</th>"
                + "</tr>\n");
        for (ShapePanel.Row row : r.panel()) {
            String cls = row.verdict().equals("agrees") ? "agrees" : row.verdict().equals("differs") ? "differs" : "";
            w.write("<tr><td>" + Html.esc(row.shape()) + "</td><td>" + Html.esc(row.published()) + "</td><td>"
                    + Html.esc(row.source()) + "</td><td>" + Html.esc(row.model()) + "</td><td class=\"" + cls + "\">"
                    + Html.esc(row.verdict()) + "</td></tr>\n");
        }
        w.write("</table>\n<p class=\"caption\">Sources: Kubernetes blog, \"NFTables mode for kube-proxy\" "
                + "(2025-02-28), kubernetes.io/blog/2025/02/28/nftables-kube-proxy; KEP-3866. Published numbers are "
                + "kept in the reports module (published/first-packet-latency.csv) with how they were read.</p>\n");
    }
}
