package io.kpbench.reports.review;

import io.kpbench.reports.chart.AxisLabels;
import io.kpbench.reports.read.JmhRecord;
import io.kpbench.reports.read.ResultsFolder;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Where the iptables and nftables first-packet curves ({@code FirstPacketClassifyBenchmark.classify}, ns/op over
 * services) cross: the smallest services count at which iptables costs more, interpolated on log-log axes between
 * the two measured counts that bracket the sign change of {@code log(iptables) - log(nftables)}.
 */
final class Crossover {
    static final String FIRST = "FirstPacketClassifyBenchmark.classify";

    private Crossover() {
    }

    /**
     * The services count at which {@code a} first exceeds {@code b}, log-log interpolated; {@code -Infinity} when
     * {@code a} already exceeds {@code b} at the smallest count, NaN when it never does (or with no points).
     *
     * @param services the measured counts, ascending
     * @param a the first curve at those counts
     * @param b the second curve at those counts
     */
    static double at(double[] services, double[] a, double[] b) {
        double prev = Double.NaN;
        for (int i = 0; i < services.length; i++) {
            double d = Math.log(a[i]) - Math.log(b[i]);
            if (d > 0) {
                if (i == 0) {
                    return Double.NEGATIVE_INFINITY;
                }
                double l0 = Math.log(services[i - 1]);
                double l1 = Math.log(services[i]);
                return Math.exp(l0 + (l1 - l0) * prev / (prev - d));
            }
            prev = d;
        }
        return Double.NaN;
    }

    /** The sentence of the design-review section. */
    static String sentence(ResultsFolder f) {
        TreeMap<Double, double[]> byServices = new TreeMap<>();
        for (JmhRecord r : firstPacket(f)) {
            int i = "IPTABLES".equalsIgnoreCase(r.param("mode")) ? 0 : "NFTABLES".equalsIgnoreCase(r.param("mode"))
                    ? 1 : -1;
            double s = r.numParam("services");
            if (i >= 0 && Double.isFinite(s) && r.primary().score() > 0) {
                byServices.computeIfAbsent(s, k -> new double[] {Double.NaN, Double.NaN})[i] = r.primary().score();
            }
        }
        List<double[]> both = new ArrayList<>();
        byServices.forEach((s, v) -> {
            if (Double.isFinite(v[0]) && Double.isFinite(v[1])) {
                both.add(new double[] {s, v[0], v[1]});
            }
        });
        if (both.isEmpty()) {
            return "Modes cross over: not measured (needs " + FIRST + " for iptables and nftables).";
        }
        double[] s = both.stream().mapToDouble(p -> p[0]).toArray();
        double x = at(s, both.stream().mapToDouble(p -> p[1]).toArray(), both.stream().mapToDouble(p -> p[2])
                .toArray());
        String range = AxisLabels.count(s[0]) + "–" + AxisLabels.count(s[s.length - 1]) + " services";
        if (Double.isNaN(x)) {
            return "Modes cross over: not within the measured range (" + range + "): an iptables first packet costs "
                    + "less than an nftables one throughout (" + FIRST + ").";
        }
        if (x == Double.NEGATIVE_INFINITY) {
            return "Modes cross over: not within the measured range (" + range + "): an iptables first packet "
                    + "already costs more than an nftables one at " + AxisLabels.count(s[0]) + " services, so they "
                    + "cross below it (" + FIRST + ").";
        }
        double rounded = Math.round(x / Math.pow(10, Math.floor(Math.log10(x)) - 1)) * Math.pow(10,
                Math.floor(Math.log10(x)) - 1);
        return "Modes cross over at ~" + AxisLabels.count(rounded) + " services: above it an iptables first packet "
                + "costs more than an nftables one (log-log interpolation between the measured counts, " + FIRST
                + ").";
    }

    /** First-packet records at one traffic shape (UNIFORM when present) and the smallest endpoint count. */
    private static List<JmhRecord> firstPacket(ResultsFolder f) {
        List<JmhRecord> all = f.bench(FIRST);
        boolean uniform = all.stream().anyMatch(r -> "UNIFORM".equals(r.param("traffic")));
        String traffic = uniform ? "UNIFORM" : all.isEmpty() ? null : all.get(0).param("traffic");
        double endpoints = all.stream().mapToDouble(r -> r.numParam("endpoints")).filter(Double::isFinite).min()
                .orElse(Double.NaN);
        return all.stream().filter(r -> traffic == null || traffic.equals(r.param("traffic")))
                .filter(r -> Double.isNaN(endpoints) || r.numParam("endpoints") == endpoints).toList();
    }
}
