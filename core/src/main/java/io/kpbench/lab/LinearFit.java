package io.kpbench.lab;

/**
 * An ordinary least-squares line {@code y = intercept + slope * x} with its coefficient of determination R².
 *
 * @param slope the slope
 * @param intercept the intercept
 * @param r2 R², 1 for a perfect fit; NaN with fewer than two distinct x
 */
public record LinearFit(double slope, double intercept, double r2) {
    /** The least-squares fit of {@code ys} against {@code xs}. */
    public static LinearFit of(double[] xs, double[] ys) {
        int n = xs.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += xs[i] / n;
            my += ys[i] / n;
        }
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (xs[i] - mx) * (xs[i] - mx);
            sxy += (xs[i] - mx) * (ys[i] - my);
            syy += (ys[i] - my) * (ys[i] - my);
        }
        if (n < 2 || sxx == 0) {
            return new LinearFit(Double.NaN, my, Double.NaN);
        }
        double slope = sxy / sxx;
        double r2 = syy == 0 ? 1.0 : sxy * sxy / (sxx * syy);
        return new LinearFit(slope, my - slope * mx, r2);
    }
}
