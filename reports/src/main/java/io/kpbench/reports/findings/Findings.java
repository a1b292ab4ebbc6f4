package io.kpbench.reports.findings;

import io.kpbench.reports.read.JmhRecord;
import io.kpbench.reports.read.ResultsFolder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The summary of findings: sentences generated from the numbers of a run, each only when its data exists, so
 * that the report never states what the run did not measure.
 */
public final class Findings {
    private static final List<Function<ResultsFolder, Optional<String>>> RULES = List.of(
            DataPlaneFindings::iptablesVsNftables,
            DataPlaneFindings::firstPacketGrowth,
            DataPlaneFindings::rulesWalked,
            DataPlaneFindings::established,
            DataPlaneFindings::latencyTail,
            LbFindings::disruption,
            LbFindings::evenness,
            ScaleFindings::sync,
            ControlFindings::programmingLatency,
            ScaleFindings::memory,
            ScaleFindings::maglevFrontends,
            ScaleFindings::throughput,
            ScaleFindings::scaling,
            ScaleFindings::baselines,
            ScaleFindings::harness);

    private Findings() {
    }

    /** Every sentence the folder's data supports, in report order. */
    public static List<String> of(ResultsFolder f) {
        List<String> out = new ArrayList<>();
        for (Function<ResultsFolder, Optional<String>> r : RULES) {
            r.apply(f).ifPresent(out::add);
        }
        return out;
    }

    /** The record of {@code mode} among {@code recs}, or null. */
    static JmhRecord byMode(List<JmhRecord> recs, String mode) {
        return recs.stream().filter(r -> mode.equalsIgnoreCase(r.param("mode"))).findFirst().orElse(null);
    }

    /** A score with its unit: {@code 41.2 ns/op}. */
    static String withUnit(double v, String unit) {
        return Fmt.num(v) + " " + unit;
    }
}
