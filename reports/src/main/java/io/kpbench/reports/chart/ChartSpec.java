package io.kpbench.reports.chart;

import java.util.List;

/**
 * One chart, described once and drawn twice: as PNG and SVG by {@link ChartRenderer} (XChart) and interactively in
 * report.html (ECharts, from this record serialised to JSON).
 *
 * @param id the file stem ({@code first-packet-e10})
 * @param title the title
 * @param kind {@link Kind#XY} (numeric x) or {@link Kind#CATEGORY} (bars over named categories)
 * @param xTitle the x-axis title with its unit
 * @param yTitle the y-axis title with its unit
 * @param xLog log x axis
 * @param yLog log y axis
 * @param xPercentile x is {@code 1/(1-p)} and its ticks are labelled 90%, 99%, 99.9%...
 * @param categories the categories of a {@link Kind#CATEGORY} chart, in order
 * @param series the series
 * @param caption one sentence under the chart: what was held fixed
 */
public record ChartSpec(String id, String title, Kind kind, String xTitle, String yTitle, boolean xLog,
        boolean yLog, boolean xPercentile, List<String> categories, List<Series> series, String caption) {
    /** The two shapes of chart. */
    public enum Kind {
        /** Lines over a numeric x axis. */
        XY,
        /** Grouped bars over named categories; a point's x is the category index. */
        CATEGORY
    }

    /**
     * One series.
     *
     * @param name the legend label
     * @param color the colour, {@code #rrggbb}, from {@link Palette}
     * @param dashed drawn dashed (the second variant of a mode, such as partial sync)
     * @param points the points
     */
    public record Series(String name, String color, boolean dashed, List<Point> points) {
    }

    /**
     * One point.
     *
     * @param x the x value (category index for category charts)
     * @param y the y value
     * @param err the error (half-width), 0 when none
     */
    public record Point(double x, double y, double err) {
    }

    /** True when a log axis is worth it: positive values spanning at least a decade (10x). */
    public static boolean spansDecades(double min, double max) {
        return min > 0 && max / min >= 10;
    }
}
