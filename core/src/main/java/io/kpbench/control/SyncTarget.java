package io.kpbench.control;

import io.kpbench.cluster.ChangeSet;
import io.kpbench.cluster.ClusterSnapshot;

/**
 * What a {@link KubeProxyLoop} syncs: the proxier's {@code syncProxyRules}, reduced to what the loop needs, which
 * is how long each sync took and whether a packet check holds. {@link MeasuredDataPlane} is the real one; tests
 * use fakes with a modelled cost.
 */
public interface SyncTarget {
    /** Replaces all state with {@code cluster}; returns how long the sync took, in ns. */
    long fullSync(ClusterSnapshot cluster);

    /** Applies {@code changes}, after which the cluster is {@code after}; returns how long it took, in ns. */
    long partialSync(ClusterSnapshot after, ChangeSet changes);

    /** True when {@code probe} holds in the state of the last sync. */
    boolean holds(Probe probe);
}
