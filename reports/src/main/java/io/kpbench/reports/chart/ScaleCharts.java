package io.kpbench.reports.chart;

import io.kpbench.reports.read.CsvTable;
import io.kpbench.reports.read.MemoryCsv;
import io.kpbench.reports.read.JmhRecord;
import io.kpbench.reports.read.ResultsFolder;
import io.kpbench.reports.read.Score;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Charts 6–8 of the report: throughput against threads and under churn, sync time, memory. */
final class ScaleCharts {
    private ScaleCharts() {
    }

    /** Chart 6a: classify throughput vs threads, per mode, at the largest service count. */
    static List<ChartSpec> throughputVsThreads(ResultsFolder f) {
        List<JmhRecord> all = f.bench("ThroughputBenchmark.classify");
        if (all.isEmpty()) {
            return List.of();
        }
        double services = Build.max(all, "services");
        List<JmhRecord> recs = all.stream()
                .filter(r -> Double.isNaN(services) || r.numParam("services") == services).toList();
        return List.of(Build.xy("throughput-threads", "Classify throughput vs threads", "threads (count)",
                "throughput (" + Build.unit(recs) + ")",
                Build.lines(recs, r -> r.param("mode"), JmhRecord::threads, JmhRecord::primary),
                "At " + Build.n(services) + " services; higher is better."));
    }

    /** Chart 6b: classify throughput while a writer rolls endpoints (the @Group "churn"), per mode. */
    static List<ChartSpec> churn(ResultsFolder f) {
        List<JmhRecord> all = f.bench("ChurnBenchmark.churn");
        if (all.isEmpty()) {
            return List.of();
        }
        double services = Build.max(all, "services");
        List<String> cats = List.of("classify", "rollingUpdate");
        Map<String, Map<String, Score>> m = Build.barMap();
        String unit = Build.unit(all);
        for (JmhRecord r : all) {
            if (Double.isNaN(services) || r.numParam("services") == services) {
                Map<String, Score> c = m.computeIfAbsent(String.valueOf(r.param("mode")), k -> new HashMap<>());
                for (String method : cats) {
                    if (r.secondary(method) != null) {
                        c.put(method, r.secondary(method));
                        unit = r.secondary(method).unit();
                    }
                }
            }
        }
        return List.of(Build.bars("throughput-churn", "Throughput under control-plane churn", "thread group",
                "throughput (" + unit + ")", cats, Build.barSeries(m, cats), "Readers classify while a writer "
                        + "applies rolling updates, at " + Build.n(services) + " services; the reader's and the "
                        + "writer's figures apart, never their average; higher is better."));
    }

    /** Chart 7: full and partial sync time vs services, per mode (partial dashed). */
    static List<ChartSpec> sync(ResultsFolder f) {
        List<JmhRecord> full = f.bench("SyncBenchmark.fullSync");
        List<JmhRecord> partial = f.bench("SyncBenchmark.partialSync");
        if (full.isEmpty() && partial.isEmpty()) {
            return List.of();
        }
        List<ChartSpec.Series> s = new ArrayList<>();
        s.addAll(Build.variant(Build.lines(full, r -> r.param("mode"), r -> r.numParam("services"),
                JmhRecord::primary), " full", false));
        s.addAll(Build.variant(Build.lines(partial, r -> r.param("mode"), r -> r.numParam("services"),
                JmhRecord::primary), " partial", true));
        String unit = Build.unit(full.isEmpty() ? partial : full);
        return List.of(Build.xy("sync", "Full and partial sync time vs services", "services (count)",
                "time per sync (" + unit + ")", s, "Solid: full sync of every rule; dashed: partial sync after one "
                        + "endpoint change." + (full.stream().anyMatch(r -> "ss".equals(r.mode()))
                        ? " Single-shot time per sync; the GC time per sync (gcMs) is beside each figure in the "
                        + "SyncBenchmark tables and the findings." : "")));
    }

    /** Chart 8: retained memory per mode vs services, from memory.csv. */
    static List<ChartSpec> memory(ResultsFolder f) {
        CsvTable t = f.table("memory.csv");
        if (t == null || t.column("retainedBytes") < 0) {
            return List.of();
        }
        List<ChartSpec.Series> s = csvLines(MemoryCsv.curveRows(t), "mode", "services", "retainedBytes",
                1.0 / (1 << 20));
        return s.isEmpty() ? List.of() : List.of(Build.xy("memory", "Retained memory per mode vs services",
                "services (count)", "retained heap (MiB)", s, "Retained heap of the compiled tables (JOL graph "
                        + "walk); see memory.csv for bytes per service and per endpoint."));
    }

    /** One line per key from CSV rows, y scaled by {@code scale}. */
    static List<ChartSpec.Series> csvLines(List<Map<String, String>> rows, String key, String x, String y,
            double scale) {
        Map<String, List<ChartSpec.Point>> m = new java.util.TreeMap<>(Build.KEY_ORDER);
        for (Map<String, String> r : rows) {
            double xv = CsvTable.num(r, x);
            double yv = CsvTable.num(r, y) * scale;
            if (Double.isFinite(xv) && Double.isFinite(yv)) {
                m.computeIfAbsent(r.getOrDefault(key, ""), k -> new ArrayList<>()).add(new ChartSpec.Point(xv, yv, 0));
            }
        }
        List<ChartSpec.Series> out = new ArrayList<>();
        m.forEach((k, pts) -> {
            pts.sort(Comparator.comparingDouble(ChartSpec.Point::x));
            out.add(new ChartSpec.Series(k, Palette.of(k), false, List.copyOf(pts)));
        });
        return out;
    }
}
