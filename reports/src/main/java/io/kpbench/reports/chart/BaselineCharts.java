package io.kpbench.reports.chart;

import io.kpbench.reports.read.JmhRecord;
import io.kpbench.reports.read.ResultsFolder;
import java.util.List;

/** Chart 10 of the report: kpbench's own tables against the HashMap, Agrona and JCTools baselines. */
final class BaselineCharts {
    private BaselineCharts() {
    }

    static List<ChartSpec> serviceLookup(ResultsFolder f) {
        List<JmhRecord> recs = f.bench("ServiceLookupBenchmark.lookup");
        if (recs.isEmpty()) {
            return List.of();
        }
        return List.of(Build.xy("baseline-service", "Service table lookup: kpbench vs baselines",
                "services (count)", "time per lookup (" + Build.unit(recs) + ")",
                Build.lines(recs, r -> r.param("impl"), r -> r.numParam("services"), JmhRecord::primary),
                "The same keys and lookups against each map; lower is better."));
    }

    static List<ChartSpec> conntrackLookup(ResultsFolder f) {
        List<JmhRecord> recs = f.bench("ConntrackLookupBenchmark.lookup");
        if (recs.isEmpty()) {
            return List.of();
        }
        return List.of(Build.xy("baseline-conntrack", "Conntrack lookup: kpbench vs ConcurrentHashMap",
                "tracked flows (count)", "time per lookup (" + Build.unit(recs) + ")",
                Build.lines(recs, r -> r.param("impl"), r -> r.numParam("flows"), JmhRecord::primary),
                "The same 5-tuples against each table; lower is better."));
    }
}
