package io.kpbench.reports.review;

import io.kpbench.reports.chart.AxisLabels;
import java.util.Locale;

/** How the lead names things: variants, arms, services counts, ratios with their intervals. */
public final class Labels {
    /** The baseline arm's label: what it is, not what it is called in the benchmark. */
    static final String BASELINE = "harness floor (no-op data plane, same packet path)";

    private Labels() {
    }

    /** {@code first packet, dependent (latency per packet)} for {@code firstPacket.dependent}. */
    public static String variant(String benchmark) {
        return switch (benchmark) {
            case "firstPacket.independent" -> "first packet, independent (throughput per packet)";
            case "firstPacket.dependent" -> "first packet, dependent (latency per packet)";
            default -> benchmark;
        };
    }

    /** An arm for a reader: the baseline spelled out, every other arm as written. */
    static String arm(String arm) {
        return "baseline".equals(arm) ? BASELINE : arm;
    }

    /** {@code 10k} for {@code services=10000}; the params as written when they name no services count. */
    public static String services(double services, String params) {
        return Double.isFinite(services) ? AxisLabels.count(services) : params;
    }

    /**
     * Three significant figures, zeros kept: {@code 10.4}, {@code 9.87}, {@code 11.0}; {@code –} when absent. A value
     * that rounds up into the next decade is shown as that decade shows it: {@code 9.998} is {@code 10.0}.
     */
    public static String sig3(double v) {
        if (!Double.isFinite(v)) {
            return "–";
        }
        double a = Math.abs(Double.parseDouble(String.format(Locale.ROOT, "%.3g", v)));
        if (a >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return a >= 10 ? String.format(Locale.ROOT, "%.1f", v) : a >= 1 ? String.format(Locale.ROOT, "%.2f", v)
                : String.format(Locale.ROOT, "%.3g", v);
    }

    /** {@code 9.87–11.0 (±5.3%)}: a 95% interval and its half-width relative to the median. */
    public static String interval(double median, double low, double high) {
        if (!Double.isFinite(low) || !Double.isFinite(high)) {
            return "– (too few forks)";
        }
        double half = (high - low) / 2 / median * 100;
        return sig3(low) + "–" + sig3(high) + (Double.isFinite(half) ? String.format(Locale.ROOT, " (±%.1f%%)", half)
                : "");
    }
}
