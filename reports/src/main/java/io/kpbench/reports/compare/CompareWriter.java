package io.kpbench.reports.compare;

import io.kpbench.common.AtomicFile;
import io.kpbench.reports.Table;
import io.kpbench.reports.chart.ChartRenderer;
import io.kpbench.reports.chart.ChartSpec;
import io.kpbench.reports.findings.Fmt;
import io.kpbench.reports.html.Html;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a comparison as {@code compare.md}, a self-contained {@code compare.html} (the chart inlined as SVG) and
 * {@code charts/compare.png|svg}: the change of every benchmark present in both runs, coloured by verdict.
 */
public final class CompareWriter {
    private CompareWriter() {
    }

    /** Writes the files into {@code out} and returns the HTML path. */
    public static Path write(List<Comparison.Row> rows, String oldName, String newName, double tolerance, Path out) {
        Table t = table(rows);
        String title = "Comparison: " + oldName + " → " + newName;
        String rule = "A change counts when it exceeds both runs' combined 99.9% score error and ±"
                + Fmt.num(tolerance * 100) + "% of the old score; lower is better except throughput.";
        try {
            Path png = ChartRenderer.render(chart(rows), out.resolve("charts"));
            String svg = Files.readString(png.resolveSibling("compare.svg"), StandardCharsets.UTF_8);
            svg = svg.substring(Math.max(0, svg.indexOf("<svg")));
            AtomicFile.write(out.resolve("compare.md"), w -> {
                w.write("# " + title + "\n\n" + rule + "\n\n" + summary(rows) + "\n\n![change](charts/compare.png)\n\n");
                w.write("| " + String.join(" | ", t.header()) + " |\n|---:|---|---:|---:|---:|---|\n");
                for (List<String> r : t.rows()) {
                    w.write("| " + String.join(" | ", r.stream().map(c -> c.replace("|", "\\|")).toList()) + " |\n");
                }
            });
            String svgBody = svg;
            Path html = out.resolve("compare.html");
            AtomicFile.write(html, w -> w.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                    + "<title>" + Html.esc(title) + "</title><style>"
                    + Html.resource("io/kpbench/reports/html/report.css") + "</style></head><body>\n<h1>"
                    + Html.esc(title) + "</h1>\n<p>" + Html.esc(rule) + "</p>\n<p>" + Html.esc(summary(rows))
                    + "</p>\n" + svgBody + "\n" + Html.table(t) + "</body></html>\n"));
            Html.shareable(out.resolve("compare.md"));
            return Html.shareable(html);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String summary(List<Comparison.Row> rows) {
        long imp = rows.stream().filter(r -> r.flag() == Comparison.Flag.IMPROVED).count();
        long reg = rows.stream().filter(r -> r.flag() == Comparison.Flag.REGRESSED).count();
        long same = rows.stream().filter(r -> r.flag() == Comparison.Flag.UNCHANGED).count();
        return imp + " improved, " + reg + " regressed, " + same + " unchanged, "
                + (rows.size() - imp - reg - same) + " in one run only.";
    }

    static Table table(List<Comparison.Row> rows) {
        List<List<String>> out = new ArrayList<>();
        for (Comparison.Row r : rows) {
            out.add(List.of(Integer.toString(out.size() + 1), r.key(), score(r.oldScore()), score(r.newScore()),
                    Double.isFinite(r.change()) ? String.format(Locale.ROOT, "%+.1f%%", r.change() * 100) : "",
                    r.flag().name().toLowerCase(Locale.ROOT).replace('_', ' ')));
        }
        return new Table("comparison", List.of("#", "benchmark", "old", "new", "change", "verdict"),
                out, List.of(true, false, true, true, true, false));
    }

    private static String score(io.kpbench.reports.read.Score s) {
        return s == null ? "" : Fmt.num(s.score()) + " ± " + Fmt.num(s.error()) + " " + s.unit();
    }

    private static ChartSpec chart(List<Comparison.Row> rows) {
        List<ChartSpec.Series> series = new ArrayList<>();
        for (Comparison.Flag f : List.of(Comparison.Flag.IMPROVED, Comparison.Flag.REGRESSED,
                Comparison.Flag.UNCHANGED)) {
            List<ChartSpec.Point> pts = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                Comparison.Row r = rows.get(i);
                if (r.flag() == f && Double.isFinite(r.change())) {
                    pts.add(new ChartSpec.Point(i + 1, r.change() * 100, 0));
                }
            }
            if (!pts.isEmpty()) {
                series.add(new ChartSpec.Series(f.name().toLowerCase(Locale.ROOT), color(f), false, pts));
            }
        }
        if (series.isEmpty()) {
            series.add(new ChartSpec.Series("none", "#7f7f7f", false, List.of(new ChartSpec.Point(0, 0, 0))));
        }
        return new ChartSpec("compare", "Change per benchmark (new vs old)", ChartSpec.Kind.XY,
                "row # of the comparison table", "change (%)", false, false, false, List.of(), series, "");
    }

    private static String color(Comparison.Flag f) {
        return switch (f) {
            case IMPROVED -> "#1b7a1b";
            case REGRESSED -> "#b00020";
            default -> "#7f7f7f";
        };
    }
}
