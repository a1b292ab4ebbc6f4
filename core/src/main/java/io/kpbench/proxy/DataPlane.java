package io.kpbench.proxy;

import io.kpbench.cluster.ChangeSet;
import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.net.FiveTuple;

/**
 * One proxier of one IP family on one node: the seam between the harness and every proxy mode.
 *
 * <p>The control plane ({@link #sync}) compiles immutable specs into array-backed tables; the data plane
 * ({@link #classify}) only looks up. Sync is single-threaded; classify may run on many threads at once, takes
 * no lock, and tolerates racy last-writer-wins updates of session-affinity state, as the kernel does.
 */
public interface DataPlane {
    /** Replaces all state with what {@code cluster} needs (a full sync). */
    SyncStats sync(ClusterSnapshot cluster);

    /** Applies {@code changes}, after which the cluster is {@code after} (an incremental sync). */
    SyncStats sync(ClusterSnapshot after, ChangeSet changes);

    /**
     * Classifies a NEW packet; allocation-free.
     *
     * @param packet the packet's 5-tuple
     * @param nowNanos the caller's clock (session-affinity timeouts)
     * @param random a uniformly random 64-bit value for this packet (endpoint choice)
     * @return a {@link Classification}-packed verdict, masquerade bit, work count and endpoint id
     */
    long classify(FiveTuple packet, long nowNanos, long random);

    /** Explains a NEW packet, following every probabilistic branch. */
    Explanation explain(FiveTuple packet);

    /** The {@code ip:port} text of endpoint id {@code id} from a classification. */
    String endpoint(int id);

    /** The ruleset as the mode's own tool would show it (iptables-save, nft list, ipvsadm -Ln, bpftool). */
    String render();
}
