package io.kpbench.control;

import io.kpbench.cluster.ChangeSet;
import io.kpbench.cluster.ObjectRef;
import java.util.List;

/**
 * One logical change of the cluster at a moment of the virtual clock: the API events it is made of (a service
 * create is a Service ADD and its EndpointSlice ADDs, delivered together), and the packet check that shows when
 * a data plane carries it.
 *
 * @param atNanos when the change reaches kube-proxy's informers, on the virtual clock
 * @param kind what happened
 * @param service the service whose rules the change touches
 * @param changes the API events, in order
 * @param probe the check that holds once a data plane carries the change, or null when none is observable (a
 *     service with internalTrafficPolicy Local, or an endpoint that was not ready)
 */
public record TimedChange(long atNanos, ChangeKind kind, ObjectRef service, List<ChangeSet.Change> changes,
        Probe probe) {
    /** Copies the list. */
    public TimedChange {
        changes = List.copyOf(changes);
    }
}
