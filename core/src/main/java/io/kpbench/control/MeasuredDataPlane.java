package io.kpbench.control;

import io.kpbench.cluster.ChangeSet;
import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.proxy.DataPlane;

/**
 * A mode's real data plane as a {@link SyncTarget}: each sync's cost is the wall time of the mode's own
 * {@link DataPlane#sync} of that batch in this process ({@link System#nanoTime} around the call, GC pauses
 * included), i.e. the model's compile into its tables, not a kernel's restore.
 */
public final class MeasuredDataPlane implements SyncTarget {
    private final DataPlane dp;

    /** Wraps {@code dp}, which must already hold the state the loop starts from. */
    public MeasuredDataPlane(DataPlane dp) {
        this.dp = dp;
    }

    @Override
    public long fullSync(ClusterSnapshot cluster) {
        long t0 = System.nanoTime();
        dp.sync(cluster);
        return System.nanoTime() - t0;
    }

    @Override
    public long partialSync(ClusterSnapshot after, ChangeSet changes) {
        long t0 = System.nanoTime();
        dp.sync(after, changes);
        return System.nanoTime() - t0;
    }

    @Override
    public boolean holds(Probe probe) {
        return probe.holds(dp);
    }
}
