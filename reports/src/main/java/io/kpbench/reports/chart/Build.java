package io.kpbench.reports.chart;

import io.kpbench.proxy.ProxyMode;
import io.kpbench.reports.read.JmhRecord;
import io.kpbench.reports.read.Score;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** Small helpers the chart builders share: grouping records into series, ordering modes, axis decisions. */
final class Build {
    /** Proxy modes first in registry order, then anything else alphabetically. */
    static final Comparator<String> KEY_ORDER = Comparator.comparingInt(Build::modeRank)
            .thenComparing(Comparator.naturalOrder());

    private Build() {
    }

    private static int modeRank(String key) {
        for (ProxyMode m : ProxyMode.values()) {
            if (m.name().equalsIgnoreCase(key)) {
                return m.ordinal();
            }
        }
        return ProxyMode.values().length;
    }

    /** Records grouped by {@code key}, in {@link #KEY_ORDER}. */
    static Map<String, List<JmhRecord>> group(List<JmhRecord> recs, Function<JmhRecord, String> key) {
        Map<String, List<JmhRecord>> m = new TreeMap<>(KEY_ORDER);
        for (JmhRecord r : recs) {
            String k = key.apply(r);
            if (k != null) {
                m.computeIfAbsent(k, x -> new ArrayList<>()).add(r);
            }
        }
        return m;
    }

    /** One line series per key: x from a record, y and error from a metric, sorted by x, coloured by key. */
    static List<ChartSpec.Series> lines(List<JmhRecord> recs, Function<JmhRecord, String> key,
            ToDoubleFunction<JmhRecord> x, Function<JmhRecord, Score> y) {
        List<ChartSpec.Series> out = new ArrayList<>();
        group(recs, key).forEach((k, rs) -> {
            List<ChartSpec.Point> pts = new ArrayList<>();
            for (JmhRecord r : rs) {
                Score s = y.apply(r);
                double xv = x.applyAsDouble(r);
                if (s != null && s.present() && Double.isFinite(xv)) {
                    pts.add(new ChartSpec.Point(xv, s.score(), s.errorOrZero()));
                }
            }
            pts.sort(Comparator.comparingDouble(ChartSpec.Point::x));
            if (!pts.isEmpty()) {
                out.add(new ChartSpec.Series(k, Palette.of(k), false, List.copyOf(pts)));
            }
        });
        return out;
    }

    /** A copy of the series with a suffix on each name and the dashed flag set. */
    static List<ChartSpec.Series> variant(List<ChartSpec.Series> in, String suffix, boolean dashed) {
        List<ChartSpec.Series> out = new ArrayList<>();
        for (ChartSpec.Series s : in) {
            out.add(new ChartSpec.Series(s.name() + suffix, s.color(), dashed, s.points()));
        }
        return out;
    }

    /** An XY chart whose axes go logarithmic where the data spans a decade or more. */
    static ChartSpec xy(String id, String title, String xTitle, String yTitle, List<ChartSpec.Series> series,
            String caption) {
        double[] xr = range(series, true);
        double[] yr = range(series, false);
        return new ChartSpec(id, title, ChartSpec.Kind.XY, xTitle, yTitle, ChartSpec.spansDecades(xr[0], xr[1]),
                ChartSpec.spansDecades(yr[0], yr[1]), false, List.of(), series, caption,
                ChartSpec.AxisFormat.ofTitle(xTitle));
    }

    /** A category chart; y goes logarithmic where the bars span a decade or more. */
    static ChartSpec bars(String id, String title, String xTitle, String yTitle, List<String> categories,
            List<ChartSpec.Series> series, String caption) {
        double[] yr = range(series, false);
        return new ChartSpec(id, title, ChartSpec.Kind.CATEGORY, xTitle, yTitle, false,
                ChartSpec.spansDecades(yr[0], yr[1]), false, List.copyOf(categories), series, caption);
    }

    /** Bars: one series per key, one bar per category, y from a metric. */
    static List<ChartSpec.Series> barSeries(Map<String, Map<String, Score>> byKeyThenCategory,
            List<String> categories) {
        List<ChartSpec.Series> out = new ArrayList<>();
        byKeyThenCategory.forEach((k, cats) -> {
            List<ChartSpec.Point> pts = new ArrayList<>();
            for (int i = 0; i < categories.size(); i++) {
                Score s = cats.get(categories.get(i));
                if (s != null && s.present()) {
                    pts.add(new ChartSpec.Point(i, s.score(), s.errorOrZero()));
                }
            }
            if (!pts.isEmpty()) {
                out.add(new ChartSpec.Series(k, Palette.of(k), false, List.copyOf(pts)));
            }
        });
        return out;
    }

    /** A sorted, keyed map for bar data. */
    static Map<String, Map<String, Score>> barMap() {
        return new TreeMap<>(KEY_ORDER);
    }

    /** The largest value of a numeric parameter among records, or NaN. */
    static double max(List<JmhRecord> recs, String param) {
        return recs.stream().mapToDouble(r -> r.numParam(param)).filter(Double::isFinite).max().orElse(Double.NaN);
    }

    /** The distinct values of a parameter, numerically sorted where numeric. */
    static List<String> values(List<JmhRecord> recs, String param) {
        Map<String, Boolean> seen = new LinkedHashMap<>();
        recs.forEach(r -> {
            if (r.param(param) != null) {
                seen.put(r.param(param), true);
            }
        });
        List<String> out = new ArrayList<>(seen.keySet());
        out.sort(Comparator.comparingDouble((String s) -> {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return Double.MAX_VALUE;
            }
        }).thenComparing(Comparator.naturalOrder()));
        return out;
    }

    /** The unit of the first record's primary metric. */
    static String unit(List<JmhRecord> recs) {
        return recs.isEmpty() ? "" : recs.get(0).primary().unit();
    }

    private static double[] range(List<ChartSpec.Series> series, boolean x) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (ChartSpec.Series s : series) {
            for (ChartSpec.Point p : s.points()) {
                double v = x ? p.x() : p.y();
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return new double[] {min, max};
    }

    /** A number as an integer with thousands separators ({@code 30,000}). */
    static String n(double v) {
        return String.format(java.util.Locale.ROOT, "%,d", Math.round(v));
    }
}
