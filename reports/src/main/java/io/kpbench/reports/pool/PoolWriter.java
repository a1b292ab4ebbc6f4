package io.kpbench.reports.pool;

import io.kpbench.common.AtomicFile;
import io.kpbench.reports.Table;
import io.kpbench.reports.findings.Fmt;
import io.kpbench.reports.html.Html;
import io.kpbench.reports.html.MarkdownReport;
import io.kpbench.reports.read.PairedCsv;
import io.kpbench.reports.read.ResultsFolder;
import io.kpbench.reports.read.RunMeta;
import io.kpbench.reports.review.DesignReview;
import io.kpbench.reports.review.Labels;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a pool of runs into its own folder: {@code pooled.csv} (one row per pooled ratio) and {@code pooled.md}
 * (the runs, then the headline ratios as the report's first screen orders them, then the others). Both files go
 * through a temporary sibling and a rename.
 */
public final class PoolWriter {
    /** pooled.csv's header. */
    public static final String HEADER = "numerator,denominator,benchmark,params,runs,ratio,ci95Low,ci95High,min,max,"
            + "betweenRunSdLog,withinRunSeLog,meanRunHalfWidth,dispersion,runsForTarget";
    private static final List<String> COLUMNS = List.of("ratio", "variant", "services", "pooled",
            "95% interval over runs", "runs", "lowest–highest run", "one run's interval (mean)",
            "spread between runs / within", "runs for ±T");
    private static final List<Boolean> NUMERIC = List.of(false, false, true, true, true, true, true, true, true,
            true);

    private PoolWriter() {
    }

    /**
     * Writes {@code out/pooled.csv} and {@code out/pooled.md} for {@code runs} (in run order) and their
     * {@code pool}, and returns the Markdown file's path; {@code target} is the half-width
     * {@link Pooling.Pooled#runsForTarget()} aims at.
     */
    public static Path write(List<ResultsFolder> runs, Pooling.Result pool, double target, boolean acrossCommits,
            Path out) {
        ResultsFolder first = runs.get(0);
        Map<Pooling.Pooled, Integer> rank = new HashMap<>();
        pool.pooled().forEach(p -> rank.put(p, DesignReview.headlineRank(first, p.asRatio())));
        List<Pooling.Pooled> head = pool.pooled().stream().filter(p -> rank.get(p) >= 0)
                .sorted(Comparator.comparingInt(rank::get)).toList();
        List<Pooling.Pooled> rest = pool.pooled().stream().filter(p -> rank.get(p) < 0).toList();
        List<Pooling.Pooled> sorted = new ArrayList<>(head);
        sorted.addAll(rest);
        AtomicFile.write(out.resolve("pooled.csv"), w -> csv(w, sorted));
        Path md = out.resolve("pooled.md");
        AtomicFile.write(md, w -> markdown(w, runs, head, rest, pool.single(), target, acrossCommits));
        Html.shareable(out.resolve("pooled.csv"));
        return Html.shareable(md);
    }

    private static void csv(Writer w, List<Pooling.Pooled> rows) throws IOException {
        w.write(HEADER + "\n");
        for (Pooling.Pooled p : rows) {
            w.write(String.join(",", p.numerator(), p.denominator(), p.benchmark(), p.params(),
                    Integer.toString(p.runs()), g(p.ratio()), g(p.low()), g(p.high()), g(p.min()), g(p.max()),
                    g(p.betweenSd()), g(p.withinSe()), g(p.meanRunHalfWidth()), g(p.dispersion()),
                    Integer.toString(p.runsForTarget())) + "\n");
        }
    }

    private static String g(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "";
    }

    private static void markdown(Writer w, List<ResultsFolder> runs, List<Pooling.Pooled> head,
            List<Pooling.Pooled> rest, List<PairedCsv.Ratio> single, double target, boolean acrossCommits)
            throws IOException {
        String t = "±" + Fmt.num(target * 100) + "%";
        w.write("# Paired ratios pooled over " + runs.size() + " runs\n\n");
        w.write("Each run counts once. A pooled ratio is the geometric mean over runs of each run's ratio "
                + "(`ratios.csv`: the geometric mean over that run's forks), with a 95% t-interval over runs on the "
                + "log ratios. One run's interval is over its own forks and cannot show a drift of the host that "
                + "lasts the whole run; the interval over runs carries such drift as far as these runs sampled it. "
                + "Runs back to back share the host's state of that hour, so runs spread over hours and days "
                + "sample it better. \"Spread between runs / within\" is the runs' spread over the spread their own "
                + "intervals promise: about 1 when runs differ only as forks do. \"Runs for " + t + "\" is how many "
                + "runs of this spread hold the pooled interval's upper side within " + t + ".\n\n");
        if (acrossCommits) {
            w.write("The runs are of different commits (`--across-commits`): pooling them assumes the code they "
                    + "measured is the same.\n\n");
        }
        section(w, runsTable(runs));
        if (!head.isEmpty()) {
            section(w, table("For the design review", head, t));
        }
        if (!rest.isEmpty()) {
            section(w, table("Other paired ratios", rest, t));
        }
        if (!single.isEmpty()) {
            List<String> names = new ArrayList<>();
            single.forEach(r -> names.add(r.numerator() + " / " + r.denominator() + " " + r.benchmark() + " "
                    + r.params()));
            w.write("Given by one run only, so not pooled: " + String.join("; ", names) + ".\n");
        }
    }

    private static void section(Writer w, Table t) throws IOException {
        w.write("## " + t.title() + "\n\n");
        MarkdownReport.table(w, t);
    }

    private static Table runsTable(List<ResultsFolder> runs) {
        List<List<String>> rows = new ArrayList<>();
        for (ResultsFolder f : runs) {
            RunMeta m = f.run();
            rows.add(List.of(f.runId(), m.text("gitSha") + ("true".equals(m.text("gitDirty")) ? " (dirty)" : ""),
                    m.text("profile"), seconds(m.text("started")), m.text("gate.forks"),
                    number(m.text("gate.chaseNsMedian")), m.text("gate.flagged") + " / " + m.text("gate.slowed")));
        }
        return new Table("Runs", List.of("run", "commit", "profile", "started", "paired forks",
                "pointer chase, median (ns)", "forks flagged / ran slowed"), rows,
                List.of(false, false, false, false, true, true, true));
    }

    /** {@code 2026-12-06T16:40:20Z} for {@code 2026-12-06T16:40:20.822793142Z}; anything else as written. */
    static String seconds(String instant) {
        return instant.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d+Z") ? instant.substring(0, 19) + "Z"
                : instant;
    }

    private static String number(String s) {
        try {
            return Fmt.num(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return s.isEmpty() ? "–" : s;
        }
    }

    private static Table table(String title, List<Pooling.Pooled> rows, String t) {
        List<String> header = new ArrayList<>(COLUMNS);
        header.set(header.size() - 1, "runs for " + t);
        List<List<String>> cells = new ArrayList<>();
        for (Pooling.Pooled p : rows) {
            cells.add(List.of(p.numerator() + " / " + p.denominator(), Labels.variant(p.benchmark()),
                    Labels.services(p.services(), p.params()), Labels.sig3(p.ratio()) + "×",
                    Labels.interval(p.ratio(), p.low(), p.high()), Integer.toString(p.runs()),
                    Labels.sig3(p.min()) + "–" + Labels.sig3(p.max()),
                    Double.isFinite(p.meanRunHalfWidth()) ? String.format(Locale.ROOT, "±%.1f%%",
                            p.meanRunHalfWidth() * 100) : "–",
                    Double.isFinite(p.dispersion()) ? String.format(Locale.ROOT, "%.1f", p.dispersion()) : "–",
                    p.runsForTarget() < 0 ? "more than " + Pooling.MAX_RUNS : Integer.toString(p.runsForTarget())));
        }
        return new Table(title, header, cells, NUMERIC);
    }
}
