package io.kpbench.bench;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The gate every paired fork passes before it measures (issue 13, point 3): the host's state at the fork's start,
 * recorded as a row of {@code forks.csv}, and after the run the forks whose host differed from the session's
 * flagged. A fork runs two 0.5 s probes: a dependent {@link PointerChase} over 16 MiB (ns per load: moves with
 * contention for the shared L3 and DRAM, the drift that moves the memory-bound modes), and a dependent integer
 * multiply-xorshift chain (ns per step: moves with the core's clock and with a co-scheduled sibling), and samples
 * the host's steal time over the probes ({@code /proc/stat}, {@code proc(5)}) and its 1-minute load
 * ({@code /proc/loadavg}). A fork whose chase or compute probe lies more than {@value #TOLERANCE_PERCENT}% from the
 * session median of that probe is flagged; the report shows how many were.
 *
 * <p>The probes run before the fork measures, so they miss a host that turns busy during it. The fork's own
 * harness floor, the {@code baseline} arm of {@link PairedFirstPacketBenchmark} (a fixed amount of work, measured
 * in every round between the modes), sees the whole fork: {@link #flag(Path, Map)} records each fork's floor and
 * marks the fork {@code slowed} when it lies more than {@value #TOLERANCE_PERCENT}% above the quiet floor of its
 * {@code (benchmark, params)}: the value that a tenth of its forks reach ({@link #quietFloor}). On this kind of
 * shared 2-vCPU guest the floor of a slowed fork about doubles (5 ns to 9-10 ns), and the cheap arms (the
 * established packet, eBPF) slow more than the memory-bound nftables arm, so per-fork ratios over them spread. The
 * slowed forks' own probes were often as fast as the other forks' (compute 1.76 against 1.75 ns, chase 141 against
 * 141 ns at a1689b1), which earlier notes read as a per-JVM state; measured on 2026-12-06 it is the host: the core's
 * speed changes in spells of 0.1 s to minutes (a plain load/store loop reads 2.0 or 3.3 ns an op; in forks of ten
 * rounds the floor moves between 1x and 2x from one iteration to the next), which the gate's half-second probes
 * before the fork catch only by chance. The report makes this comparison for every run. Slowed forks stay in every
 * figure, and their spread is part of the intervals.
 *
 * <p>{@code forks.csv} (header {@value #HEADER}): one row per fork in the order the forks ran; {@code fork} is the
 * fork's 0-based ordinal among the rows of its {@code (benchmark, params)}; {@code started} an ISO-8601 UTC
 * instant; {@code stealPct} and {@code load1} are {@code NaN} where the host does not tell; {@code flagged} is
 * empty until {@link #flag} fills it with {@code true} or {@code false}; {@code floorNs} (the fork's median
 * baseline-arm ns/op) and {@code slowed} stay empty when the run has no paired figures for the fork. A field holding a comma or a quote is
 * quoted as in RFC 4180. Every write goes through a temporary file and a rename.
 */
public final class ForkGate {
    /** The file in the run folder. */
    public static final String FILE = "forks.csv";
    /** Its header. */
    public static final String HEADER =
            "benchmark,params,fork,pid,started,stealPct,load1,chaseNs,computeNs,flagged,floorNs,slowed";
    /** A probe more than this far from the session median flags its fork, in percent; a floor this far above
     * the quiet floor marks its fork slowed. */
    public static final int TOLERANCE_PERCENT = 15;
    /** The pointer-chase probe's working set: beyond L2, within a shared L3, where neighbours move it most. */
    static final long CHASE_BYTES = 16L << 20;
    private static final int FIELDS = 12;
    private static final int STARTED_COLUMN = 4;
    private static final int CHASE_COLUMN = 7;
    private static final int COMPUTE_COLUMN = 8;
    private static final int FLAGGED_COLUMN = 9;
    private static final int FLOOR_COLUMN = 10;
    private static final int SLOWED_COLUMN = 11;
    private static final int CHUNK = 4096;
    /** Each probe's time: 0.5 s is millions of loads or steps, and halving it from 1 s left 32 s of the quick run
     * for six more paired forks a scale. */
    private static final Duration PROBE = Duration.ofMillis(500);
    /** Where the probes' results go, so that the JIT cannot drop them. */
    private static volatile long sink;

    private ForkGate() {
    }

    /**
     * One fork's view of the host before it measures.
     *
     * @param started when the probes started
     * @param stealPct the host's steal time over the probes, in percent of all CPU time, or NaN when unknown
     * @param load1 the 1-minute load average when the probes started, or NaN when unknown
     * @param chaseNs ns per dependent load over a 16 MiB pointer chase
     * @param computeNs ns per step of a dependent integer multiply-xorshift chain
     */
    public record Probe(Instant started, double stealPct, double load1, double chaseNs, double computeNs) {
    }

    /**
     * The session's gate after the run, for {@code run.json}'s {@code gate} object.
     *
     * @param forks the forks recorded
     * @param flagged the forks flagged
     * @param slowed the forks whose harness floor lay more than {@value #TOLERANCE_PERCENT}% above the quiet floor
     * @param chaseNsMedian the session median of the chase probe, NaN without forks
     * @param computeNsMedian the session median of the compute probe, NaN without forks
     */
    public record GateSummary(int forks, int flagged, int slowed, double chaseNsMedian, double computeNsMedian) {
        static final GateSummary EMPTY = new GateSummary(0, 0, 0, Double.NaN, Double.NaN);

        /** The {@code gate} object of {@code run.json}, NaN written as null. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("forks", forks);
            m.put("flagged", flagged);
            m.put("slowed", slowed);
            m.put("chaseNsMedian", Double.isNaN(chaseNsMedian) ? null : chaseNsMedian);
            m.put("computeNsMedian", Double.isNaN(computeNsMedian) ? null : computeNsMedian);
            return m;
        }
    }

    /** Runs the 0.5 s chase and compute probes and samples steal time and load (about 1 s in all). */
    public static Probe measure() {
        return measure(PROBE);
    }

    /** {@link #measure()} with {@code each} per probe. */
    static Probe measure(Duration each) {
        PointerChase chain = new PointerChase(CHASE_BYTES, BenchCluster.SEED);
        Instant started = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        double load1 = HostSample.load1(HostSample.LOADAVG);
        long[] before = HostSample.cpuTicks(HostSample.STAT);
        double chaseNs = chaseNs(chain, each.toNanos());
        double computeNs = computeNs(each.toNanos());
        long[] after = HostSample.cpuTicks(HostSample.STAT);
        return new Probe(started, HostSample.stealPct(before, after), load1, chaseNs, computeNs);
    }

    /** Ns per dependent load along {@code chain}, after one untimed round (the set in cache, the loop compiled). */
    static double chaseNs(PointerChase chain, long budgetNanos) {
        int slot = chain.chase(chain.start(), chain.lines());
        long steps = 0;
        long t0 = System.nanoTime();
        long elapsed;
        do {
            slot = chain.chase(slot, CHUNK);
            steps += CHUNK;
            elapsed = System.nanoTime() - t0;
        } while (elapsed < budgetNanos);
        sink = slot;
        return (double) elapsed / steps;
    }

    /** Ns per step of a dependent multiply-xorshift chain (about 5 cycles a step), after an untimed warmup. */
    static double computeNs(long budgetNanos) {
        long x = mix(System.nanoTime() | 1, CHUNK * 16);
        long steps = 0;
        long t0 = System.nanoTime();
        long elapsed;
        do {
            x = mix(x, CHUNK);
            steps += CHUNK;
            elapsed = System.nanoTime() - t0;
        } while (elapsed < budgetNanos);
        sink = x;
        return (double) elapsed / steps;
    }

    /** {@code steps} rounds of a 64-bit multiply then xorshift, each needing the previous round's result. */
    static long mix(long x, int steps) {
        long v = x;
        for (int i = 0; i < steps; i++) {
            v *= 0x9E37_79B9_7F4A_7C15L;
            v ^= v >>> 29;
        }
        return v;
    }

    /**
     * Appends this fork's row to {@code runDir/forks.csv} (writing the header first when the file is new) and
     * returns the fork's ordinal for its {@code (benchmark, params)}: the number of earlier rows with that key.
     * Safe for forks that run one after another (read, then rewrite through a rename), not for concurrent ones.
     *
     * @throws IllegalArgumentException when the existing file is malformed (one line, naming file and line)
     */
    public static int append(Path runDir, String benchmark, String params, Probe p) throws IOException {
        if ((benchmark + params).chars().anyMatch(ch -> ch == '\n' || ch == '\r')) {
            throw new IllegalArgumentException("a benchmark or params with a line break: " + benchmark + params);
        }
        Path file = runDir.resolve(FILE);
        List<String[]> rows = Files.exists(file) ? read(file) : new ArrayList<>();
        int ordinal = 0;
        for (String[] r : rows) {
            if (r[0].equals(benchmark) && r[1].equals(params)) {
                ordinal++;
            }
        }
        rows.add(new String[] {benchmark, params, Integer.toString(ordinal),
            Long.toString(ProcessHandle.current().pid()), p.started().toString(), format("%.2f", p.stealPct()),
            format("%.2f", p.load1()), format("%.3f", p.chaseNs()), format("%.3f", p.computeNs()), "", "", ""});
        write(file, rows);
        return ordinal;
    }

    /** {@link #flag(Path, Map)} without paired figures: {@code floorNs} and {@code slowed} stay empty. */
    public static GateSummary flag(Path runDir) throws IOException {
        return flag(runDir, Map.of());
    }

    /**
     * Fills {@code flagged} in {@code runDir/forks.csv}: true for a fork whose chase or compute probe lies more
     * than {@value #TOLERANCE_PERCENT}% from the median of that probe over every row. Fills {@code floorNs} and
     * {@code slowed} for each fork that {@code floors} holds (by the row's params, then its fork ordinal): slowed
     * when the floor lies more than {@value #TOLERANCE_PERCENT}% above {@link #quietFloor} of its params. Returns
     * the counts and medians; an empty summary when there is no {@code forks.csv}.
     *
     * @param floors per params (as in the rows), per fork ordinal: the fork's median harness-floor ns/op
     * @throws IllegalArgumentException when the file is malformed or truncated (one line, naming file and line)
     */
    public static GateSummary flag(Path runDir, Map<String, double[]> floors) throws IOException {
        Path file = runDir.resolve(FILE);
        if (!Files.exists(file)) {
            return GateSummary.EMPTY;
        }
        List<String[]> rows = read(file);
        if (rows.isEmpty()) {
            return GateSummary.EMPTY;
        }
        double chase = median(rows, r -> Double.parseDouble(r[CHASE_COLUMN]));
        double compute = median(rows, r -> Double.parseDouble(r[COMPUTE_COLUMN]));
        int flagged = 0;
        int slowed = 0;
        for (String[] r : rows) {
            boolean off = isOff(Double.parseDouble(r[CHASE_COLUMN]), chase)
                    || isOff(Double.parseDouble(r[COMPUTE_COLUMN]), compute);
            r[FLAGGED_COLUMN] = Boolean.toString(off);
            flagged += off ? 1 : 0;
            double[] f = floors.get(r[1]);
            int fork = Integer.parseInt(r[2]);
            if (f != null && fork < f.length) {
                boolean slow = f[fork] * 100 > (100 + TOLERANCE_PERCENT) * quietFloor(f);
                r[FLOOR_COLUMN] = format("%.3f", f[fork]);
                r[SLOWED_COLUMN] = Boolean.toString(slow);
                slowed += slow ? 1 : 0;
            }
        }
        write(file, rows);
        return new GateSummary(rows.size(), flagged, slowed, chase, compute);
    }

    /**
     * The floor of a quiet host: the value that a tenth of the forks reach (the order statistic at
     * {@code n / 10}). A busy host only slows the floor, so the median would itself be slowed when most forks
     * ran busy; the minimum would hang on one lucky fork.
     */
    static double quietFloor(double[] floors) {
        double[] s = floors.clone();
        Arrays.sort(s);
        return s[s.length / 10];
    }

    static boolean isOff(double value, double median) {
        return Math.abs(value - median) * 100 > TOLERANCE_PERCENT * median;
    }

    static double median(List<String[]> rows, ToDoubleFunction<String[]> column) {
        double[] v = rows.stream().mapToDouble(column).sorted().toArray();
        int h = v.length / 2;
        return v.length % 2 == 1 ? v[h] : (v[h - 1] + v[h]) / 2;
    }

    /** The rows of {@code file}, each checked: 12 fields, numbers where numbers belong. */
    static List<String[]> read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw malformed(file, 1, "not UTF-8 text");
        }
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw malformed(file, 1, lines.isEmpty() ? "empty, expected the header " + HEADER
                    : "the header is not " + HEADER);
        }
        List<String[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                rows.add(check(file, i + 1, lines.get(i)));
            }
        }
        return rows;
    }

    private static String[] check(Path file, int line, String text) {
        List<String> f = Csv.split(text);
        if (f == null) {
            throw malformed(file, line, "an unterminated quote (is the file truncated?)");
        }
        if (f.size() != FIELDS) {
            throw malformed(file, line, "expected " + FIELDS + " fields, found " + f.size()
                    + " (is the file truncated?)");
        }
        String[] r = f.toArray(new String[0]);
        String[] names = HEADER.split(",");
        for (int c = 2; c <= COMPUTE_COLUMN; c++) {
            if (c == STARTED_COLUMN) {
                continue;
            }
            double v;
            try {
                v = c < STARTED_COLUMN ? Long.parseLong(r[c]) : Double.parseDouble(r[c]);
            } catch (NumberFormatException e) {
                throw malformed(file, line, names[c] + " '" + r[c] + "' is not a number");
            }
            boolean probe = c == CHASE_COLUMN || c == COMPUTE_COLUMN;
            if (probe && !(v > 0 && Double.isFinite(v)) || c < STARTED_COLUMN && v < 0) {
                throw malformed(file, line, names[c] + " '" + r[c] + "' is out of range");
            }
        }
        if (!List.of("", "true", "false").contains(r[FLAGGED_COLUMN])) {
            throw malformed(file, line, "flagged '" + r[FLAGGED_COLUMN] + "' is not true, false or empty");
        }
        if (!r[FLOOR_COLUMN].isEmpty()) {
            double floor;
            try {
                floor = Double.parseDouble(r[FLOOR_COLUMN]);
            } catch (NumberFormatException e) {
                throw malformed(file, line, "floorNs '" + r[FLOOR_COLUMN] + "' is not a number");
            }
            if (!(floor > 0 && Double.isFinite(floor))) {
                throw malformed(file, line, "floorNs '" + r[FLOOR_COLUMN] + "' is out of range");
            }
        }
        if (!List.of("", "true", "false").contains(r[SLOWED_COLUMN])) {
            throw malformed(file, line, "slowed '" + r[SLOWED_COLUMN] + "' is not true, false or empty");
        }
        return r;
    }

    private static IllegalArgumentException malformed(Path file, int line, String what) {
        return new IllegalArgumentException(file + ": line " + line + ": " + what);
    }

    private static void write(Path file, List<String[]> rows) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (String[] r : rows) {
            for (int c = 0; c < r.length; c++) {
                sb.append(c == 0 ? "" : ",").append(Csv.quote(r[c]));
            }
            sb.append('\n');
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + FILE, ".tmp");
        try {
            Files.writeString(tmp, sb, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String format(String pattern, double v) {
        return String.format(Locale.ROOT, pattern, v);
    }

    /** RFC 4180 fields, without line breaks inside quotes (the gate never writes one). */
    static final class Csv {
        private Csv() {
        }

        static String quote(String field) {
            if (field.indexOf(',') < 0 && field.indexOf('"') < 0) {
                return field;
            }
            return '"' + field.replace("\"", "\"\"") + '"';
        }

        /** The fields of {@code line}, or null when a quote is left open. */
        static List<String> split(String line) {
            List<String> out = new ArrayList<>();
            StringBuilder f = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char ch = line.charAt(i);
                if (quoted && ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = !quoted;
                } else if (ch == ',' && !quoted) {
                    out.add(f.toString());
                    f.setLength(0);
                } else {
                    f.append(ch);
                }
            }
            out.add(f.toString());
            return quoted ? null : out;
        }
    }

    /** Steal time and load from {@code /proc} (Linux); NaN elsewhere. */
    static final class HostSample {
        static final Path STAT = Path.of("/proc/stat");
        static final Path LOADAVG = Path.of("/proc/loadavg");

        private HostSample() {
        }

        /** The aggregate {@code cpu} line's user..steal ticks, or null when unreadable. */
        static long[] cpuTicks(Path stat) {
            try {
                for (String line : Files.readAllLines(stat, StandardCharsets.US_ASCII)) {
                    String[] t = line.trim().split("\\s+");
                    if (t[0].equals("cpu") && t.length >= 9) {
                        return Arrays.stream(t, 1, 9).mapToLong(Long::parseLong).toArray();
                    }
                }
            } catch (IOException | NumberFormatException e) {
                return null;
            }
            return null;
        }

        /** Steal ticks over all ticks between two samples, in percent; NaN when a sample is missing or no tick. */
        static double stealPct(long[] before, long[] after) {
            if (before == null || after == null) {
                return Double.NaN;
            }
            long total = 0;
            for (int i = 0; i < before.length; i++) {
                total += after[i] - before[i];
            }
            return total > 0 ? 100.0 * (after[7] - before[7]) / total : Double.NaN;
        }

        /** The 1-minute load average, or NaN when unreadable. */
        static double load1(Path loadavg) {
            try {
                String text = Files.readString(loadavg, StandardCharsets.US_ASCII).trim();
                return Double.parseDouble(text.split("\\s+")[0]);
            } catch (IOException | NumberFormatException e) {
                return Double.NaN;
            }
        }
    }
}
