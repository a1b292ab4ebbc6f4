package io.kpbench.bench;

import io.kpbench.proxy.ProxyMode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.RunnerException;

/**
 * The driver of {@code mvn verify -Pbench}: creates the run folder, writes run.json, runs the profile's JMH
 * passes (JSON results merged into one {@code jmh.json}, fail on error), the paired figures
 * ({@code ratios.csv}, {@code arms.csv}: {@link PairedRatios}) and the fork gate ({@link ForkGate}), then the
 * experiments that are not timings ({@link MemoryFootprint}, the load-balancing quality CSVs, open-loop
 * latency), checks the result and writes summary.md. With {@code -Dbench.shard=I/N} it runs the shard's part of
 * the passes ({@link ShardPlan}) and of the experiments ({@link Experiments#owner}); {@code scripts/merge.sh}
 * combines the shards' folders.
 *
 * <p>Exit codes: 0 success, 1 a benchmark failed or wrote no result or an experiment failed, 2 a bad
 * {@code -Dbench.*} option.
 */
public final class BenchMain {
    /**
     * The heap flags every forked benchmark JVM gets (the quick and full profiles; passes at 100k services get
     * {@link ProfilePasses#LARGE_JVM_ARGS}). Not pre-touched: the measured methods of the packet benchmarks
     * allocate nothing, and touching 2 GiB costs 0.7 s a fork here, over a minute of the quick run.
     */
    static final List<String> FORK_JVM_ARGS = List.of("-Xms2g", "-Xmx2g", "-XX:+UseParallelGC");

    private BenchMain() {
    }

    /** Runs the configured sweep. */
    public static void main(String[] args) throws IOException, RunnerException {
        BenchSettings s = settings(System.err);
        System.exit(s == null ? 2 : run(s));
    }

    /**
     * The settings and the cluster ({@link BenchInput}: loaded and grown to its largest factor, before any fork
     * starts), or null after one line on {@code err} when an option, a file or a growth factor is bad.
     */
    static BenchSettings settings(PrintStream err) {
        try {
            BenchSettings s = BenchSettings.fromSystemProperties();
            BenchInput.use(BenchInput.fromSystemProperties()).check();
            return s;
        } catch (IllegalArgumentException e) {
            err.println("kpbench bench: " + e.getMessage());
            return null;
        }
    }

    /** Runs every pass of {@code s}'s profile and the experiments, and returns the exit code. */
    static int run(BenchSettings s) throws IOException, RunnerException {
        RunFolder run = RunFolder.create(s.out());
        if (BenchInput.current().given()) {
            ClusterRecord.writePlan(BenchInput.current(), run.dir());
            System.out.println("kpbench bench: cluster " + ClusterRecord.headline(BenchInput.current()));
        }
        Map<String, Object> matrix = describe(s);
        Instant started = Instant.now();
        List<String> jvmArgs = s.profile().jvmArgs();
        List<List<ShardPlan.Run>> runs = shardRuns(s, ShardPlan.compiledBenchmarks());
        int cells = runs.stream().mapToInt(List::size).sum();
        RunInfo.write(run, s, cells, matrix, jvmArgs, started, null, null);
        System.out.println("kpbench bench: run folder " + run.dir());
        List<RunResult> results = new ArrayList<>();
        List<Path> parts = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            for (int j = 0; j < runs.get(i).size(); j++) {
                ShardPlan.Run r = runs.get(i).get(j);
                Path part = run.dir().resolve(".jmh-pass-" + i + "-" + j + ".json");
                results.addAll(JmhPass.run(s, r.pass(), r.params(), run, part));
                parts.add(part);
            }
        }
        Path json = run.dir().resolve("jmh.json");
        JmhPass.mergeJson(parts, json);
        ForkGate.GateSummary gate;
        try {
            PairedRatios.Result paired = PairedRatios.write(json, run.dir());
            if (!paired.isEmpty()) {
                System.out.println("kpbench bench: " + paired.ratios().size() + " paired ratios in "
                        + run.dir().resolve("ratios.csv"));
            }
            gate = ForkGate.flag(run.dir(), paired.floors());
            if (gate.forks() > 0) {
                System.out.println("kpbench bench: fork gate: " + gate.flagged() + " of " + gate.forks()
                        + " paired forks flagged (a probe more than " + ForkGate.TOLERANCE_PERCENT
                        + "% from the session median); " + gate.slowed() + " ran slowed (harness floor more than "
                        + ForkGate.TOLERANCE_PERCENT + "% above the quiet floor; the report compares their probes "
                        + "with the others' to say whether the probes saw the host slow down too)");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("kpbench bench: " + e.getMessage());
            return 1;
        }
        boolean experimentsOk = Experiments.run(s, run.dir());
        RunInfo.write(run, s, cells, matrix, jvmArgs, started, Instant.now(), gate.forks() > 0 ? gate.toMap() : null);
        if (!s.shard().whole() && runs.stream().allMatch(List::isEmpty)) {
            System.out.println("kpbench bench: shard " + s.shard() + " holds no benchmark cells");
        } else if (results.isEmpty() || Files.size(json) < 3) {
            System.err.println("kpbench bench: JMH wrote no results to " + json
                    + " (no benchmark matched -Dbench.include, or every benchmark failed)");
            return 1;
        }
        SummaryTable.write(run.dir(), results);
        System.out.println("kpbench bench: " + results.size() + " results in " + run.dir());
        return experimentsOk ? 0 : 1;
    }

    /**
     * The JMH runs of each pass that {@code s}'s shard holds ({@link ShardPlan}; the pass itself for a whole run),
     * an empty list for a pass that only {@link #repeats repeats} an earlier one or holds none of the shard's cells.
     */
    static List<List<ShardPlan.Run>> shardRuns(BenchSettings s, List<BenchmarkListEntry> benchmarks) {
        List<BenchPass> passes = s.profile().passes();
        List<ShardPlan.Run> kept = new ArrayList<>();
        for (int i = 0; i < passes.size(); i++) {
            kept.add(repeats(s, passes, i) ? null : new ShardPlan.Run(passes.get(i), params(s, passes.get(i))));
        }
        ShardPlan plan = new ShardPlan(s.shard(), benchmarks,
                kept.stream().filter(java.util.Objects::nonNull).toList(), s.include());
        if (!s.shard().whole()) {
            System.out.println("kpbench bench: shard " + s.shard() + ": " + plan.owned() + " of "
                    + plan.groups().size() + " comparison groups (a benchmark at one value of every parameter but "
                    + "mode and impl), and " + Experiments.owned(s.shard()));
        }
        List<List<ShardPlan.Run>> out = new ArrayList<>();
        for (ShardPlan.Run r : kept) {
            out.add(r == null ? List.of() : plan.runs(r.pass(), r.params(), s.include()));
        }
        return out;
    }

    /** A pass's parameters: the profile's values, the available proxy modes, the pass's, then -Dbench.params. */
    static Map<String, List<String>> params(BenchSettings s, BenchPass pass) {
        Map<String, List<String>> m = new LinkedHashMap<>(s.profile().params());
        List<String> modes = availableModes();
        if (!modes.isEmpty()) {
            m.put("mode", modes);
        }
        pass.params().forEach((k, v) -> m.put(k, k.equals("mode") ? available(v, modes) : v));
        m.putAll(s.params());
        m.putAll(BenchInput.current().params());
        return m;
    }

    /**
     * True when pass {@code i} would only repeat an earlier one: the same benchmarks and threads, and parameter
     * values within the earlier pass's. Happens when {@code -Dbench.cluster} maps two passes' service counts to
     * the same cluster (100 and 100k services: the cluster's count).
     */
    static boolean repeats(BenchSettings s, List<BenchPass> passes, int i) {
        BenchPass p = passes.get(i);
        Map<String, List<String>> mine = params(s, p);
        for (int j = 0; j < i; j++) {
            BenchPass q = passes.get(j);
            Map<String, List<String>> theirs = params(s, q);
            if (q.includeAnd(s.include()).equals(p.includeAnd(s.include())) && q.threads() == p.threads()
                    && theirs.keySet().equals(mine.keySet())
                    && mine.entrySet().stream().allMatch(e -> theirs.get(e.getKey()).containsAll(e.getValue()))) {
                return true;
            }
        }
        return false;
    }

    /** What run.json records of the sweep: every pass with its include, threads and parameters. */
    static Map<String, Object> describe(BenchSettings s) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Object> passes = new ArrayList<>();
        for (BenchPass p : s.profile().passes()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("include", p.includeAnd(s.include()));
            d.put("threads", p.threads());
            d.put("params", params(s, p));
            passes.add(d);
        }
        out.put("passes", passes);
        return out;
    }

    private static List<String> availableModes() {
        List<String> modes = new ArrayList<>();
        for (ProxyMode mode : ProxyMode.values()) {
            if (mode.available()) {
                modes.add(mode.name());
            }
        }
        return modes;
    }

    private static List<String> available(List<String> wanted, List<String> modes) {
        return wanted.stream().filter(modes::contains).toList();
    }
}
