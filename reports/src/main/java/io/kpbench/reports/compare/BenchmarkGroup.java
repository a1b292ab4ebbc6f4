package io.kpbench.reports.compare;

import io.kpbench.reports.Table;
import io.kpbench.reports.findings.Fmt;
import io.kpbench.reports.read.JmhRecord;
import io.kpbench.reports.read.Score;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rows of one benchmark (class, method and JMH mode) in a comparison: its table, its plot, and the parameters
 * held fixed across its rows (named once in the caption instead of in every row).
 *
 * @param name {@code SyncBenchmark.fullSync}, with the JMH mode appended when it is not {@code avgt}
 * @param rows the rows, in {@link RowOrder}
 */
record BenchmarkGroup(String name, List<Comparison.Row> rows) {
    /** Splits rows (already in {@link RowOrder}) by benchmark, keeping the order. */
    static List<BenchmarkGroup> of(List<Comparison.Row> rows) {
        Map<String, List<Comparison.Row>> by = new LinkedHashMap<>();
        for (Comparison.Row r : rows) {
            JmhRecord rec = r.record();
            String name = rec.shortName() + ("avgt".equals(rec.mode()) ? "" : " (" + rec.mode() + ")");
            by.computeIfAbsent(name, k -> new ArrayList<>()).add(r);
        }
        List<BenchmarkGroup> out = new ArrayList<>();
        by.forEach((k, v) -> out.add(new BenchmarkGroup(k, List.copyOf(v))));
        return out;
    }

    /** The file stem of the group's chart: {@code compare-SyncBenchmark.fullSync}. */
    String chartId() {
        return "compare-" + name.replaceAll("[^A-Za-z0-9.]+", "-").replaceAll("-$", "");
    }

    /** Parameters whose value differs between rows, in the benchmark's order. */
    List<String> varying() {
        Set<String> all = new LinkedHashSet<>();
        rows.forEach(r -> all.addAll(r.record().params().keySet()));
        List<String> out = new ArrayList<>();
        for (String p : all) {
            if (rows.stream().map(r -> r.record().params().getOrDefault(p, "")).distinct().count() > 1) {
                out.add(p);
            }
        }
        return out;
    }

    private boolean threadsVary() {
        return rows.stream().mapToInt(r -> r.record().threads()).distinct().count() > 1;
    }

    /** What every row shares: {@code endpoints=10, traffic=UNIFORM, 1 thread}. */
    String fixed() {
        List<String> varying = varying();
        List<String> out = new ArrayList<>();
        rows.get(0).record().params().forEach((k, v) -> {
            if (!varying.contains(k)) {
                out.add(k + "=" + v);
            }
        });
        if (!threadsVary()) {
            int t = rows.get(0).record().threads();
            out.add(t + (t == 1 ? " thread" : " threads"));
        }
        return String.join(", ", out);
    }

    /** The plot of the rows with a ratio, or null when no row has one. */
    RatioPlot plot(double tolerance) {
        List<RatioPlot.Slot> slots = new ArrayList<>();
        for (Comparison.Row r : rows) {
            if (r.ratio() != null) {
                slots.add(new RatioPlot.Slot(label(r), r.ratio(), r.flag()));
            }
        }
        if (slots.isEmpty()) {
            return null;
        }
        List<String> axis = new ArrayList<>(varying());
        if (threadsVary()) {
            axis.add("threads");
        }
        return new RatioPlot(name + ": new / old", axis.isEmpty() ? fixed() : String.join(" · ", axis)
                + (fixed().isEmpty() ? "" : "   (" + fixed() + ")"), slots, tolerance);
    }

    private String label(Comparison.Row r) {
        List<String> parts = new ArrayList<>();
        varying().forEach(p -> parts.add(r.record().params().getOrDefault(p, "")));
        if (threadsVary()) {
            parts.add("t" + r.record().threads());
        }
        return parts.isEmpty() ? "all" : String.join(" · ", parts);
    }

    /** The table: the varying parameters, old and new with their errors, the change with its interval, the verdict. */
    Table table() {
        List<String> header = new ArrayList<>(varying());
        List<Boolean> numeric = new ArrayList<>();
        header.forEach(h -> numeric.add(false));
        if (threadsVary()) {
            header.add("threads");
            numeric.add(true);
        }
        header.addAll(List.of("old", "new", "change (" + Comparison.CONFIDENCE_PERCENT + "% interval)", "verdict",
                "why"));
        numeric.addAll(List.of(true, true, true, false, false));
        List<List<String>> out = new ArrayList<>();
        for (Comparison.Row r : rows) {
            List<String> row = new ArrayList<>();
            varying().forEach(p -> row.add(r.record().params().getOrDefault(p, "")));
            if (threadsVary()) {
                row.add(Integer.toString(r.record().threads()));
            }
            row.addAll(List.of(score(r.oldScore()), score(r.newScore()), change(r.ratio()), r.flag().label(),
                    r.reason()));
            out.add(row);
        }
        return new Table(name, header, out, numeric);
    }

    private static String score(Score s) {
        return s == null ? "" : Fmt.num(s.score()) + " ± " + Fmt.num(s.error()) + " " + s.unit();
    }

    /** {@code +54.1% (-18.0% … +191.0%)}; {@code (unbounded)} or {@code (no interval)} where there is none. */
    static String change(RatioInterval r) {
        if (r == null) {
            return "";
        }
        String point = pct(r.estimate());
        if (r.basis() == RatioInterval.Basis.NONE) {
            return point + " (no interval)";
        }
        if (!r.bounded()) {
            return point + " (unbounded)";
        }
        return point + " (" + pct(r.low()) + " … " + (Double.isFinite(r.high()) ? pct(r.high()) : "+∞") + ")";
    }

    private static String pct(double ratio) {
        return String.format(Locale.ROOT, "%+.1f%%", (ratio - 1) * 100);
    }
}
