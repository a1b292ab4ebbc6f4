package io.kpbench.reports.read;

/**
 * One JMH metric: the score, its error (the half-width of JMH's 99.9% confidence interval) and its unit.
 *
 * <p>JMH writes {@code "NaN"} as a string when it cannot compute a value (a single fork has no error); such values
 * are {@link Double#NaN} here.
 *
 * @param score the mean score, or NaN
 * @param error the score error, or NaN when JMH had too few samples
 * @param unit the unit as JMH prints it ({@code ns/op}, {@code ops/us}, {@code #})
 */
public record Score(double score, double error, String unit) {
    /** True when the score is a finite number. */
    public boolean present() {
        return Double.isFinite(score);
    }

    /** The error, or 0 when JMH gave none. */
    public double errorOrZero() {
        return Double.isFinite(error) ? error : 0;
    }
}
