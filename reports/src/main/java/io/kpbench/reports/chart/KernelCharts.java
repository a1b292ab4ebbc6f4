package io.kpbench.reports.chart;

import io.kpbench.reports.read.CsvTable;
import io.kpbench.reports.read.ResultsFolder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The kernel lab's charts, from kernel-lab.csv: the kernel's added first-packet latency beside the model's. */
final class KernelCharts {
    private KernelCharts() {
    }

    /** Kernel (solid) against model (dashed): first-packet cost vs services, target last in KUBE-SERVICES. */
    static List<ChartSpec> kernelVsModel(ResultsFolder f) {
        List<Map<String, String>> last = rows(f, "last");
        if (last.isEmpty()) {
            return List.of();
        }
        List<ChartSpec.Series> s = new ArrayList<>();
        s.addAll(Build.variant(ScaleCharts.csvLines(last, "backend", "services", "addedP50Us", 1.0), " kernel",
                false));
        s.addAll(Build.variant(ScaleCharts.csvLines(last, "backend", "services", "modelNsPerClassify", 1e-3),
                " model", true));
        return List.of(Build.xy("kernel-vs-model", "Kernel vs model: first-packet cost vs services",
                "services (count)", "added first-packet latency p50 (us)", s, "Solid: the real kernel's TCP connect "
                        + "p50 through the node namespace minus the empty-ruleset baseline; dashed: the model's "
                        + "classify time for the same packet. Target service last in KUBE-SERVICES."));
    }

    /** Full-load time vs services per back end, from the same run. */
    static List<ChartSpec> programming(ResultsFolder f) {
        List<Map<String, String>> first = rows(f, "first");
        if (first.isEmpty()) {
            return List.of();
        }
        return List.of(Build.xy("kernel-programming", "Kernel programming time vs services", "services (count)",
                "full load (ms)", ScaleCharts.csvLines(first, "backend", "services", "loadMs", 1.0),
                "iptables-restore / nft -f of the whole ruleset into an empty node namespace; partial updates "
                        + "are in kernel-lab.csv (partialMs)."));
    }

    private static List<Map<String, String>> rows(ResultsFolder f, String position) {
        CsvTable t = f.table("kernel-lab.csv");
        if (t == null || t.column("addedP50Us") < 0) {
            return List.of();
        }
        return t.where(r -> position.equals(r.get("position")));
    }
}
