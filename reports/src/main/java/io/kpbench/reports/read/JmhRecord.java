package io.kpbench.reports.read;

import java.util.List;
import java.util.Map;

/**
 * One record of JMH's JSON result: a benchmark method at one parameter combination and thread count.
 *
 * @param benchmark the fully qualified benchmark ({@code io.kpbench.bench.SyncBenchmark.fullSync}); for a
 *     {@code @Group} benchmark the group name takes the method's place
 * @param mode JMH's mode ({@code avgt}, {@code thrpt}, {@code sample}, {@code ss})
 * @param threads the thread count
 * @param forks the fork count
 * @param params the {@code @Param} values by name
 * @param primary the primary metric
 * @param secondary the secondary metrics by name ({@code @AuxCounters}, per-method results of a group, profilers)
 * @param samples the primary metric's raw iteration scores ({@code rawData}), every fork's flattened; empty when
 *     JMH wrote none (the {@code sample} mode writes a histogram instead)
 */
public record JmhRecord(String benchmark, String mode, int threads, int forks, Map<String, String> params,
        Score primary, Map<String, Score> secondary, List<Double> samples) {
    /** A record without raw samples. */
    public JmhRecord(String benchmark, String mode, int threads, int forks, Map<String, String> params,
            Score primary, Map<String, Score> secondary) {
        this(benchmark, mode, threads, forks, params, primary, secondary, List.of());
    }

    /** {@code Class.method} without the package: {@code SyncBenchmark.fullSync}. */
    public String shortName() {
        return shortName(benchmark);
    }

    /** {@code Class.method} of a fully qualified benchmark name. */
    static String shortName(String benchmark) {
        int method = benchmark.lastIndexOf('.');
        int cls = method <= 0 ? -1 : benchmark.lastIndexOf('.', method - 1);
        return benchmark.substring(cls + 1);
    }

    /** A parameter value, or null when the benchmark has no such parameter. */
    public String param(String name) {
        return params.get(name);
    }

    /** A parameter as a number, or NaN when absent or not numeric. */
    public double numParam(String name) {
        String v = params.get(name);
        if (v == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** True when higher scores are better (throughput modes). */
    public boolean higherIsBetter() {
        return "thrpt".equals(mode);
    }

    /** A secondary metric, or null. */
    public Score secondary(String name) {
        return secondary.get(name);
    }
}
