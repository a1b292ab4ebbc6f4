package io.kpbench.reports.compare;

import io.kpbench.common.StudentT;
import io.kpbench.reports.read.Score;
import java.util.List;

/**
 * The ratio new / old of two benchmark scores with its confidence interval.
 *
 * <p>With at least two raw iteration scores on each side the interval is Fieller's (E. C. Fieller, "Some problems
 * in interval estimation", J. R. Stat. Soc. B 16, 1954) for the ratio of two independent means, with
 * Welch–Satterthwaite degrees of freedom; it is unbounded when the old mean is not itself distinguishable from 0.
 * Otherwise it is the widest ratio the two JMH intervals (score ± error) allow, which contains 1 exactly when the
 * intervals overlap; a missing error (one iteration) gives no interval.
 *
 * @param estimate the ratio of the scores
 * @param low the lower bound (0 or more), or negative infinity when unbounded
 * @param high the upper bound, or positive infinity when unbounded
 * @param basis how the interval was obtained
 */
public record RatioInterval(double estimate, double low, double high, Basis basis) {
    /** How an interval was obtained. */
    public enum Basis {
        /** Fieller's interval from the raw iteration scores. */
        SAMPLES,
        /** The ratio of the two JMH intervals' ends. */
        JMH_ERROR,
        /** No interval: a score without an error and without raw samples. */
        NONE
    }

    /** True when the interval has both ends. */
    public boolean bounded() {
        return Double.isFinite(low) && Double.isFinite(high);
    }

    /** True when {@code v} lies in the interval. */
    public boolean contains(double v) {
        return low <= v && v <= high;
    }

    /** The interval at {@code confidence} (0.999) from raw samples when both sides have two, else from the errors. */
    static RatioInterval of(Score old, List<Double> oldSamples, Score neu, List<Double> newSamples,
            double confidence) {
        if (oldSamples.size() >= 2 && newSamples.size() >= 2) {
            return fieller(oldSamples, newSamples, confidence);
        }
        return fromErrors(old, neu);
    }

    /** Fieller's interval for {@code mean(neu) / mean(old)}. */
    static RatioInterval fieller(List<Double> old, List<Double> neu, double confidence) {
        double a = mean(old);
        double b = mean(neu);
        double va = variance(old, a) / old.size();
        double vb = variance(neu, b) / neu.size();
        double r = b / a;
        if (va == 0 && vb == 0) {
            return new RatioInterval(r, r, r, Basis.SAMPLES);
        }
        double spread = vb + r * r * va;
        double df = spread * spread / (vb * vb / (neu.size() - 1) + r * r * va * r * r * va / (old.size() - 1));
        double t = StudentT.quantile(1 - (1 - confidence) / 2, df);
        double q = a * a - t * t * va;
        if (q <= 0) {
            return new RatioInterval(r, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Basis.SAMPLES);
        }
        double half = Math.sqrt(a * a * b * b - q * (b * b - t * t * vb));
        return new RatioInterval(r, Math.max(0, (a * b - half) / q), (a * b + half) / q, Basis.SAMPLES);
    }

    /** The widest ratio of {@code neu ± error} to {@code old ± error}. */
    static RatioInterval fromErrors(Score old, Score neu) {
        double r = neu.score() / old.score();
        if (!Double.isFinite(old.error()) || !Double.isFinite(neu.error())) {
            return new RatioInterval(r, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Basis.NONE);
        }
        double oldLow = old.score() - old.error();
        double low = Math.max(0, (neu.score() - neu.error()) / (old.score() + old.error()));
        double high = oldLow > 0 ? (neu.score() + neu.error()) / oldLow : Double.POSITIVE_INFINITY;
        return new RatioInterval(r, low, high, Basis.JMH_ERROR);
    }

    private static double mean(List<Double> xs) {
        double s = 0;
        for (double x : xs) {
            s += x;
        }
        return s / xs.size();
    }

    private static double variance(List<Double> xs, double mean) {
        double s = 0;
        for (double x : xs) {
            s += (x - mean) * (x - mean);
        }
        return s / (xs.size() - 1);
    }
}
