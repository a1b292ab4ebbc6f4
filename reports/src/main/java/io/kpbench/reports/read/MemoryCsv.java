package io.kpbench.reports.read;

import java.util.List;
import java.util.Map;

/**
 * The rows of {@code memory.csv} that form its per-mode curves. Since issue 17 point 7 the file also holds typed
 * rows ({@code type} NodePort or LoadBalancer) and eBPF rows with Maglev ({@code selection=maglev}), which show
 * the BPF maps growing with frontends at one services count; a curve of retained heap against services takes the
 * ClusterIP rows of each mode's default selection only. Files written before those columns existed have no
 * {@code type} column, and all their rows are curve rows.
 */
public final class MemoryCsv {
    private MemoryCsv() {
    }

    /** The curve rows of {@code t}: ClusterIP services (or no {@code type} column), not the Maglev eBPF rows. */
    public static List<Map<String, String>> curveRows(CsvTable t) {
        return t.where(r -> {
            String type = r.getOrDefault("type", "");
            return (type.isEmpty() || type.equals("ClusterIP")) && !"maglev".equals(r.get("selection"));
        });
    }
}
