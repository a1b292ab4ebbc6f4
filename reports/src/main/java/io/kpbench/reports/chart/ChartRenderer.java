package io.kpbench.reports.chart;

import java.awt.BasicStroke;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws a {@link ChartSpec} as PNG and SVG with XChart, headless ({@code java.awt.headless=true}); each file is
 * written to a temporary sibling and renamed into place.
 */
public final class ChartRenderer {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 540;
    private static final BasicStroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND,
            10f, new float[] {6f, 4f}, 0f);

    private ChartRenderer() {
    }

    /** Writes {@code <id>.png} and {@code <id>.svg} into {@code dir}; returns the PNG path. */
    public static Path render(ChartSpec spec, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(dir);
        Chart<?, ?> chart = spec.kind() == ChartSpec.Kind.XY ? xy(spec) : category(spec);
        Path png = dir.resolve(spec.id() + ".png");
        atomically(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
        atomically(dir.resolve(spec.id() + ".svg"), out -> VectorGraphicsEncoder.saveVectorGraphic(chart, out,
                VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
        return png;
    }

    private static XYChart xy(ChartSpec spec) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(spec.title()).xAxisTitle(spec.xTitle())
                .yAxisTitle(spec.yTitle()).build();
        style(c.getStyler(), spec);
        if (spec.xPercentile()) {
            // plotted as log10(1/(1-p)) on a linear axis: the same log scale, with ticks labelled 90%, 99%, ...
            c.getStyler().setXAxisLogarithmic(false);
            c.getStyler().setXAxisMin(0.0);
            c.getStyler().setxAxisTickLabelsFormattingFunction(ChartRenderer::decadeLabel);
        }
        LogAxis logX = spec.xPercentile() || spec.xFormat() == ChartSpec.AxisFormat.NUMBER || !spec.xLog() ? null
                : LogAxis.of(spec);
        if (logX != null) {
            logX.apply(c.getStyler());
        } else if (!spec.xPercentile() && spec.xFormat() != ChartSpec.AxisFormat.NUMBER) {
            c.getStyler().setxAxisTickLabelsFormattingFunction(v -> AxisLabels.of(spec.xFormat(), v));
        }
        for (ChartSpec.Series s : spec.series()) {
            int n = s.points().size();
            double[] x = new double[n];
            double[] y = new double[n];
            double[] e = new double[n];
            for (int i = 0; i < n; i++) {
                ChartSpec.Point p = s.points().get(i);
                x[i] = spec.xPercentile() ? Math.log10(p.x()) : logX != null ? logX.toAxis(p.x()) : p.x();
                y[i] = p.y();
                e[i] = spec.yLog() ? Math.min(p.err(), 0.9 * p.y()) : p.err();
            }
            XYSeries xs = c.addSeries(s.name(), x, y, e);
            xs.setLineColor(Palette.awt(s.color()));
            xs.setMarkerColor(Palette.awt(s.color()));
            xs.setMarker(spec.xPercentile() ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
            if (s.dashed()) {
                xs.setLineStyle(DASHED);
            }
        }
        return c;
    }

    /**
     * The label of {@code log10(1/(1-p))}: 1 is 90%, 2 is 99%, 3 is 99.9%, and values between decades get enough
     * digits to stay distinct (XChart loops forever on repeated tick labels).
     */
    static String decadeLabel(double log) {
        double p = 100.0 * (1.0 - Math.pow(10, -log));
        int decimals = Math.max(2, (int) Math.floor(log));
        String s = String.format(java.util.Locale.ROOT, "%." + decimals + "f", p);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "") + "%";
    }

    private static CategoryChart category(ChartSpec spec) {
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(spec.title())
                .xAxisTitle(spec.xTitle()).yAxisTitle(spec.yTitle()).build();
        style(c.getStyler(), spec);
        c.getStyler().setOverlapped(false);
        for (ChartSpec.Series s : spec.series()) {
            List<Double> y = new ArrayList<>();
            List<Double> e = new ArrayList<>();
            for (int i = 0; i < spec.categories().size(); i++) {
                y.add(Double.NaN);
                e.add(0.0);
            }
            for (ChartSpec.Point p : s.points()) {
                y.set((int) p.x(), p.y());
                e.set((int) p.x(), spec.yLog() ? Math.min(p.err(), 0.9 * p.y()) : p.err());
            }
            // XChart misdraws bar error bars on a log axis; the HTML report shows them in the tooltip instead
            CategorySeries cs = spec.yLog() ? c.addSeries(s.name(), spec.categories(), y)
                    : c.addSeries(s.name(), spec.categories(), y, e);
            cs.setFillColor(Palette.awt(s.color()));
        }
        return c;
    }

    private static void style(AxesChartStyler st, ChartSpec spec) {
        st.setLegendPosition(Styler.LegendPosition.OutsideE);
        st.setChartBackgroundColor(java.awt.Color.WHITE);
        st.setPlotBackgroundColor(java.awt.Color.WHITE);
        st.setXAxisLogarithmic(spec.xLog());
        st.setYAxisLogarithmic(spec.yLog());
        st.setErrorBarsColorSeriesColor(true);
        if (spec.yLog()) {
            // bars start at the axis minimum, which XChart would otherwise take as 0 on a log axis
            double min = spec.series().stream().flatMap(s -> s.points().stream())
                    .mapToDouble(p -> p.y() - Math.min(p.err(), 0.9 * p.y())).filter(v -> v > 0).min().orElse(1);
            st.setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
        }
        st.setAntiAlias(true);
    }

    /** What writes a binary file's whole content. */
    @FunctionalInterface
    public interface ByteBody {
        /** Writes the content to {@code out}. */
        void write(OutputStream out) throws IOException;
    }

    /** Writes {@code target} through a temporary sibling and a rename, readable by everyone. */
    public static void atomically(Path target, ByteBody w) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                w.write(out);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            io.kpbench.reports.html.Html.shareable(target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
