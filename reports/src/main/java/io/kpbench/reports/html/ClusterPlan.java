package io.kpbench.reports.html;

import io.kpbench.common.UserError;
import io.kpbench.reports.read.ResultsFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The section of a run on a given cluster ({@code -Dbench.cluster}): its limits and headroom per mode, the
 * {@code kpbench plan} table the benchmark driver writes to {@code plan.txt} (core {@code io.kpbench.plan}: each
 * limit names its source, the kernel doc, kube-proxy flag or Cilium doc).
 */
final class ClusterPlan {
    /** The section's title. */
    static final String TITLE = "Limits and headroom of this cluster";
    /** What the table is. */
    static final String NOTE = "kpbench plan of the run's cluster (4 cores, no connection rate): per mode, each "
            + "limit's value in use, the limit, the headroom and the first limit hit at each growth factor, with "
            + "its source.";

    private ClusterPlan() {
    }

    /** The table's text, when the folder has {@code plan.txt}. */
    static Optional<String> text(ResultsFolder f) {
        Path plan = f.dir().resolve("plan.txt");
        if (!Files.isRegularFile(plan)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(plan, StandardCharsets.UTF_8).stripTrailing());
        } catch (IOException e) {
            throw new UserError(plan + ": cannot read: " + e.getMessage(), e);
        }
    }
}
