package io.kpbench.reports.chart;

import java.util.Locale;

/**
 * Tick labels for counts and sizes as an engineer writes them: {@code 1k}, {@code 10k}, {@code 100k}, {@code 1M}
 * for services and flows, {@code 32 KiB}, {@code 16 MiB}, {@code 1 GiB} for working sets; never {@code 1E4}.
 * report.js has the same two functions for the interactive charts.
 */
public final class AxisLabels {
    private static final String[] COUNT = {"", "k", "M", "G"};
    private static final String[] BYTES = {" B", " KiB", " MiB", " GiB", " TiB"};

    private AxisLabels() {
    }

    /** {@code 500}, {@code 1k}, {@code 1.5k}, {@code 30k}, {@code 1M}. */
    public static String count(double v) {
        return scaled(v, 1000, COUNT);
    }

    /** {@code 512 B}, {@code 32 KiB}, {@code 1.5 MiB}, {@code 1 GiB}. */
    public static String bytes(double v) {
        return scaled(v, 1024, BYTES);
    }

    /** The label of {@code v} on an axis of {@code format}. */
    public static String of(ChartSpec.AxisFormat format, double v) {
        return switch (format) {
            case COUNT -> count(v);
            case BYTES -> bytes(v);
            case NUMBER -> io.kpbench.reports.findings.Fmt.num(v);
        };
    }

    private static String scaled(double v, double base, String[] units) {
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? "–" : v > 0 ? "∞" : "-∞";
        }
        double a = Math.abs(v);
        int u = 0;
        while (u < units.length - 1 && a >= base * 0.9995) {
            a /= base;
            u++;
        }
        // three significant figures at most, trailing zeros dropped, so distinct ticks keep distinct labels
        String s = a >= 100 ? String.format(Locale.ROOT, "%.0f", a) : a >= 10
                ? String.format(Locale.ROOT, "%.1f", a) : String.format(Locale.ROOT, "%.2f", a);
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return (v < 0 ? "-" : "") + s + units[u];
    }
}
