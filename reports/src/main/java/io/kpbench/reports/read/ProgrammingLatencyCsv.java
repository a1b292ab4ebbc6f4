package io.kpbench.reports.read;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code programming-latency.csv}, written by the benchmarks module's {@code ProgrammingLatency} experiment (issue
 * 16): per mode, services count, change rate and {@code minSyncPeriod}, the network programming latency under a
 * seeded change stream (from a change's arrival to the end of the kube-proxy sync that carried it, on a virtual
 * clock after {@code pkg/proxy/runner}'s {@code BoundedFrequencyRunner}) and the share of one core that syncing
 * used. Its exact columns, a strict check naming the line and field of the first defect, and typed rows.
 *
 * <p>The file does not say which cells fell behind (the experiment's console line does); a later writer may add
 * a {@code fellBehind} column of {@code true}/{@code false}, which is read when present.
 */
public final class ProgrammingLatencyCsv {
    /** The file name. */
    public static final String NAME = "programming-latency.csv";
    /** The columns, exactly, in order; all but {@code mode} are numbers. */
    public static final List<String> HEADER = List.of("mode", "services", "changesPerSecond", "minSyncPeriodMs",
            "p50Ms", "p99Ms", "maxMs", "syncsPerSecond", "syncCpuShare");
    /** The optional last column: the experiment's verdict that the cell's syncs fell behind the changes. */
    public static final String FELL_BEHIND = "fellBehind";
    /** kube-proxy's default {@code minSyncPeriod}, in ms. */
    public static final double DEFAULT_MIN_SYNC_MS = 1000;

    private ProgrammingLatencyCsv() {
    }

    /**
     * One row.
     *
     * @param mode the proxy mode, as written ({@code nftables})
     * @param services the services count at the start of the run
     * @param changesPerSecond the change rate
     * @param minSyncPeriodMs kube-proxy's {@code minSyncPeriod}
     * @param p50Ms the median programming latency, ms
     * @param p99Ms the 99th percentile, ms
     * @param maxMs the largest, ms
     * @param syncsPerSecond syncs per simulated second
     * @param syncCpuShare total sync time over simulated time (the share of one core)
     * @param fellBehind true or false when the file says so, null when it does not
     */
    public record Row(String mode, double services, double changesPerSecond, double minSyncPeriodMs, double p50Ms,
            double p99Ms, double maxMs, double syncsPerSecond, double syncCpuShare, Boolean fellBehind) {
    }

    /**
     * The first defect of the file's lines, as {@code line 4: p99Ms: not a number ("x")}, or null when every line
     * is whole. Blank lines and {@code #} comments are skipped, as {@link CsvTable} does.
     */
    public static String check(List<String> lines) {
        List<String> withVerdict = new ArrayList<>(HEADER);
        withVerdict.add(FELL_BEHIND);
        return StrictCsv.check(lines, List.of(HEADER, withVerdict), (name, v, cells, c) -> {
            if (v.isEmpty()) {
                return "empty";
            }
            if (name.equals(FELL_BEHIND)) {
                return v.equals("true") || v.equals("false") ? null : "not true or false (\"" + v + "\")";
            }
            return c > 0 && !StrictCsv.number(v, false, 0) ? "not a number (\"" + v + "\")" : null;
        });
    }

    /** The rows of the folder's file in file order; empty when it has none (a run before issue 16). */
    public static List<Row> rows(ResultsFolder f) {
        CsvTable t = f.table(NAME);
        if (t == null || !t.header().subList(0, Math.min(t.header().size(), HEADER.size())).equals(HEADER)) {
            return List.of();
        }
        List<Row> out = new ArrayList<>();
        for (Map<String, String> r : t.maps()) {
            String verdict = r.getOrDefault(FELL_BEHIND, "");
            out.add(new Row(r.get("mode").toLowerCase(Locale.ROOT), CsvTable.num(r, "services"),
                    CsvTable.num(r, "changesPerSecond"), CsvTable.num(r, "minSyncPeriodMs"), CsvTable.num(r, "p50Ms"),
                    CsvTable.num(r, "p99Ms"), CsvTable.num(r, "maxMs"), CsvTable.num(r, "syncsPerSecond"),
                    CsvTable.num(r, "syncCpuShare"), verdict.isEmpty() ? null : Boolean.valueOf(verdict)));
        }
        return out;
    }

    /**
     * The rows at one {@code minSyncPeriod}: kube-proxy's default (1 s) where the file has it, else the smallest
     * the file has; empty when the file has no rows.
     */
    public static List<Row> atDefaultMinSync(ResultsFolder f) {
        List<Row> all = rows(f);
        double ms = all.stream().anyMatch(r -> r.minSyncPeriodMs() == DEFAULT_MIN_SYNC_MS) ? DEFAULT_MIN_SYNC_MS
                : all.stream().mapToDouble(Row::minSyncPeriodMs).min().orElse(Double.NaN);
        return all.stream().filter(r -> r.minSyncPeriodMs() == ms)
                .sorted(Comparator.comparingDouble(Row::services).thenComparingDouble(Row::changesPerSecond))
                .toList();
    }
}
