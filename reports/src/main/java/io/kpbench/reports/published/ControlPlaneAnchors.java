package io.kpbench.reports.published;

import io.kpbench.reports.Table;
import java.util.List;

/**
 * The published control-plane anchors of issue 16: sync and programming times that kube-proxy users reported on
 * real clusters, each with its setup. They are beside the measured curves for scale only: published, not measured
 * here, and not comparable cell for cell (real kernels, real clusters, other versions).
 */
public final class ControlPlaneAnchors {
    /** The section's heading in both reports. */
    public static final String TITLE = "Control plane under churn";
    /** What the anchors are, said once above the table. */
    public static final String NOTE = "Published, not measured here: sync times reported on real clusters, each with "
            + "its setup, for scale beside the measured curves; the model's syncs compile into its tables in the "
            + "JVM, not into a kernel.";

    private ControlPlaneAnchors() {
    }

    /** The anchors as a table: source, mode, setup, published time, status. */
    public static Table table() {
        String status = "published, not measured here";
        return new Table("Published control-plane anchors", List.of("source", "mode", "setup", "published", "status"),
                List.of(
                        List.of("kubernetes/kubernetes#96018", "iptables", "one iptables-restore of 695,992 lines",
                                "12.8 s", status),
                        List.of("kubernetes/kubernetes#138073", "iptables", "partial sync at 3,595 services and "
                                + "138,792 endpoints", "2.84 s", status),
                        List.of("kubernetes/kubernetes#139513", "nftables", "full sync at 44,125 services", "16 min",
                                status),
                        List.of("kubernetes/kubernetes PR #126013", "nftables", "adding one service at 10k services, "
                                + "before and after the PR", "about 8 min → 141 ms", status)),
                List.of(false, false, false, false, false));
    }
}
