package io.kpbench.reports.chart;

import io.kpbench.reports.read.ProgrammingLatencyCsv;
import io.kpbench.reports.read.ResultsFolder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * The control plane under churn (issue 16), from {@code programming-latency.csv}: p99 network programming latency
 * against change rate, one line per mode and one panel per services count, and the share of one core that
 * syncing uses against change rate. Rows at kube-proxy's default {@code minSyncPeriod} (1 s) where the run has it.
 */
final class ControlCharts {
    private ControlCharts() {
    }

    /** One panel per services count: p99 programming latency vs change rate (log x), a line per mode. */
    static List<ChartSpec> latency(ResultsFolder f) {
        List<ProgrammingLatencyCsv.Row> rows = ProgrammingLatencyCsv.atDefaultMinSync(f);
        List<ChartSpec> out = new ArrayList<>();
        for (double services : new TreeSet<>(rows.stream().map(ProgrammingLatencyCsv.Row::services).toList())) {
            List<ProgrammingLatencyCsv.Row> at = rows.stream().filter(r -> r.services() == services).toList();
            List<ChartSpec.Series> s = lines(at, ProgrammingLatencyCsv.Row::p99Ms, "");
            out.add(logX("programming-latency-" + Math.round(services) + "svc", "p99 network programming latency "
                    + "vs change rate, " + Build.n(services) + " services", "p99 programming latency (ms)", s,
                    "From a change's arrival to the end of the sync that carried it, kube-proxy's loop on a virtual "
                    + "clock at minSyncPeriod " + Build.n(at.get(0).minSyncPeriodMs()) + " ms; "
                    + Build.n(services) + " services of 10 endpoints; lower is better." + behind(at)));
        }
        return out;
    }

    /** Sync CPU share vs change rate, a line per mode; the largest services count solid, smaller ones dashed. */
    static List<ChartSpec> cpuShare(ResultsFolder f) {
        List<ProgrammingLatencyCsv.Row> rows = ProgrammingLatencyCsv.atDefaultMinSync(f);
        if (rows.isEmpty()) {
            return List.of();
        }
        TreeSet<Double> counts = new TreeSet<>(Comparator.reverseOrder());
        rows.forEach(r -> counts.add(r.services()));
        List<ChartSpec.Series> s = new ArrayList<>();
        for (double services : counts) {
            List<ProgrammingLatencyCsv.Row> at = rows.stream().filter(r -> r.services() == services).toList();
            s.addAll(Build.variant(lines(at, r -> r.syncCpuShare() * 100, ""), " " + Build.n(services) + " svc",
                    services != counts.first()));
        }
        return List.of(logX("sync-cpu-share", "Sync CPU share vs change rate", "share of one core syncing (%)", s,
                "Total sync time over simulated time at minSyncPeriod " + Build.n(rows.get(0).minSyncPeriodMs())
                        + " ms; solid: " + Build.n(counts.first()) + " services, dashed: fewer. Near 100% the "
                        + "syncs run back to back and the mode cannot keep up."));
    }

    private static List<ChartSpec.Series> lines(List<ProgrammingLatencyCsv.Row> rows,
            ToDoubleFunction<ProgrammingLatencyCsv.Row> y, String suffix) {
        Map<String, List<ChartSpec.Point>> m = new TreeMap<>(Build.KEY_ORDER);
        for (ProgrammingLatencyCsv.Row r : rows) {
            double yv = y.applyAsDouble(r);
            if (Double.isFinite(yv) && r.changesPerSecond() > 0) {
                m.computeIfAbsent(r.mode(), k -> new ArrayList<>()).add(new ChartSpec.Point(r.changesPerSecond(),
                        yv, 0));
            }
        }
        List<ChartSpec.Series> out = new ArrayList<>();
        m.forEach((k, pts) -> {
            pts.sort(Comparator.comparingDouble(ChartSpec.Point::x));
            out.add(new ChartSpec.Series(k + suffix, Palette.of(k), false, List.copyOf(pts)));
        });
        return out;
    }

    /** An XY chart over change rate: x always logarithmic (rates step by decades), y where the data spans one. */
    private static ChartSpec logX(String id, String title, String yTitle, List<ChartSpec.Series> series,
            String caption) {
        ChartSpec auto = Build.xy(id, title, "change rate (changes/s)", yTitle, series, caption);
        return new ChartSpec(auto.id(), auto.title(), auto.kind(), auto.xTitle(), auto.yTitle(), true, auto.yLog(),
                false, List.of(), auto.series(), auto.caption(), auto.xFormat());
    }

    private static String behind(List<ProgrammingLatencyCsv.Row> at) {
        List<String> modes = at.stream().filter(r -> Boolean.TRUE.equals(r.fellBehind()))
                .map(r -> r.mode() + " at " + Build.n(r.changesPerSecond()) + "/s").distinct().toList();
        return modes.isEmpty() ? "" : " Fell behind (latency grows with the run length, so these points hold for "
                + "the measured window only): " + String.join(", ", modes) + ".";
    }
}
