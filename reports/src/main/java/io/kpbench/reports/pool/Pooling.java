package io.kpbench.reports.pool;

import io.kpbench.common.StudentT;
import io.kpbench.reports.read.PairedCsv;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several runs' paired ratios as one figure each, with the run as the unit: a run's ratio ({@code ratios.csv}'s
 * geometric mean over its forks) is one draw of the host's state, and the pooled ratio is the geometric mean over
 * runs with a Student-t 95% interval over runs on the log ratios, {@code exp(mean ± t(0.975, n-1) s / sqrt(n))}.
 *
 * <p>One run's interval is over its forks: it shows how the forks of that run spread, not how far the host moves
 * between runs. Where the host drifts for a whole run (a shared machine's memory and core speed, for minutes), runs
 * differ by more than their intervals allow. The between-run interval carries that drift, as far as the pooled
 * runs sampled it; {@link Pooled#dispersion()} says how much wider the runs spread than their own intervals
 * promised, and {@link Pooled#runsForTarget()} how many runs of that spread give a chosen half-width.
 */
public final class Pooling {
    /** The largest run count {@link #runsFor} searches; past it the figure is {@code -1}. */
    static final int MAX_RUNS = 1000;

    private Pooling() {
    }

    /**
     * One pooled ratio.
     *
     * @param numerator the numerator arm
     * @param denominator the denominator arm
     * @param benchmark the benchmark variant ({@code firstPacket.independent})
     * @param params the parameters ({@code services=30000})
     * @param runs the runs that gave the ratio
     * @param ratio the geometric mean over runs of each run's ratio
     * @param low the 95% interval's lower end, over runs
     * @param high the 95% interval's upper end, over runs
     * @param min the lowest run's ratio
     * @param max the highest run's ratio
     * @param betweenSd the sample standard deviation of the runs' log ratios
     * @param withinSe the root mean square of the runs' own standard errors of the log ratio (from each run's
     *     t-interval over its forks), or NaN when no run has an interval
     * @param meanRunHalfWidth the mean over runs of each run's interval half-width relative to its ratio
     *     ({@code (high - low) / 2 / median}), or NaN when no run has an interval
     * @param dispersion {@code betweenSd / withinSe}: about 1 when runs differ only as their forks do, above 1
     *     when something common to a whole run (the host's state) moves them
     * @param runsForTarget the fewest runs whose between-run interval, at this spread, is within the target
     *     half-width; -1 when more than {@value #MAX_RUNS} would be needed
     */
    public record Pooled(String numerator, String denominator, String benchmark, String params, int runs,
            double ratio, double low, double high, double min, double max, double betweenSd, double withinSe,
            double meanRunHalfWidth, double dispersion, int runsForTarget) {
        /** The services count, or NaN. */
        public double services() {
            return PairedCsv.services(params);
        }

        /** The key this ratio shares with one run's row. */
        public PairedCsv.Ratio asRatio() {
            return new PairedCsv.Ratio(numerator, denominator, benchmark, params, runs, ratio, low, high);
        }
    }

    /**
     * A pool of runs.
     *
     * @param pooled the ratios that two or more runs give, pooled, in the order they are first met
     * @param single the ratios that only one run gives: listed, never pooled
     */
    public record Result(List<Pooled> pooled, List<PairedCsv.Ratio> single) {
    }

    /**
     * Pools every run's rows by what they are about; {@code target} is the relative half-width
     * {@link Pooled#runsForTarget()} aims at (0.10 for ±10%).
     */
    public static Result pool(List<List<PairedCsv.Ratio>> runs, double target) {
        Map<String, List<PairedCsv.Ratio>> byKey = new LinkedHashMap<>();
        runs.forEach(run -> run.forEach(r -> byKey.computeIfAbsent(key(r), k -> new ArrayList<>()).add(r)));
        List<Pooled> pooled = new ArrayList<>();
        List<PairedCsv.Ratio> single = new ArrayList<>();
        for (List<PairedCsv.Ratio> rows : byKey.values()) {
            if (rows.size() >= 2) {
                pooled.add(pooled(rows, target));
            } else {
                single.add(rows.get(0));
            }
        }
        return new Result(pooled, single);
    }

    /** numerator, denominator, benchmark and params: what one row of every run's ratios.csv is about. */
    private static String key(PairedCsv.Ratio r) {
        return r.numerator() + '\u0000' + r.denominator() + '\u0000' + r.benchmark() + '\u0000' + r.params();
    }

    private static Pooled pooled(List<PairedCsv.Ratio> rows, double target) {
        int n = rows.size();
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (PairedCsv.Ratio r : rows) {
            sum += Math.log(r.median());
            min = Math.min(min, r.median());
            max = Math.max(max, r.median());
        }
        double mean = sum / n;
        double ss = 0;
        for (PairedCsv.Ratio r : rows) {
            double d = Math.log(r.median()) - mean;
            ss += d * d;
        }
        double sd = Math.sqrt(ss / (n - 1));
        double half = StudentT.quantile(0.975, n - 1) * sd / Math.sqrt(n);
        double seSquares = 0;
        double halfWidths = 0;
        int withInterval = 0;
        for (PairedCsv.Ratio r : rows) {
            if (r.forks() >= 2 && r.low() > 0 && r.high() > 0) {
                double se = (Math.log(r.high()) - Math.log(r.low())) / 2 / StudentT.quantile(0.975, r.forks() - 1);
                seSquares += se * se;
                halfWidths += (r.high() - r.low()) / 2 / r.median();
                withInterval++;
            }
        }
        double within = withInterval == 0 ? Double.NaN : Math.sqrt(seSquares / withInterval);
        PairedCsv.Ratio first = rows.get(0);
        return new Pooled(first.numerator(), first.denominator(), first.benchmark(), first.params(), n,
                Math.exp(mean), Math.exp(mean - half), Math.exp(mean + half), min, max, sd, within,
                withInterval == 0 ? Double.NaN : halfWidths / withInterval, within > 0 ? sd / within : Double.NaN,
                runsFor(sd, target));
    }

    /**
     * The fewest runs {@code n >= 2} with {@code t(0.975, n-1) sd / sqrt(n) <= ln(1 + target)}: how many runs of
     * between-run spread {@code sd} (log ratio) hold the pooled interval within ±target; -1 past {@value #MAX_RUNS}.
     */
    static int runsFor(double sd, double target) {
        double bound = Math.log1p(target);
        for (int n = 2; n <= MAX_RUNS; n++) {
            if (StudentT.quantile(0.975, n - 1) * sd / Math.sqrt(n) <= bound) {
                return n;
            }
        }
        return -1;
    }
}
