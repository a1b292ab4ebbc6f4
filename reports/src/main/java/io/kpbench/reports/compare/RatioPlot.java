package io.kpbench.reports.compare;

import io.kpbench.reports.findings.Fmt;
import java.util.ArrayList;
import java.util.List;

/**
 * One benchmark's comparison as a dot-and-interval plot: a slot per parameter set, the ratio new / old as a dot
 * coloured by its verdict, its interval as a whisker (dashed where unbounded), on a log axis with the ±tolerance
 * band shaded and a dashed line at 1 (no change). Slots are only ever the rows of one benchmark.
 */
final class RatioPlot {
    private static final double LEFT = 64;
    private static final double RIGHT = 24;
    private static final double TOP = 78;
    private static final double MIN_PLOT_W = 440;
    private static final double PLOT_H = 300;
    private static final double LABEL = 11;
    private static final String INK = "#333333";

    /**
     * One parameter set.
     *
     * @param label the parameter values that vary within the benchmark ({@code IPTABLES · 30000})
     * @param ratio the ratio and its interval
     * @param flag the verdict, which colours the slot
     */
    record Slot(String label, RatioInterval ratio, Comparison.Flag flag) {
    }

    private final String title;
    private final String xTitle;
    private final List<Slot> slots;
    private final double tolerance;
    private final double slotW;
    private final double bottom;
    private final double min;
    private final double max;

    RatioPlot(String title, String xTitle, List<Slot> slots, double tolerance) {
        this.title = title;
        this.xTitle = xTitle;
        this.slots = List.copyOf(slots);
        this.tolerance = tolerance;
        int n = Math.max(1, slots.size());
        this.slotW = Math.max(MIN_PLOT_W / n, Math.max(14, Math.min(64, 760.0 / n)));
        int longest = slots.stream().mapToInt(s -> s.label().length()).max().orElse(0);
        this.bottom = Math.min(260, 0.62 * LABEL * longest + 16) + 34;
        double lo = tolerance < 1 ? 1 - tolerance : 1;
        double hi = 1 + tolerance;
        for (Slot s : slots) {
            for (double v : new double[] {s.ratio().estimate(), s.ratio().low(), s.ratio().high()}) {
                if (v > 0 && Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        this.min = lo / 1.15;
        this.max = hi * 1.15;
    }

    int width() {
        return (int) Math.ceil(LEFT + slotW * Math.max(1, slots.size()) + RIGHT);
    }

    int height() {
        return (int) Math.ceil(TOP + PLOT_H + bottom);
    }

    /** The y pixel of a ratio (clamped to the plot). */
    double y(double ratio) {
        double v = Math.max(min, Math.min(max, ratio));
        return TOP + PLOT_H * (1 - Math.log(v / min) / Math.log(max / min));
    }

    void draw(Canvas c) {
        double right = width() - RIGHT;
        c.rect(0, 0, width(), height(), "#ffffff");
        c.rect(LEFT, y(1 + tolerance), right - LEFT, y(1 - tolerance) - y(1 + tolerance), "#ececec");
        for (double t : ticks()) {
            c.line(LEFT, y(t), right, y(t), "#dddddd", 1, false);
            c.text(LEFT - 6, y(t) + 4, "×" + Fmt.num(t), LABEL, Canvas.Anchor.END, false, INK);
        }
        c.line(LEFT, y(1), right, y(1), "#555555", 1.2, true);
        c.line(LEFT, TOP, LEFT, TOP + PLOT_H, INK, 1, false);
        c.line(LEFT, TOP + PLOT_H, right, TOP + PLOT_H, INK, 1, false);
        c.text(16, TOP + PLOT_H / 2, "new / old (log scale)", LABEL + 1, Canvas.Anchor.MIDDLE, true, INK);
        for (int i = 0; i < slots.size(); i++) {
            Slot s = slots.get(i);
            double x = LEFT + slotW * (i + 0.5);
            String color = CompareColors.of(s.flag());
            RatioInterval r = s.ratio();
            double lowY = y(r.low() > 0 ? r.low() : min);
            double highY = y(Double.isFinite(r.high()) ? r.high() : max);
            double mid = y(r.estimate());
            c.line(x, mid, x, lowY, color, 2, !(r.low() > 0));
            c.line(x, mid, x, highY, color, 2, !Double.isFinite(r.high()));
            c.dot(x, mid, 4, color);
            c.text(x + LABEL * 0.35, TOP + PLOT_H + 6, s.label(), LABEL, Canvas.Anchor.END, true, INK);
        }
        c.text(LEFT, 22, title, 15, Canvas.Anchor.START, false, "#111111");
        legend(c);
        c.text((LEFT + right) / 2, height() - 8, xTitle, LABEL + 1, Canvas.Anchor.MIDDLE, false, INK);
    }

    private void legend(Canvas c) {
        double x = LEFT;
        for (Comparison.Flag f : List.of(Comparison.Flag.IMPROVED, Comparison.Flag.REGRESSED,
                Comparison.Flag.INCONCLUSIVE, Comparison.Flag.UNCHANGED)) {
            c.dot(x + 4, 42, 4, CompareColors.of(f));
            c.text(x + 12, 46, f.label(), LABEL, Canvas.Anchor.START, false, INK);
            x += 22 + 0.55 * LABEL * f.label().length();
        }
        c.rect(LEFT, 55, 16, 10, "#ececec");
        c.text(LEFT + 22, 64, "±" + Fmt.num(tolerance * 100) + "% tolerance; whiskers: " + Comparison.CONFIDENCE_PERCENT
                + "% interval", LABEL, Canvas.Anchor.START, false, INK);
    }

    /** Tick values within the axis: decades, 1-2-5 steps, or finer steps for a narrow range. */
    List<Double> ticks() {
        double span = Math.log10(max / min);
        double[] mantissas = span >= 2.5 ? new double[] {1} : span >= 0.9 ? new double[] {1, 2, 5}
                : span >= 0.35 ? new double[] {1, 1.5, 2, 3, 5, 7} : new double[] {1, 1.1, 1.2, 1.3, 1.5, 1.7, 2, 2.5,
                    3, 4, 5, 6, 7, 8, 9};
        List<Double> out = new ArrayList<>();
        for (int k = (int) Math.floor(Math.log10(min)); k <= (int) Math.ceil(Math.log10(max)); k++) {
            for (double m : mantissas) {
                double v = m * Math.pow(10, k);
                if (v >= min && v <= max) {
                    out.add(v);
                }
            }
        }
        return out;
    }
}
