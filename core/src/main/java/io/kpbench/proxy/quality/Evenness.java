package io.kpbench.proxy.quality;

/**
 * How evenly flows spread over endpoints: max/mean and min/mean of flows per endpoint, and the coefficient of
 * variation (standard deviation over mean; 0 is perfectly even, sqrt(N/flows) is what independent uniform
 * draws give).
 *
 * @param maxOverMean the busiest endpoint's load over the mean
 * @param minOverMean the idlest endpoint's load over the mean
 * @param cv the coefficient of variation
 */
record Evenness(double maxOverMean, double minOverMean, double cv) {

    /** The evenness of {@code assignment} (endpoint number per flow) over endpoints {@code 0..n-1}. */
    static Evenness of(int[] assignment, int n) {
        long[] counts = new long[n];
        for (int e : assignment) {
            counts[e]++;
        }
        double mean = assignment.length / (double) n;
        long max = 0;
        long min = Long.MAX_VALUE;
        double var = 0;
        for (long c : counts) {
            max = Math.max(max, c);
            min = Math.min(min, c);
            var += (c - mean) * (c - mean);
        }
        return new Evenness(max / mean, min / mean, Math.sqrt(var / n) / mean);
    }
}
