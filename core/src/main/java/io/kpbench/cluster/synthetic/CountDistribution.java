package io.kpbench.cluster.synthetic;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * How many endpoints a synthetic service gets: a fixed count, a uniform range, or a bounded Zipf law, the skew
 * of real clusters where most Deployments run a few replicas and a few run hundreds.
 *
 * <p>Written {@code 10}, {@code uniform:1-100} or {@code zipf:1-1000:1.2}; the Zipf form draws {@code min + k - 1}
 * with {@code P(k) ∝ k^-exponent} for {@code k} in {@code 1..max-min+1}, so {@code min} is the most common value.
 *
 * @param kind fixed, uniform or zipf
 * @param min the smallest count (the count itself when fixed)
 * @param max the largest count
 * @param exponent the Zipf exponent, above 0 (0 for the other kinds)
 */
public record CountDistribution(Kind kind, int min, int max, double exponent) {
    /** The most distinct values a distribution may span (bounds the Zipf table to 8 MB). */
    public static final int MAX_SPAN = 1_000_000;

    /** The shape of the distribution. */
    public enum Kind {
        FIXED,
        UNIFORM,
        ZIPF
    }

    /** Validates the bounds; messages name the {@code endpoints} key. */
    public CountDistribution {
        if (min < 0 || max < min) {
            throw new IllegalArgumentException("endpoints: want 0 <= min <= max, got " + min + "-" + max);
        }
        if (max - min >= MAX_SPAN) {
            throw new IllegalArgumentException("endpoints: a range spans at most " + MAX_SPAN + " values");
        }
        if (kind == Kind.ZIPF ? !(exponent > 0 && exponent <= 100) : exponent != 0) {
            throw new IllegalArgumentException("endpoints: the Zipf exponent must be in (0, 100], got " + exponent);
        }
    }

    /** The fixed count {@code n}. */
    public static CountDistribution fixed(int n) {
        return new CountDistribution(Kind.FIXED, n, n, 0);
    }

    /** Parses {@code N}, {@code uniform:MIN-MAX} or {@code zipf:MIN-MAX:EXPONENT}. */
    public static CountDistribution parse(String text) {
        String[] parts = text.trim().split(":", -1);
        try {
            if (parts.length == 1) {
                return fixed(Integer.parseInt(parts[0].trim()));
            }
            String[] range = parts[1].split("-", -1);
            if (range.length == 2) {
                int lo = Integer.parseInt(range[0].trim());
                int hi = Integer.parseInt(range[1].trim());
                if (parts.length == 2 && parts[0].equals("uniform")) {
                    return new CountDistribution(Kind.UNIFORM, lo, hi, 0);
                }
                if (parts.length == 3 && parts[0].equals("zipf")) {
                    return new CountDistribution(Kind.ZIPF, lo, hi, Double.parseDouble(parts[2].trim()));
                }
            }
        } catch (NumberFormatException e) {
            // falls through to the usage message
        }
        throw new IllegalArgumentException("endpoints: '" + text + "' is not N, uniform:MIN-MAX or zipf:MIN-MAX:EXP");
    }

    /** A sampler of this distribution; the Zipf sampler holds a cumulative table of {@code max-min+1} doubles. */
    public Sampler sampler() {
        return new Sampler(this);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case FIXED -> Integer.toString(min);
            case UNIFORM -> "uniform:" + min + "-" + max;
            case ZIPF -> "zipf:" + min + "-" + max + ":" + exponent;
        };
    }

    /** Draws counts from a caller's random source; immutable once built. */
    public static final class Sampler {
        private final CountDistribution d;
        private final double[] cdf;

        private Sampler(CountDistribution d) {
            this.d = d;
            this.cdf = d.kind == Kind.ZIPF ? zipfTable(d.max - d.min + 1, d.exponent) : null;
        }

        /** One count from {@code rng}. */
        public int next(SplittableRandom rng) {
            return switch (d.kind) {
                case FIXED -> d.min;
                case UNIFORM -> d.min + rng.nextInt(d.max - d.min + 1);
                case ZIPF -> d.min + rank(rng.nextDouble());
            };
        }

        private int rank(double u) {
            int i = Arrays.binarySearch(cdf, u);
            return Math.min(i >= 0 ? i + 1 : -i - 1, cdf.length - 1);
        }

        private static double[] zipfTable(int n, double s) {
            double[] t = new double[n];
            double sum = 0;
            for (int k = 0; k < n; k++) {
                sum += Math.pow(k + 1, -s);
                t[k] = sum;
            }
            for (int k = 0; k < n; k++) {
                t[k] /= sum;
            }
            return t;
        }
    }
}
