package io.kpbench.reports.compare;

import io.kpbench.reports.read.JmhRecord;
import io.kpbench.reports.read.Score;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Run-to-run comparison: each benchmark and parameter combination present in both runs is flagged improved,
 * regressed or unchanged.
 *
 * <p>A difference counts only when it exceeds both the combined error (the sum of the two runs' 99.9% score
 * errors, so that the confidence intervals do not overlap) and the tolerance (10% of the old score by default).
 * Lower is better except for throughput ({@code thrpt}).
 */
public final class Comparison {
    /** The default tolerance, as a fraction of the old score. */
    public static final double DEFAULT_TOLERANCE = 0.10;

    private Comparison() {
    }

    /** The verdict of one row. */
    public enum Flag {
        /** Better by more than the error and the tolerance. */
        IMPROVED,
        /** Worse by more than the error and the tolerance. */
        REGRESSED,
        /** Within the error or the tolerance. */
        UNCHANGED,
        /** In one run only. */
        ONLY_OLD,
        /** In one run only. */
        ONLY_NEW
    }

    /**
     * One compared benchmark and parameter combination.
     *
     * @param key {@code Class.method [params] tN}
     * @param oldScore the old score, or null
     * @param newScore the new score, or null
     * @param change the relative change {@code (new - old) / old}, NaN when one side is missing
     * @param flag the verdict
     */
    public record Row(String key, Score oldScore, Score newScore, double change, Flag flag) {
    }

    /** Compares two runs' records with the given tolerance (a fraction, 0.10 for ±10%). */
    public static List<Row> compare(List<JmhRecord> oldRecs, List<JmhRecord> newRecs, double tolerance) {
        Map<String, JmhRecord> olds = index(oldRecs);
        Map<String, JmhRecord> news = index(newRecs);
        Map<String, Row> rows = new TreeMap<>();
        olds.forEach((k, o) -> {
            JmhRecord n = news.get(k);
            rows.put(k, n == null ? new Row(k, o.primary(), null, Double.NaN, Flag.ONLY_OLD)
                    : row(k, o, n, tolerance));
        });
        news.forEach((k, n) -> rows.putIfAbsent(k, new Row(k, null, n.primary(), Double.NaN, Flag.ONLY_NEW)));
        return new ArrayList<>(rows.values());
    }

    static Row row(String key, JmhRecord o, JmhRecord n, double tolerance) {
        Score a = o.primary();
        Score b = n.primary();
        double diff = b.score() - a.score();
        double change = diff / a.score();
        if (!a.present() || !b.present() || !Double.isFinite(change)) {
            return new Row(key, a, b, change, Flag.UNCHANGED);
        }
        boolean beyondError = Math.abs(diff) > a.errorOrZero() + b.errorOrZero();
        boolean beyondTolerance = Math.abs(change) > tolerance;
        if (!beyondError || !beyondTolerance) {
            return new Row(key, a, b, change, Flag.UNCHANGED);
        }
        boolean better = o.higherIsBetter() ? diff > 0 : diff < 0;
        return new Row(key, a, b, change, better ? Flag.IMPROVED : Flag.REGRESSED);
    }

    /** The identity of a record across runs: benchmark, mode, parameters and threads. */
    static String key(JmhRecord r) {
        StringBuilder sb = new StringBuilder(r.shortName());
        Map<String, String> sorted = new TreeMap<>(r.params());
        if (!sorted.isEmpty()) {
            sb.append(' ').append(sorted.toString().replace("{", "[").replace("}", "]"));
        }
        sb.append(" t").append(r.threads());
        if (!"avgt".equals(r.mode())) {
            sb.append(' ').append(r.mode());
        }
        return sb.toString();
    }

    private static Map<String, JmhRecord> index(List<JmhRecord> recs) {
        Map<String, JmhRecord> m = new LinkedHashMap<>();
        for (JmhRecord r : recs) {
            m.put(key(r), r);
        }
        return m;
    }
}
