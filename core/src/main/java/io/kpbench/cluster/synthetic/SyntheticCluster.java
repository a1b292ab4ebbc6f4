package io.kpbench.cluster.synthetic;

import io.kpbench.cluster.ClusterSnapshot;

/** Generates a seeded synthetic cluster. */
public final class SyntheticCluster {
    private SyntheticCluster() {
    }

    /** The cluster for {@code spec}; the same spec always gives the same cluster. */
    public static ClusterSnapshot generate(SyntheticSpec spec) {
        throw new UnsupportedOperationException("not yet");
    }
}
