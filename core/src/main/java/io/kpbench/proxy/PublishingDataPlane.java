package io.kpbench.proxy;

import io.kpbench.cluster.ChangeSet;
import io.kpbench.cluster.ClusterSnapshot;

/**
 * The control-path half of every {@code <Mode>DataPlane}: a sync runs the mode's {@link ModeCompiler} and then
 * hands its tables to {@link #publish}, which stores them in the subclass's one volatile field. As kube-proxy's
 * proxiers share {@code syncProxyRules}' outline, the modes share this outline; the per-packet methods stay in
 * each subclass, reading its own field of its own table type, so {@code classify} gains no call and no cast.
 *
 * @param <T> the mode's {@code <Mode>Tables}
 * @param <C> the mode's {@code <Mode>Compiler}
 */
public abstract class PublishingDataPlane<T, C extends ModeCompiler<T>> implements DataPlane {
    /** The mode's compiler, for the subclass's control-path and trace methods. */
    protected final C compiler;

    /** A data plane whose syncs run {@code compiler}. */
    protected PublishingDataPlane(C compiler) {
        this.compiler = compiler;
    }

    @Override
    public final SyncStats sync(ClusterSnapshot cluster) {
        SyncStats stats = compiler.sync(cluster);
        publish(compiler.tables());
        return stats;
    }

    @Override
    public final SyncStats sync(ClusterSnapshot after, ChangeSet changes) {
        SyncStats stats = compiler.sync(after, changes);
        publish(compiler.tables());
        return stats;
    }

    /** Stores {@code tables} in the volatile field that classification reads: packets after this see them. */
    protected abstract void publish(T tables);
}
