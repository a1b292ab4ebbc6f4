package io.kpbench.control;

import io.kpbench.cluster.ClusterSnapshot;
import java.util.SplittableRandom;

/**
 * A seeded stream of Service and EndpointSlice changes over a cluster, arriving as a Poisson process at
 * {@code changesPerSecond} (exponential gaps, as independent controllers acting on independent services would
 * produce), each of a {@link ChangeKind} drawn by its weight: rolling updates, scale up and down, service create
 * and delete. The same cluster, rate and seed give the same stream.
 *
 * <p>Each change is valid against the cluster that the earlier changes produced (an update names a service that
 * exists, a create a name that does not), and carries the {@link Probe} that shows when a data plane has it.
 */
public final class ChangeStream implements ChangeSource {
    private static final double NANOS_PER_SECOND = 1e9;

    private final SplittableRandom random;
    private final ClusterEdits edits;
    private final double meanGapNanos;
    private double clock;

    /**
     * A stream over {@code cluster} whose first change arrives after {@code startNanos} on the virtual clock.
     *
     * @throws IllegalArgumentException when the rate is not positive, or the cluster has no proxied IPv4 service
     *     with an EndpointSlice
     */
    public ChangeStream(ClusterSnapshot cluster, double changesPerSecond, long seed, long startNanos) {
        if (!(changesPerSecond > 0) || Double.isInfinite(changesPerSecond)) {
            throw new IllegalArgumentException("the change rate must be a positive number, not " + changesPerSecond);
        }
        this.random = new SplittableRandom(seed);
        this.edits = new ClusterEdits(cluster, random.split());
        this.meanGapNanos = NANOS_PER_SECOND / changesPerSecond;
        this.clock = startNanos;
    }

    @Override
    public TimedChange next() {
        clock += -Math.log(1.0 - random.nextDouble()) * meanGapNanos;
        long at = (long) clock;
        return switch (ChangeKind.of(random.nextInt(100))) {
            case ROLLING_UPDATE -> edits.rollingUpdate(at);
            case SCALE_UP -> edits.scaleUp(at);
            case SCALE_DOWN -> edits.scaleDown(at);
            case SERVICE_CREATE -> edits.createService(at);
            case SERVICE_DELETE -> edits.deleteService(at);
        };
    }

    /** The proxied IPv4 services in the stream's cluster now (after every change it has made). */
    public int services() {
        return edits.services();
    }
}
