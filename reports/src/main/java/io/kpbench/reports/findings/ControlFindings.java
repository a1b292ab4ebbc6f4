package io.kpbench.reports.findings;

import io.kpbench.reports.read.ProgrammingLatencyCsv;
import io.kpbench.reports.read.ResultsFolder;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The sentence of the control plane under churn (issue 16): at the largest services count and highest change rate
 * of {@code programming-latency.csv}, each mode's p99 network programming latency in order, and which modes fell
 * behind where the file says so.
 */
public final class ControlFindings {
    private ControlFindings() {
    }

    /** The sentence, or empty when the folder has no {@code programming-latency.csv} rows. */
    public static Optional<String> programmingLatency(ResultsFolder f) {
        List<ProgrammingLatencyCsv.Row> rows = ProgrammingLatencyCsv.atDefaultMinSync(f);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        double services = rows.stream().mapToDouble(ProgrammingLatencyCsv.Row::services).max().orElseThrow();
        double rate = rows.stream().filter(r -> r.services() == services)
                .mapToDouble(ProgrammingLatencyCsv.Row::changesPerSecond).max().orElseThrow();
        List<ProgrammingLatencyCsv.Row> at = rows.stream()
                .filter(r -> r.services() == services && r.changesPerSecond() == rate && Double.isFinite(r.p99Ms()))
                .sorted(Comparator.comparingDouble(ProgrammingLatencyCsv.Row::p99Ms)).toList();
        if (at.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder("Network programming latency at " + Fmt.count(services)
                + " services and " + Fmt.num(rate) + " changes/s (minSyncPeriod " + Fmt.count(at.get(0)
                .minSyncPeriodMs()) + " ms), p99: ");
        for (int i = 0; i < at.size(); i++) {
            ProgrammingLatencyCsv.Row r = at.get(i);
            if (i > 0) {
                sb.append(r.p99Ms() == at.get(i - 1).p99Ms() ? " = " : " < ");
            }
            sb.append(Fmt.mode(r.mode())).append(' ').append(Fmt.num(r.p99Ms())).append(" ms");
        }
        sb.append(at.size() > 1 ? "; the ordering is measured (programming-latency.csv), not assumed." : ".");
        sb.append(behind(at));
        return Optional.of(sb.toString());
    }

    private static String behind(List<ProgrammingLatencyCsv.Row> at) {
        if (at.stream().allMatch(r -> r.fellBehind() != null)) {
            List<String> fell = at.stream().filter(ProgrammingLatencyCsv.Row::fellBehind)
                    .map(r -> Fmt.mode(r.mode())).toList();
            return fell.isEmpty() ? " Every mode kept up with the changes." : " " + String.join(", ", fell)
                    + (fell.size() == 1 ? " fell" : " all fell") + " behind: syncs back to back, latency growing "
                    + "with the run length, so " + (fell.size() == 1 ? "its" : "their")
                    + " p99 holds for the measured window only (the open-loop lesson, applied to the control plane).";
        }
        List<String> busy = at.stream().filter(r -> r.syncCpuShare() > 0.5)
                .map(r -> Fmt.mode(r.mode()) + " " + Fmt.pct(r.syncCpuShare())).toList();
        return " The file does not record which modes fell behind (the experiment's console line does)"
                + (busy.isEmpty() ? "; no mode synced more than half the time." : "; syncing took more than half "
                        + "of one core, one of its two conditions for falling behind, in " + String.join(", ", busy)
                        + ".");
    }
}
