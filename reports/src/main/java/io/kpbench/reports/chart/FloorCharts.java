package io.kpbench.reports.chart;

import io.kpbench.reports.read.JmhRecord;
import io.kpbench.reports.read.ResultsFolder;
import java.util.List;

/**
 * The hardware floor: one dependent load (a pointer chase over a random cyclic permutation of cache lines,
 * {@code MemoryFloorBenchmark.chase}) against the working set, from L1 to DRAM.
 */
public final class FloorCharts {
    /** The floor benchmark's short name. */
    public static final String FLOOR = "MemoryFloorBenchmark.chase";

    private FloorCharts() {
    }

    /** The chart: ns per dependent load vs working set bytes, log x. */
    static List<ChartSpec> floor(ResultsFolder f) {
        List<JmhRecord> recs = f.bench(FLOOR);
        if (recs.isEmpty()) {
            return List.of();
        }
        List<ChartSpec.Series> s = Build.lines(recs, r -> "pointer chase", r -> r.numParam("bytes"),
                JmhRecord::primary);
        return List.of(Build.xy("memory-floor", "Hardware floor: one dependent load vs working set",
                "working set (bytes)", "time per dependent load (" + Build.unit(recs) + ")", s, "A pointer chase "
                        + "over a random cyclic permutation of cache lines: each load waits for the previous one; "
                        + "error bars are JMH's 99.9% score error."));
    }
}
