package io.kpbench.cli;

import io.kpbench.cluster.ClusterSummary;
import io.kpbench.cluster.manifest.LoadResult;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders a {@link ClusterSummary} as the human text of {@code kpbench validate}. */
final class SummaryText {
    private SummaryText() {
    }

    static String render(ClusterSummary s, LoadResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("services:   ").append(s.services()).append("  (").append(join(s.servicesByType())).append(")\n");
        sb.append("ports:      ").append(s.portsByProtocol().values().stream().mapToInt(Integer::intValue).sum())
                .append("  (").append(join(s.portsByProtocol())).append("), node ports ").append(s.nodePorts())
                .append('\n');
        sb.append("slices:     ").append(r.snapshot().slices().size()).append("  (").append(join(s.slicesByFamily()))
                .append(")\n");
        Map<String, Integer> e = s.endpointsByCondition();
        sb.append("endpoints:  ").append(e.get("total")).append("  (ready ").append(e.get("ready"))
                .append(", serving ").append(e.get("serving")).append(", terminating ").append(e.get("terminating"))
                .append(", serving+terminating ").append(e.get("servingTerminating")).append(", not ready ")
                .append(e.get("notReady")).append(")\n");
        sb.append("nodes:      ").append(r.snapshot().nodes().size()).append("  (zones: ")
                .append(join(s.nodesByZone())).append(")\n");
        if (!r.skippedByKind().isEmpty()) {
            sb.append("skipped:    ").append(join(new java.util.TreeMap<>(r.skippedByKind()))).append('\n');
        }
        sb.append("warnings:   ").append(r.warnings().size()).append('\n');
        for (String w : r.warnings()) {
            sb.append("  warning: ").append(w).append('\n');
        }
        return sb.toString();
    }

    private static String join(Map<String, Integer> m) {
        if (m.isEmpty()) {
            return "none";
        }
        return m.entrySet().stream().map(x -> x.getKey() + " " + x.getValue()).collect(Collectors.joining(", "));
    }
}
