package io.kpbench.reports.compare;

import io.kpbench.reports.read.JmhRecord;
import io.kpbench.reports.read.Score;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Run-to-run comparison: each benchmark, parameter set, thread count and JMH mode present in both runs gets the
 * ratio new / old with its {@value #CONFIDENCE_PERCENT}% interval ({@link RatioInterval}) and a verdict.
 *
 * <p>The verdict, in this order: <b>unchanged</b> when the whole interval lies within ± the tolerance;
 * <b>inconclusive (noise)</b> when the interval contains 1, or the two JMH intervals (score ± its 99.9% error, as
 * the table shows them) overlap; <b>unchanged</b> when the change is real but within the tolerance; otherwise
 * <b>improved</b> or <b>regressed</b>. Lower is better except for throughput ({@code thrpt}). The level matches JMH's
 * score error and keeps false alarms rare over a hundred rows.
 */
public final class Comparison {
    /** The default tolerance, as a fraction of the old score. */
    public static final double DEFAULT_TOLERANCE = 0.10;
    /** The confidence level of every interval, in percent. */
    public static final String CONFIDENCE_PERCENT = "99.9";
    private static final double CONFIDENCE = 0.999;

    private Comparison() {
    }

    /** The verdict of one row. */
    public enum Flag {
        /** Better beyond the noise and the tolerance. */
        IMPROVED("improved"),
        /** Worse beyond the noise and the tolerance. */
        REGRESSED("regressed"),
        /** The intervals cannot tell a change from noise. */
        INCONCLUSIVE("inconclusive (noise)"),
        /** No change beyond the tolerance. */
        UNCHANGED("unchanged"),
        /** In the old run only. */
        ONLY_OLD("only in old"),
        /** In the new run only. */
        ONLY_NEW("only in new");

        private final String label;

        Flag(String label) {
            this.label = label;
        }

        /** The verdict as the table prints it. */
        public String label() {
            return label;
        }
    }

    /**
     * One compared benchmark and parameter combination.
     *
     * @param key the identity across runs: {@code Class.method [params] tN [mode]}
     * @param record the record that names the row (the new one, or the old one when only the old run has it)
     * @param oldScore the old score, or null
     * @param newScore the new score, or null
     * @param ratio new / old with its interval, or null when one side is missing
     * @param flag the verdict
     * @param reason why: which rule decided the verdict
     */
    public record Row(String key, JmhRecord record, Score oldScore, Score newScore, RatioInterval ratio, Flag flag,
            String reason) {
        /** The relative change {@code new / old - 1}, NaN when one side is missing. */
        public double change() {
            return ratio == null ? Double.NaN : ratio.estimate() - 1;
        }
    }

    /** Compares two runs' records with the given tolerance (a fraction, 0.10 for ±10%); rows in {@link RowOrder}. */
    public static List<Row> compare(List<JmhRecord> oldRecs, List<JmhRecord> newRecs, double tolerance) {
        Map<String, JmhRecord> olds = index(oldRecs);
        Map<String, JmhRecord> news = index(newRecs);
        List<Row> rows = new ArrayList<>();
        olds.forEach((k, o) -> {
            JmhRecord n = news.get(k);
            rows.add(n == null ? new Row(k, o, o.primary(), null, null, Flag.ONLY_OLD, "not in the new run")
                    : row(k, o, n, tolerance));
        });
        news.forEach((k, n) -> {
            if (!olds.containsKey(k)) {
                rows.add(new Row(k, n, null, n.primary(), null, Flag.ONLY_NEW, "not in the old run"));
            }
        });
        rows.sort(RowOrder.INSTANCE);
        return rows;
    }

    static Row row(String key, JmhRecord o, JmhRecord n, double tolerance) {
        Score a = o.primary();
        Score b = n.primary();
        if (!a.present() || !b.present() || a.score() == 0) {
            return new Row(key, n, a, b, null, Flag.INCONCLUSIVE, "no score to compare");
        }
        RatioInterval ri = RatioInterval.of(a, o.samples(), b, n.samples(), CONFIDENCE);
        String band = "±" + pct(tolerance);
        double change = ri.estimate() - 1;
        if (ri.low() >= 1 - tolerance && ri.high() <= 1 + tolerance) {
            return new Row(key, n, a, b, ri, Flag.UNCHANGED, "the interval lies within " + band);
        }
        if (ri.basis() == RatioInterval.Basis.NONE) {
            return new Row(key, n, a, b, ri, Flag.INCONCLUSIVE, "no interval (one iteration, no score error)");
        }
        if (ri.contains(1)) {
            return new Row(key, n, a, b, ri, Flag.INCONCLUSIVE, "the ratio's interval contains 1");
        }
        if (overlap(a, b)) {
            return new Row(key, n, a, b, ri, Flag.INCONCLUSIVE, "the JMH intervals overlap");
        }
        if (Math.abs(change) <= tolerance) {
            return new Row(key, n, a, b, ri, Flag.UNCHANGED, "the change is within " + band);
        }
        boolean better = o.higherIsBetter() ? change > 0 : change < 0;
        return new Row(key, n, a, b, ri, better ? Flag.IMPROVED : Flag.REGRESSED, "beyond the noise and " + band);
    }

    /** True when both JMH intervals exist and overlap. */
    private static boolean overlap(Score a, Score b) {
        return Double.isFinite(a.error()) && Double.isFinite(b.error())
                && Math.abs(b.score() - a.score()) <= a.error() + b.error();
    }

    private static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.3g", fraction * 100).replaceAll("\\.?0+$", "") + "%";
    }

    /** The identity of a record across runs: benchmark, parameters, threads and mode. */
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
