package io.kpbench.reports.chart;

import org.knowm.xchart.style.AxesChartStyler;

/**
 * A logarithmic x axis drawn by XChart with labels an engineer reads ({@code 1k}, {@code 10k}; {@code 32 KiB},
 * {@code 1 MiB}, {@code 32 MiB}, {@code 1 GiB}): XChart's own log axis labels {@code 1E4}, and given a label
 * function it places ticks linearly, so the values are plotted as their logarithm on a linear axis whose range is
 * whole steps (decades for counts, five octaves for bytes) and whose tick spacing makes one tick per step.
 *
 * @param base 10 for counts, 2 for bytes
 * @param step the tick step in logarithm units (1 decade, 5 octaves)
 * @param min the axis minimum, in logarithm units
 * @param max the axis maximum, in logarithm units
 * @param format how a tick reads
 */
record LogAxis(double base, double step, double min, double max, ChartSpec.AxisFormat format) {
    /** The plot area's width in pixels, about; the tick hint tolerates a third either way. */
    private static final double PLOT_WIDTH = 750;

    /** The axis for {@code spec}'s x values. */
    static LogAxis of(ChartSpec spec) {
        boolean bytes = spec.xFormat() == ChartSpec.AxisFormat.BYTES;
        double base = bytes ? 2 : 10;
        double step = bytes ? 5 : 1;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (ChartSpec.Series s : spec.series()) {
            for (ChartSpec.Point p : s.points()) {
                if (p.x() > 0) {
                    lo = Math.min(lo, log(p.x(), base));
                    hi = Math.max(hi, log(p.x(), base));
                }
            }
        }
        if (!Double.isFinite(lo)) {
            lo = 0;
            hi = step;
        }
        double min = step * Math.floor(lo / step + 1e-9);
        double max = Math.max(min + step, step * Math.ceil(hi / step - 1e-9));
        return new LogAxis(base, step, min, max, spec.xFormat());
    }

    /** Where {@code x} sits on the axis. */
    double toAxis(double x) {
        return log(x, base);
    }

    /** The label of an axis position. */
    String label(double position) {
        return AxisLabels.of(format, Math.pow(base, position));
    }

    void apply(AxesChartStyler st) {
        st.setXAxisLogarithmic(false);
        st.setXAxisMin(min);
        st.setXAxisMax(max);
        // XChart picks the smallest of 1, 2, 2.5, 5 x 10^n at or above the hinted step: hint three quarters of one
        st.setXAxisTickMarkSpacingHint((int) Math.max(20, 0.75 * PLOT_WIDTH * step / (max - min)));
        st.setxAxisTickLabelsFormattingFunction(this::label);
    }

    private static double log(double x, double base) {
        return Math.log(x) / Math.log(base);
    }
}
