package io.kpbench.control;

/**
 * The kinds of control-plane change a {@link ChangeStream} makes, each as the API objects kube-proxy watches see
 * it, and its share of the stream ({@link #weight}, percent): rolling updates dominate real churn, and scale and
 * service lifecycle events are rarer. The shares are this harness's assumption, not a published mix.
 */
public enum ChangeKind {
    /** A pod replaced by a new one at a new address: one EndpointSlice UPDATE (the EndpointSlice controller's). */
    ROLLING_UPDATE(60),
    /** One more endpoint: an EndpointSlice UPDATE. */
    SCALE_UP(10),
    /** One endpoint fewer: an EndpointSlice UPDATE. */
    SCALE_DOWN(10),
    /** A new Service and its EndpointSlices: a Service ADD and slice ADDs. */
    SERVICE_CREATE(10),
    /** A Service and its EndpointSlices removed: a Service DELETE and slice DELETEs. */
    SERVICE_DELETE(10);

    private final int weight;

    ChangeKind(int weight) {
        this.weight = weight;
    }

    /** This kind's share of the stream, in percent (the shares sum to 100). */
    public int weight() {
        return weight;
    }

    /** The kind that a uniform draw {@code percent} in [0, 100) falls on. */
    static ChangeKind of(int percent) {
        int acc = 0;
        for (ChangeKind k : values()) {
            acc += k.weight;
            if (percent < acc) {
                return k;
            }
        }
        throw new IllegalArgumentException("percent " + percent + " is not in [0, 100)");
    }
}
