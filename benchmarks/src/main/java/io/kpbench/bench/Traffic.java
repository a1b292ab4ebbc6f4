package io.kpbench.bench;

/**
 * How packets are spread over services: uniformly, or Zipf-skewed with exponent {@value #ZIPF_EXPONENT} over a
 * seeded random ranking of the services (so that popularity is unrelated to creation order and to the order of
 * an iptables chain).
 */
public enum Traffic {
    /** Every service equally likely. */
    UNIFORM,
    /** The k-th most popular service drawn with probability proportional to 1/k^{@value #ZIPF_EXPONENT}. */
    ZIPF;

    /** The Zipf exponent (web and RPC popularity is typically measured at 0.9-1.2). */
    public static final double ZIPF_EXPONENT = 1.1;
}
