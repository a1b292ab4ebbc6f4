package io.kpbench.cluster;

/** {@code spec.externalTrafficPolicy} and {@code spec.internalTrafficPolicy}: Cluster or Local. */
public enum TrafficPolicy {
    Cluster,
    Local;

    /** Parses the API spelling; null when unknown. */
    public static TrafficPolicy fromApi(String s) {
        for (TrafficPolicy t : values()) {
            if (t.name().equals(s)) {
                return t;
            }
        }
        return null;
    }
}
