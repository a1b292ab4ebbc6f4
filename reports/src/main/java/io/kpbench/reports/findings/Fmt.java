package io.kpbench.reports.findings;

import java.util.Locale;

/** Number formatting shared by the sentences and tables: three significant figures, thousands separators. */
public final class Fmt {
    private Fmt() {
    }

    /** {@code 41}, {@code 1.1}, {@code 0.0123}, {@code 12,300}; {@code NaN} as {@code –}. */
    public static String num(double v) {
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? "–" : (v > 0 ? "∞" : "-∞");
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,d", Math.round(v));
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return trim(String.format(Locale.ROOT, "%.1f", v));
        }
        if (a >= 1) {
            return trim(String.format(Locale.ROOT, "%.2f", v));
        }
        if (a == 0) {
            return "0";
        }
        return trim(String.format(Locale.ROOT, "%.3g", v));
    }

    /** A count with thousands separators: {@code 30,000}. */
    public static String count(double v) {
        return String.format(Locale.ROOT, "%,d", Math.round(v));
    }

    /** A ratio: {@code 41×} at 10 and above, {@code 1.1×} below. */
    public static String times(double r) {
        return (r >= 10 ? String.format(Locale.ROOT, "%,.0f", r) : String.format(Locale.ROOT, "%.1f", r)) + "×";
    }

    /** A fraction as a percentage: {@code 1.1%}, {@code 99%}. */
    public static String pct(double fraction) {
        double p = fraction * 100;
        return (p >= 10 ? String.format(Locale.ROOT, "%.0f", p) : String.format(Locale.ROOT, "%.1f", p)) + "%";
    }

    /** A mode name for prose: {@code iptables}. */
    public static String mode(String m) {
        return m == null ? "" : m.toLowerCase(Locale.ROOT);
    }

    private static String trim(String s) {
        return s.contains(".") && !s.contains("e") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
