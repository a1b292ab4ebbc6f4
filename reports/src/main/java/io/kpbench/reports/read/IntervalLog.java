package io.kpbench.reports.read;

import java.io.FileNotFoundException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.HistogramLogReader;

/**
 * The tagged HdrHistogram interval log ({@code latency.hlog}) a {@code Recorder} wrote through
 * {@code HistogramLogWriter}: every interval of one tag is added into one histogram per tag.
 *
 * <p>Tags are {@code <mode>-<scenario>}, as in the {@code .hgrm} file names; values are recorded in nanoseconds
 * and reported here in microseconds. The reader reads tags itself, so untagged and tagged intervals both work
 * (HdrHistogram's {@code HistogramLogProcessor} needs {@code -tag} for tagged files).
 */
public final class IntervalLog {
    private IntervalLog() {
    }

    /** Reads the log and returns the total histogram of each tag (untagged intervals under {@code ""}). */
    public static Map<String, Histogram> read(Path file) throws FileNotFoundException {
        Map<String, Histogram> byTag = new TreeMap<>();
        HistogramLogReader reader = new HistogramLogReader(file.toFile());
        try {
            EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram()) != null) {
                if (!(h instanceof Histogram hist)) {
                    continue;
                }
                String tag = hist.getTag() == null ? "" : hist.getTag();
                byTag.computeIfAbsent(tag, t -> new Histogram(hist.getNumberOfSignificantValueDigits()))
                        .add(hist);
            }
        } finally {
            reader.close();
        }
        return byTag;
    }

    /** A percentile spectrum of a tag's histogram in microseconds (5 ticks per half distance, as .hgrm files). */
    public static PercentileSpectrum spectrum(String tag, Histogram h) {
        int dash = tag.indexOf('-');
        String mode = (dash < 0 ? tag : tag.substring(0, dash)).toUpperCase(Locale.ROOT);
        String scenario = dash < 0 ? "" : tag.substring(dash + 1);
        List<PercentileSpectrum.Point> points = new ArrayList<>();
        long total = h.getTotalCount();
        for (HistogramIterationValue v : h.percentiles(5)) {
            double p = v.getPercentileLevelIteratedTo() / 100.0;
            double inv = p >= 1.0 ? Double.POSITIVE_INFINITY : 1.0 / (1.0 - p);
            points.add(new PercentileSpectrum.Point(h.highestEquivalentValue(v.getValueIteratedTo()) / 1000.0, p,
                    v.getTotalCountToThisValue(), inv));
        }
        return new PercentileSpectrum(mode, scenario, List.copyOf(points), h.getMean() / 1000.0,
                h.getMaxValue() / 1000.0, total);
    }
}
