package io.kpbench.plan;

/**
 * One row of a plan: a count of the cluster with its value on the empty cluster (same nodes, no services), so
 * that its value at growth ×N is {@code empty + N × (cluster − empty)}, and, for a limit, the ceiling it must
 * stay at or under.
 *
 * @param name what is counted ({@code Cilium LB backend map entries})
 * @param unit the unit ({@code entries}, {@code B})
 * @param empty the count on the empty cluster
 * @param cluster the count on the cluster as given
 * @param limit the ceiling, or -1 for a size (informational, no ceiling)
 * @param source where the ceiling or the count comes from
 */
public record Metric(String name, String unit, double empty, double cluster, double limit, String source) {
    /** A limit row. */
    public static Metric limit(String name, String unit, double empty, double cluster, double limit,
            String source) {
        return new Metric(name, unit, empty, cluster, limit, source);
    }

    /** A size row, without a ceiling. */
    public static Metric size(String name, String unit, double empty, double cluster, String source) {
        return new Metric(name, unit, empty, cluster, -1, source);
    }

    /** True when this row has a ceiling. */
    public boolean isLimit() {
        return limit >= 0;
    }

    /** The count at growth ×{@code factor} (1 is the cluster as given). */
    public double at(int factor) {
        return empty + factor * (cluster - empty);
    }

    /** {@code limit − at(factor)}: negative once over the limit. */
    public double headroom(int factor) {
        return limit - at(factor);
    }

    /** True when the count at ×{@code factor} is over the limit (at the limit still fits). */
    public boolean exceeded(int factor) {
        return isLimit() && at(factor) > limit;
    }

    /** The count at ×{@code factor} as a share of the limit (0 for a zero limit with nothing in use). */
    public double use(int factor) {
        double v = at(factor);
        return limit == 0 ? (v == 0 ? 0 : Double.POSITIVE_INFINITY) : v / limit;
    }
}
