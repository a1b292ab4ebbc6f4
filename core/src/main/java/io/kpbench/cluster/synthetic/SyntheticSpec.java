package io.kpbench.cluster.synthetic;

/**
 * The parameters of a seeded synthetic cluster, parsed from {@code services=N,endpoints=M,nodes=K,seed=S,...}.
 */
public record SyntheticSpec(int services, int endpoints, int nodes, long seed) {
    /** The embedded default. */
    public static SyntheticSpec defaults() {
        return new SyntheticSpec(100, 3, 3, 1L);
    }

    /**
     * Parses {@code key=value,...} over the defaults.
     *
     * @throws IllegalArgumentException with a one-line reason naming the key
     */
    public static SyntheticSpec parse(String text) {
        throw new UnsupportedOperationException("not yet");
    }
}
