package io.kpbench.reports.read;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The paired measurements' CSVs ({@code ratios.csv}, {@code arms.csv}, {@code forks.csv}, written by
 * {@code PairedFirstPacketBenchmark} and its driver, and {@code scaling.csv}, {@code ThreadScaling}'s paired
 * windows of one and two threads): their exact columns, a strict check that names the line and
 * the field of the first defect (a truncated line, a number that is not one), and typed rows.
 *
 * <p>Unlike the experiment CSVs, these carry the report's headline, so a damaged one is a problem, not a note.
 * An interval is empty ({@code ci95Low} and {@code ci95High} both) when fewer than two forks gave the figure;
 * {@code stealPct} and {@code load1} are {@code NaN} where the host does not tell.
 */
public final class PairedCsv {
    /** The ratio file: one row per numerator/denominator pair, benchmark variant and parameters. */
    public static final String RATIOS = "ratios.csv";
    /** The arm file: one row per arm (mode, baseline, established), benchmark variant and parameters. */
    public static final String ARMS = "arms.csv";
    /** The fork file: one row per paired fork, with the probe gate's figures. */
    public static final String FORKS = "forks.csv";
    /** Two threads over one in paired windows: one row per mode ({@code ThreadScaling}). */
    public static final String SCALING = "scaling.csv";

    /** Each file's header, exactly, and which of its columns are numbers. */
    private static final Map<String, List<String>> HEADERS = Map.of(
            RATIOS, List.of("numerator", "denominator", "benchmark", "params", "forks", "median", "ci95Low",
                    "ci95High"),
            ARMS, List.of("benchmark", "params", "arm", "forks", "nsPerOp", "ci95Low", "ci95High"),
            FORKS, List.of("benchmark", "params", "fork", "pid", "started", "stealPct", "load1", "chaseNs",
                    "computeNs", "flagged", "floorNs", "slowed"),
            SCALING, List.of("mode", "services", "rounds", "windowMillis", "onePerUs", "twoPerUs", "scaling",
                    "ci95Low", "ci95High", "computeScaling", "computeLow", "computeHigh"));
    /** forks.csv as runs before the in-fork floor wrote it: no {@code floorNs} and {@code slowed}. */
    private static final List<String> FORKS_WITHOUT_FLOOR = HEADERS.get(FORKS).subList(0, 10);
    private static final Set<String> NUMERIC = Set.of("forks", "median", "ci95Low", "ci95High", "nsPerOp", "fork",
            "stealPct", "load1", "chaseNs", "computeNs", "floorNs", "services", "rounds", "windowMillis", "onePerUs",
            "twoPerUs", "scaling", "computeScaling", "computeLow", "computeHigh");
    /** Columns that may be empty: the driver's verdicts before it judged, and what the host did not tell. */
    private static final Set<String> MAY_BE_EMPTY = Set.of("flagged", "slowed", "floorNs", "pid", "started",
            "computeLow", "computeHigh");
    private static final Pattern SERVICES = Pattern.compile("(?:^|[^A-Za-z])services=(\\d+)");

    private PairedCsv() {
    }

    /** True for the four file names this class knows. */
    public static boolean known(String fileName) {
        return HEADERS.containsKey(fileName);
    }

    /**
     * The first defect of a paired CSV's lines, as {@code line 4: median: not a number ("x")}, or null when every
     * line is whole. Blank lines and {@code #} comments are skipped, as {@link CsvTable} does.
     */
    public static String check(String fileName, List<String> lines) {
        List<List<String>> headers = fileName.equals(FORKS) ? List.of(HEADERS.get(FORKS), FORKS_WITHOUT_FLOOR)
                : List.of(HEADERS.get(fileName));
        return StrictCsv.check(lines, headers, PairedCsv::cellDefect);
    }

    private static String cellDefect(String name, String v, String[] cells, int c) {
        if (name.equals("ci95High") && v.isEmpty() != cells[c - 1].trim().isEmpty()) {
            return v.isEmpty() ? "empty while ci95Low is given (truncated?)" : "given while ci95Low is empty";
        }
        if (v.isEmpty() && (name.equals("ci95Low") || name.equals("ci95High") || MAY_BE_EMPTY.contains(name))) {
            return null; // fewer than two forks (no interval), or a verdict or host figure not given
        }
        if (NUMERIC.contains(name) && !StrictCsv.number(v, true, Double.NEGATIVE_INFINITY)) {
            return "not a number (\"" + v + "\")";
        }
        if (name.equals("ci95High")) {
            String outside = outside(cells[c - 2].trim(), cells[c - 1].trim(), v);
            if (outside != null) {
                return outside;
            }
        }
        if ((name.equals("flagged") || name.equals("slowed")) && !v.equals("true") && !v.equals("false")) {
            return "not true or false (\"" + v + "\")";
        }
        return !NUMERIC.contains(name) && v.isEmpty() ? "empty" : null;
    }

    /**
     * Why an interval does not hold its figure (the column two before {@code ci95High} in every file that has one:
     * {@code median}, {@code nsPerOp}, {@code scaling}), or null when it does or a bound is not a number: a line cut
     * inside its last number ({@code 0.1361,0.} for {@code 0.1361,0.1507}) still parses, but not as an interval.
     */
    private static String outside(String centre, String low, String high) {
        try {
            double m = Double.parseDouble(centre);
            double lo = Double.parseDouble(low);
            double hi = Double.parseDouble(high);
            return lo <= m && m <= hi || Double.isNaN(m) || Double.isNaN(lo) || Double.isNaN(hi) ? null
                    : "the interval " + low + "-" + high + " does not hold the figure " + centre + " (truncated?)";
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The services count of a {@code params} cell ({@code services=30000}), or NaN. */
    public static double services(String params) {
        Matcher m = SERVICES.matcher(params == null ? "" : params);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    /**
     * One row of ratios.csv.
     *
     * @param numerator the numerator arm ({@code iptables})
     * @param denominator the denominator arm ({@code nftables}, {@code established})
     * @param benchmark {@code firstPacket.independent} or {@code firstPacket.dependent}
     * @param params the parameters ({@code services=30000})
     * @param forks the forks the ratio rests on
     * @param median the geometric mean over forks of each fork's median pair ratio
     * @param low the 95% interval's lower end
     * @param high the 95% interval's upper end
     */
    public record Ratio(String numerator, String denominator, String benchmark, String params, int forks,
            double median, double low, double high) {
        /** The services count, or NaN. */
        public double services() {
            return PairedCsv.services(params);
        }
    }

    /**
     * One row of arms.csv.
     *
     * @param benchmark the benchmark variant
     * @param params the parameters
     * @param arm the arm ({@code baseline}, a mode in lower case, {@code established})
     * @param forks the forks
     * @param nsPerOp the geometric mean over forks of each fork's median ns/op
     * @param low the 95% interval's lower end
     * @param high the 95% interval's upper end
     */
    public record Arm(String benchmark, String params, String arm, int forks, double nsPerOp, double low,
            double high) {
        /** The services count, or NaN. */
        public double services() {
            return PairedCsv.services(params);
        }
    }

    /**
     * One row of forks.csv: a paired fork and its probe gate.
     *
     * @param benchmark the benchmark
     * @param params the parameters
     * @param fork the fork's number
     * @param flagged true when a probe sat more than 15% from the session median; null when the driver has not
     *     judged the fork (the column is empty)
     * @param slowed true when the fork's harness floor sat more than 15% above the run's quiet floor; null when not
     *     judged or written before the column existed
     * @param chaseNs the fork's pointer-chase probe, ns per load (NaN when missing)
     * @param computeNs the fork's compute probe, ns per step (NaN when missing)
     */
    public record Fork(String benchmark, String params, int fork, Boolean flagged, Boolean slowed, double chaseNs,
            double computeNs) {
    }

    /** The rows of ratios.csv in file order; empty when the folder has none. */
    public static List<Ratio> ratios(ResultsFolder f) {
        List<Ratio> out = new ArrayList<>();
        for (Map<String, String> r : rows(f, RATIOS)) {
            out.add(new Ratio(lower(r.get("numerator")), lower(r.get("denominator")), r.get("benchmark"),
                    r.get("params"), (int) CsvTable.num(r, "forks"), CsvTable.num(r, "median"),
                    CsvTable.num(r, "ci95Low"), CsvTable.num(r, "ci95High")));
        }
        return out;
    }

    /** The rows of arms.csv in file order. */
    public static List<Arm> arms(ResultsFolder f) {
        List<Arm> out = new ArrayList<>();
        for (Map<String, String> r : rows(f, ARMS)) {
            out.add(new Arm(r.get("benchmark"), r.get("params"), lower(r.get("arm")), (int) CsvTable.num(r, "forks"),
                    CsvTable.num(r, "nsPerOp"), CsvTable.num(r, "ci95Low"), CsvTable.num(r, "ci95High")));
        }
        return out;
    }

    /** The rows of forks.csv in file order. */
    public static List<Fork> forks(ResultsFolder f) {
        List<Fork> out = new ArrayList<>();
        for (Map<String, String> r : rows(f, FORKS)) {
            out.add(new Fork(r.get("benchmark"), r.get("params"), (int) CsvTable.num(r, "fork"),
                    verdict(r.get("flagged")), verdict(r.get("slowed")), CsvTable.num(r, "chaseNs"),
                    CsvTable.num(r, "computeNs")));
        }
        return out;
    }

    /**
     * One row of scaling.csv: a mode's two-thread packet rate over its one-thread rate in paired windows.
     *
     * @param mode the mode, lower case
     * @param services the services of the cluster
     * @param rounds the rounds (a one-thread and a two-thread window each)
     * @param scaling the geometric mean over rounds of two-thread over one-thread packets
     * @param low the 95% interval's lower end (NaN with fewer than two rounds)
     * @param high the 95% interval's upper end
     * @param compute the compute probe's scaling in the same JVM just before (the machine's own)
     */
    public record Scaling(String mode, double services, int rounds, double scaling, double low, double high,
            double compute) {
    }

    /** The rows of scaling.csv in file order. */
    public static List<Scaling> scalings(ResultsFolder f) {
        List<Scaling> out = new ArrayList<>();
        for (Map<String, String> r : rows(f, SCALING)) {
            out.add(new Scaling(lower(r.get("mode")), CsvTable.num(r, "services"), (int) CsvTable.num(r, "rounds"),
                    CsvTable.num(r, "scaling"), CsvTable.num(r, "ci95Low"), CsvTable.num(r, "ci95High"),
                    CsvTable.num(r, "computeScaling")));
        }
        return out;
    }

    private static Boolean verdict(String cell) {
        return cell == null || cell.isEmpty() ? null : Boolean.valueOf(cell);
    }

    private static List<Map<String, String>> rows(ResultsFolder f, String name) {
        CsvTable t = f.table(name);
        boolean known = t != null && (t.header().equals(HEADERS.get(name))
                || name.equals(FORKS) && t.header().equals(FORKS_WITHOUT_FLOOR));
        return known ? t.maps() : List.of();
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
