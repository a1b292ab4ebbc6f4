package io.kpbench.bench;

import io.kpbench.cluster.ChangeSet;
import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.net.FiveTuple;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.DataPlane;
import io.kpbench.proxy.Explanation;
import io.kpbench.proxy.SyncStats;

/**
 * The harness floor: a data plane that looks nothing up. {@link #classify} reads the packet's destination port
 * and returns it as a DNAT to that endpoint id, so the packet load cannot be dropped as dead code and the result
 * feeds the dependent variant's next index exactly as a real classification does.
 *
 * <p>Driven through the same packet path as every mode (cursor, clock, packet load, random value, result), its
 * ns/op is what the harness itself costs per packet; a mode's figure minus this one is the mode's own cost.
 */
final class NoopDataPlane implements DataPlane {
    private static final SyncStats NOTHING = new SyncStats(true, 0, 0, 0, 0);

    @Override
    public SyncStats sync(ClusterSnapshot cluster) {
        return NOTHING;
    }

    @Override
    public SyncStats sync(ClusterSnapshot after, ChangeSet changes) {
        return NOTHING;
    }

    @Override
    public long classify(FiveTuple packet, long nowNanos, long random) {
        return Classification.dnat(packet.dstPort(), false);
    }

    @Override
    public Explanation explain(FiveTuple packet) {
        throw new UnsupportedOperationException("the harness floor explains nothing");
    }

    @Override
    public String endpoint(int id) {
        return "port " + id;
    }

    @Override
    public String render() {
        return "";
    }
}
