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
 * @param xFormat how x tick labels read: counts ({@code 10k}), sizes ({@code 16 MiB}) or plain numbers
 */
public record ChartSpec(String id, String title, Kind kind, String xTitle, String yTitle, boolean xLog,
        boolean yLog, boolean xPercentile, List<String> categories, List<Series> series, String caption,
        AxisFormat xFormat) {
    /** A chart whose x labels are plain numbers. */
    public ChartSpec(String id, String title, Kind kind, String xTitle, String yTitle, boolean xLog, boolean yLog,
            boolean xPercentile, List<String> categories, List<Series> series, String caption) {
        this(id, title, kind, xTitle, yTitle, xLog, yLog, xPercentile, categories, series, caption,
                AxisFormat.NUMBER);
    }

    /** How an axis's tick labels read ({@link AxisLabels}). */
    public enum AxisFormat {
        /** Plain numbers with thousands separators. */
        NUMBER,
        /** Counts of services, flows, threads: {@code 1k}, {@code 10k}, {@code 1M}. */
        COUNT,
        /** Sizes in bytes: {@code 32 KiB}, {@code 16 MiB}, {@code 1 GiB}. */
        BYTES;

        /** The format an axis title's unit calls for: {@code (count)} and {@code (bytes)}; otherwise numbers. */
        public static AxisFormat ofTitle(String title) {
            return title.endsWith("(count)") ? COUNT : title.endsWith("(bytes)") ? BYTES : NUMBER;
        }
    }

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
