package io.kpbench.reports.chart;

import io.kpbench.reports.read.JmhRecord;
import io.kpbench.reports.read.ResultsFolder;
import java.util.List;

/** Chart 10 of the report: kpbench's own tables against the HashMap, Agrona and JCTools baselines. */
final class BaselineCharts {
    private BaselineCharts() {
    }

    static List<ChartSpec> serviceLookup(ResultsFolder f) {
        return lookup(f, "ServiceLookupBenchmark.lookup", "baseline-service",
                "Service table lookup: kpbench vs baselines", "services (count)", "services",
                "The same keys and lookups against each map; lower is better.");
    }

    static List<ChartSpec> conntrackLookup(ResultsFolder f) {
        return lookup(f, "ConntrackLookupBenchmark.lookup", "baseline-conntrack",
                "Conntrack lookup: kpbench vs ConcurrentHashMap", "tracked flows (count)", "flows",
                "The same 5-tuples against each table; lower is better.");
    }

    /** One line per {@code impl}: time per lookup against the size parameter {@code xParam}; none without data. */
    private static List<ChartSpec> lookup(ResultsFolder f, String bench, String id, String title, String xLabel,
            String xParam, String note) {
        List<JmhRecord> recs = f.bench(bench);
        if (recs.isEmpty()) {
            return List.of();
        }
        return List.of(Build.xy(id, title, xLabel, "time per lookup (" + Build.unit(recs) + ")",
                Build.lines(recs, r -> r.param("impl"), r -> r.numParam(xParam), JmhRecord::primary), note));
    }
}
