package io.kpbench.reports.compare;

import io.kpbench.common.AtomicFile;
import io.kpbench.common.UserError;
import io.kpbench.reports.chart.ChartRenderer;
import io.kpbench.reports.findings.Fmt;
import io.kpbench.reports.html.Html;
import io.kpbench.reports.html.MarkdownReport;
import io.kpbench.reports.read.IoReason;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Writes a comparison into its own folder: {@code compare.md}, a self-contained {@code compare.html} (the plots
 * inlined as SVG), and per benchmark {@code charts/compare-<benchmark>.png|svg}, a plot of that benchmark's rows
 * only. Every file goes through a temporary sibling and a rename.
 */
public final class CompareWriter {
    private CompareWriter() {
    }

    /** Writes the files into {@code out} and returns the HTML path. */
    public static Path write(List<Comparison.Row> rows, String oldName, String newName, double tolerance, Path out) {
        String title = "Comparison: " + oldName + " → " + newName;
        List<BenchmarkGroup> groups = BenchmarkGroup.of(rows);
        Map<BenchmarkGroup, String> svgs = new java.util.LinkedHashMap<>();
        for (BenchmarkGroup g : groups) {
            RatioPlot plot = g.plot(tolerance);
            if (plot != null) {
                svgs.put(g, chart(plot, out.resolve("charts"), g.chartId()));
            }
        }
        AtomicFile.write(out.resolve("compare.md"), w -> markdown(w, title, rule(tolerance), summary(rows), groups,
                svgs));
        Path html = out.resolve("compare.html");
        AtomicFile.write(html, w -> html(w, title, rule(tolerance), summary(rows), groups, svgs));
        Html.shareable(out.resolve("compare.md"));
        return Html.shareable(html);
    }

    /** How a verdict is reached, in one paragraph. */
    static String rule(double tolerance) {
        String band = "±" + Fmt.num(tolerance * 100) + "%";
        return "Each row is new / old with its " + Comparison.CONFIDENCE_PERCENT + "% interval: Fieller's interval for "
                + "a ratio of means from the raw iteration scores where both runs have at least two, otherwise the "
                + "widest ratio the two JMH intervals (score ± 99.9% error) allow. Unchanged: the interval lies within "
                + band + ", or a real change is within " + band + ". Inconclusive (noise): the interval contains 1, or "
                + "the JMH intervals overlap. Otherwise improved or regressed; lower is better except throughput.";
    }

    /** The counts of every verdict, which add up to the number of rows. */
    static String summary(List<Comparison.Row> rows) {
        Map<Comparison.Flag, Integer> n = new EnumMap<>(Comparison.Flag.class);
        for (Comparison.Flag f : Comparison.Flag.values()) {
            n.put(f, 0);
        }
        rows.forEach(r -> n.merge(r.flag(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        for (Comparison.Flag f : List.of(Comparison.Flag.IMPROVED, Comparison.Flag.REGRESSED,
                Comparison.Flag.INCONCLUSIVE, Comparison.Flag.UNCHANGED)) {
            parts.add(n.get(f) + " " + f.label());
        }
        parts.add(n.get(Comparison.Flag.ONLY_OLD) + " only in old");
        parts.add(n.get(Comparison.Flag.ONLY_NEW) + " only in new");
        return rows.size() + " rows: " + String.join(", ", parts) + ".";
    }

    private static String chart(RatioPlot plot, Path dir, String id) {
        SvgCanvas svg = new SvgCanvas(plot.width(), plot.height());
        plot.draw(svg);
        String text = svg.finish();
        PngCanvas png = new PngCanvas(plot.width(), plot.height());
        plot.draw(png);
        AtomicFile.write(dir.resolve(id + ".svg"), w -> w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + text));
        Html.shareable(dir.resolve(id + ".svg"));
        try {
            ChartRenderer.atomically(dir.resolve(id + ".png"), o -> ImageIO.write(png.finish(), "png", o));
        } catch (IOException e) {
            throw new UserError(dir.resolve(id + ".png") + ": cannot write: " + IoReason.of(e), e);
        }
        return text;
    }

    private static void markdown(Writer w, String title, String rule, String summary, List<BenchmarkGroup> groups,
            Map<BenchmarkGroup, String> svgs) throws IOException {
        w.write("# " + title + "\n\n" + rule + "\n\n**" + summary + "**\n\n");
        for (BenchmarkGroup g : groups) {
            w.write("## " + g.name() + "\n\n");
            if (!g.fixed().isEmpty()) {
                w.write("Held fixed: " + g.fixed() + ".\n\n");
            }
            if (svgs.containsKey(g)) {
                w.write("![" + g.name() + "](charts/" + g.chartId() + ".png) ([SVG](charts/" + g.chartId()
                        + ".svg))\n\n");
            }
            MarkdownReport.table(w, g.table());
        }
    }

    private static void html(Writer w, String title, String rule, String summary, List<BenchmarkGroup> groups,
            Map<BenchmarkGroup, String> svgs) throws IOException {
        w.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Html.esc(title)
                + "</title><style>" + Html.resource("io/kpbench/reports/html/report.css")
                + "</style></head><body>\n<h1>"
                + Html.esc(title) + "</h1>\n<p>" + Html.esc(rule) + "</p>\n<p><strong>" + Html.esc(summary)
                + "</strong></p>\n");
        for (BenchmarkGroup g : groups) {
            w.write("<h2>" + Html.esc(g.name()) + "</h2>\n");
            if (!g.fixed().isEmpty()) {
                w.write("<p class=\"caption\">Held fixed: " + Html.esc(g.fixed()) + ".</p>\n");
            }
            if (svgs.containsKey(g)) {
                w.write("<div class=\"compare-chart\">" + svgs.get(g) + "</div>\n");
            }
            w.write(Html.table(g.table()));
        }
        w.write("</body></html>\n");
    }
}
