package io.kpbench.common;

/**
 * Quantiles of Student's t distribution for any positive (also fractional, Welch–Satterthwaite) degrees of freedom:
 * the CDF through the regularized incomplete beta function (continued fraction, modified Lentz), inverted by
 * bisection.
 *
 * <p>JMH's score error is {@code quantile(0.9995, n - 1) * s / sqrt(n)} over the n iteration scores; the tests check
 * that this class reproduces it from a real {@code jmh.json}.
 */
public final class StudentT {
    private static final double[] LANCZOS = {0.99999999999980993, 676.5203681218851, -1259.1392167224028,
        771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7};

    private StudentT() {
    }

    /** The t with {@code P(T <= t) = p}, for {@code 0.5 <= p < 1} and {@code df > 0}. */
    public static double quantile(double p, double df) {
        if (!(p >= 0.5 && p < 1) || !(df > 0)) {
            throw new IllegalArgumentException("quantile(" + p + ", " + df + ")");
        }
        double hi = 1;
        while (cdf(hi, df) < p) {
            hi *= 2;
        }
        double lo = 0;
        for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
            double mid = 0.5 * (lo + hi);
            if (cdf(mid, df) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** {@code P(T <= t)}. */
    public static double cdf(double t, double df) {
        double tail = 0.5 * regularizedBeta(df / (df + t * t), df / 2, 0.5);
        return t >= 0 ? 1 - tail : tail;
    }

    /** {@code I_x(a, b)}. */
    public static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
        if (x < (a + 1) / (a + b + 2)) {
            return front * continuedFraction(x, a, b) / a;
        }
        return 1 - front * continuedFraction(1 - x, b, a) / b;
    }

    /** The continued fraction of the incomplete beta function, evaluated by the modified Lentz method. */
    private static double continuedFraction(double x, double a, double b) {
        double tiny = 1e-300;
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = 1 / (Math.abs(d) < tiny ? tiny : d);
        double h = d;
        for (int m = 1; m <= 10_000; m++) {
            int m2 = 2 * m;
            double even = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 / nonZero(1 + even * d, tiny);
            c = nonZero(1 + even / c, tiny);
            h *= d * c;
            double odd = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 / nonZero(1 + odd * d, tiny);
            c = nonZero(1 + odd / c, tiny);
            double step = d * c;
            h *= step;
            if (Math.abs(step - 1) < 1e-15) {
                break;
            }
        }
        return h;
    }

    private static double nonZero(double v, double tiny) {
        return Math.abs(v) < tiny ? tiny : v;
    }

    /** {@code ln Γ(z)} for {@code z > 0} (Lanczos, g = 7). */
    public static double lnGamma(double z) {
        if (z < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * z))) - lnGamma(1 - z);
        }
        double x = LANCZOS[0];
        double zm = z - 1;
        for (int i = 1; i < LANCZOS.length; i++) {
            x += LANCZOS[i] / (zm + i);
        }
        double t = zm + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (zm + 0.5) * Math.log(t) - t + Math.log(x);
    }
}
