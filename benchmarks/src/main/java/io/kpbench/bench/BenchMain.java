package io.kpbench.bench;

import io.kpbench.proxy.ProxyMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The driver of {@code mvn verify -Pbench}: creates the run folder, writes run.json, runs JMH (JSON results,
 * fail on error) with the chosen profile, then checks the result and writes summary.md.
 *
 * <p>Exit codes: 0 success, 1 a benchmark failed or wrote no result, 2 a bad {@code -Dbench.*} option.
 */
public final class BenchMain {
    /** The heap flags every forked benchmark JVM gets. */
    static final List<String> FORK_JVM_ARGS = List.of("-Xms2g", "-Xmx2g", "-XX:+UseParallelGC",
            "-XX:+AlwaysPreTouch");

    private BenchMain() {
    }

    /** Runs the configured sweep. */
    public static void main(String[] args) throws IOException, RunnerException {
        BenchSettings s;
        try {
            s = BenchSettings.fromSystemProperties();
        } catch (IllegalArgumentException e) {
            System.err.println("kpbench bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(run(s));
    }

    /** Runs JMH for {@code s} and returns the exit code. */
    static int run(BenchSettings s) throws IOException, RunnerException {
        RunFolder run = RunFolder.create(s.out());
        Map<String, List<String>> matrix = matrix(s);
        Instant started = Instant.now();
        RunInfo.write(run, s, matrix, FORK_JVM_ARGS, started, null);
        Path json = run.dir().resolve("jmh.json");
        ChainedOptionsBuilder o = new OptionsBuilder()
                .include(s.include())
                .forks(s.profile().forks())
                .warmupIterations(s.profile().warmupIterations())
                .warmupTime(TimeValue.milliseconds(s.profile().warmupMillis()))
                .measurementIterations(s.profile().measurementIterations())
                .measurementTime(TimeValue.milliseconds(s.profile().measurementMillis()))
                .jvmArgsAppend(FORK_JVM_ARGS.toArray(new String[0]))
                .jvmArgsAppend("-Dkpbench.run.dir=" + run.dir().toAbsolutePath())
                .shouldFailOnError(true)
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString());
        matrix.forEach((k, v) -> o.param(k, v.toArray(new String[0])));
        if ("gc".equals(s.profiler())) {
            o.addProfiler(GCProfiler.class);
        } else if ("async".equals(s.profiler())) {
            Path flames = Files.createDirectories(run.dir().resolve("flamegraphs"));
            o.addProfiler("async", "libPath=" + s.asyncLib() + ";output=flamegraph;event=ctimer;dir=" + flames);
        }
        System.out.println("kpbench bench: run folder " + run.dir());
        Collection<RunResult> results = new Runner(o.build()).run();
        RunInfo.write(run, s, matrix, FORK_JVM_ARGS, started, Instant.now());
        if (results.isEmpty() || !Files.exists(json) || Files.size(json) < 3) {
            System.err.println("kpbench bench: JMH wrote no results to " + json
                    + " (no benchmark matched -Dbench.include, or every benchmark failed)");
            return 1;
        }
        SummaryTable.write(run.dir(), results);
        System.out.println("kpbench bench: " + results.size() + " results in " + run.dir());
        return 0;
    }

    /** The parameter matrix: the profile's values, the available proxy modes, then -Dbench.params on top. */
    static Map<String, List<String>> matrix(BenchSettings s) {
        Map<String, List<String>> m = new LinkedHashMap<>(s.profile().params());
        List<String> modes = new ArrayList<>();
        for (ProxyMode mode : ProxyMode.values()) {
            if (mode.available()) {
                modes.add(mode.name());
            }
        }
        if (!modes.isEmpty()) {
            m.put("mode", modes);
        }
        m.putAll(s.params());
        return m;
    }
}
