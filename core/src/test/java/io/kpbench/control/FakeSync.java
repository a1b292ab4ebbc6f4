package io.kpbench.control;

import io.kpbench.cluster.ChangeSet;
import io.kpbench.cluster.ClusterSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link SyncTarget} with a modelled cost, {@code fixed + perChange × events} ns, that records each sync's
 * batch size (-1 for a full sync); its packet checks are not observable.
 */
final class FakeSync implements SyncTarget {
    final long fixedNanos;
    final long perChangeNanos;
    final List<Integer> batchSizes = new ArrayList<>();

    FakeSync(long fixedNanos, long perChangeNanos) {
        this.fixedNanos = fixedNanos;
        this.perChangeNanos = perChangeNanos;
    }

    /** A sync of {@code millis} ms whatever it carries. */
    static FakeSync taking(long millis) {
        return new FakeSync(millis * 1_000_000L, 0);
    }

    @Override
    public long fullSync(ClusterSnapshot cluster) {
        batchSizes.add(-1);
        return fixedNanos;
    }

    @Override
    public long partialSync(ClusterSnapshot after, ChangeSet changes) {
        batchSizes.add(changes.changes().size());
        return fixedNanos + perChangeNanos * changes.changes().size();
    }

    @Override
    public boolean holds(Probe probe) {
        throw new UnsupportedOperationException("a fake data plane has no packets");
    }
}
