package io.kpbench.proxy;

import io.kpbench.cluster.ChangeSet;
import io.kpbench.cluster.ClusterSnapshot;

/**
 * The {@code <Mode>Compiler} role: the control plane that turns a cluster into a mode's tables, as kube-proxy's
 * {@code syncProxyRules} does in every {@code pkg/proxy/<mode>/proxier.go}. It runs on the sync thread only.
 *
 * @param <T> the mode's {@code <Mode>Tables}
 */
public interface ModeCompiler<T> {
    /** Replaces all state with what {@code cluster} needs (a full sync). */
    SyncStats sync(ClusterSnapshot cluster);

    /** Applies {@code changes}, after which the cluster is {@code after} (an incremental sync). */
    SyncStats sync(ClusterSnapshot after, ChangeSet changes);

    /** The tables of the last sync, to be published to the classifying threads. */
    T tables();
}
