package io.kpbench.reports.read;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A latency percentile spectrum read from an {@code .hgrm} file, the text HdrHistogram's
 * {@code outputPercentileDistribution} writes (columns {@code Value Percentile TotalCount 1/(1-Percentile)}, then
 * a {@code #[Mean ...]} footer) and wrk2 prints.
 *
 * <p>The file name {@code latency-<mode>-<scenario>.hgrm} names the series; values are in the unit the benchmark
 * wrote them in (microseconds in kpbench).
 *
 * @param mode the proxy mode part of the file name (upper case, {@code IPTABLES})
 * @param scenario the scenario part of the file name
 * @param points the rows, in file order
 * @param mean the mean from the footer, or NaN
 * @param max the max from the footer, or NaN
 * @param totalCount the total count from the footer, or -1
 */
public record PercentileSpectrum(String mode, String scenario, List<Point> points, double mean, double max,
        long totalCount) {
    /**
     * One row.
     *
     * @param value the latency at this percentile
     * @param percentile the percentile as a fraction (0.99)
     * @param count the cumulative count
     * @param inverse {@code 1/(1-percentile)}; infinite on the last row
     */
    public record Point(double value, double percentile, long count, double inverse) {
    }

    /** Reads {@code file}; returns null when the name does not follow {@code latency-<mode>-<scenario>.hgrm}. */
    public static PercentileSpectrum read(Path file) throws IOException {
        String name = file.getFileName().toString();
        if (!name.startsWith("latency-") || !name.endsWith(".hgrm")) {
            return null;
        }
        String stem = name.substring("latency-".length(), name.length() - ".hgrm".length());
        int dash = stem.indexOf('-');
        String mode = (dash < 0 ? stem : stem.substring(0, dash)).toUpperCase(java.util.Locale.ROOT);
        String scenario = dash < 0 ? "" : stem.substring(dash + 1);
        List<Point> points = new ArrayList<>();
        double mean = Double.NaN;
        double max = Double.NaN;
        long total = -1;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String t = line.trim();
            if (t.startsWith("#[Mean")) {
                mean = footer(t, "Mean");
            } else if (t.startsWith("#[Max")) {
                max = footer(t, "Max");
                total = (long) footer(t, "Total count");
            } else if (!t.isEmpty() && Character.isDigit(t.charAt(0))) {
                String[] c = t.split("\\s+");
                if (c.length >= 3) {
                    double inv = c.length >= 4 ? parse(c[3]) : Double.POSITIVE_INFINITY;
                    points.add(new Point(parse(c[0]), parse(c[1]), (long) parse(c[2]), inv));
                }
            }
        }
        return new PercentileSpectrum(mode, scenario, List.copyOf(points), mean, max, total);
    }

    /** The value at the first row whose percentile reaches {@code p}, or NaN. */
    public double valueAt(double p) {
        for (Point pt : points) {
            if (pt.percentile() >= p) {
                return pt.value();
            }
        }
        return Double.NaN;
    }

    private static double footer(String line, String key) {
        int i = line.indexOf(key);
        if (i < 0) {
            return Double.NaN;
        }
        int eq = line.indexOf('=', i);
        int end = line.indexOf(',', eq);
        if (end < 0) {
            end = line.indexOf(']', eq);
        }
        return parse(line.substring(eq + 1, end < 0 ? line.length() : end).trim());
    }

    private static double parse(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return s.equalsIgnoreCase("inf") || s.equalsIgnoreCase("infinity") ? Double.POSITIVE_INFINITY
                    : Double.NaN;
        }
    }
}
