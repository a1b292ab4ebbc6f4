package io.kpbench.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * One JMH run of a {@link BenchPass} (JSON results, fail on error, the profile's iterations and heap flags), and
 * the merge of the passes' JSON arrays into one {@code jmh.json} in JMH's own format.
 */
final class JmhPass {
    private JmhPass() {
    }

    /** Runs {@code pass} with {@code params} into {@code json}; empty when no benchmark matches. */
    static Collection<RunResult> run(BenchSettings s, BenchPass pass, Map<String, List<String>> params,
            RunFolder run, Path json) throws IOException, RunnerException {
        ChainedOptionsBuilder o = options(s, pass, params, run.dir(), json);
        if ("async".equals(s.profiler())) {
            Path flames = Files.createDirectories(run.dir().resolve("flamegraphs"));
            o.addProfiler("async", "libPath=" + s.asyncLib() + ";output=flamegraph;event=ctimer;dir=" + flames);
        }
        try {
            return new Runner(o.build()).run();
        } catch (NoBenchmarksException e) {
            return List.of();
        }
    }

    /**
     * The JMH options of {@code pass}: its benchmarks, forks, iterations and threads, {@code params}, the GC
     * profiler when asked, and every fork's JVM arguments: the heap flags, the run folder {@code runDir} (where
     * the fork gate writes) and the cluster input.
     */
    static ChainedOptionsBuilder options(BenchSettings s, BenchPass pass, Map<String, List<String>> params,
            Path runDir, Path json) {
        BenchProfile p = s.profile();
        // one jvmArgsAppend: JMH 1.37 keeps only the last call's arguments (OptionsBuilder.jvmArgsAppend sets, it
        // does not add), which until this was found left every fork without its heap flags
        List<String> forkArgs = new ArrayList<>(pass.jvmArgs().isEmpty() ? p.jvmArgs() : pass.jvmArgs());
        forkArgs.add("-Dkpbench.run.dir=" + runDir.toAbsolutePath());
        forkArgs.addAll(BenchInput.current().jvmArgs());
        ChainedOptionsBuilder o = new OptionsBuilder()
                .include(pass.includeAnd(s.include()))
                .forks(pass.forks() > 0 ? pass.forks() : p.forks())
                .warmupIterations(pass.warmups() > 0 ? pass.warmups() : p.warmupIterations())
                .warmupTime(TimeValue.milliseconds(pass.iterationMillis() > 0 ? pass.iterationMillis()
                        : p.warmupMillis()))
                .measurementIterations(pass.measurements() > 0 ? pass.measurements() : p.measurementIterations())
                .measurementTime(TimeValue.milliseconds(pass.iterationMillis() > 0 ? pass.iterationMillis()
                        : p.measurementMillis()))
                .jvmArgsAppend(forkArgs.toArray(new String[0]))
                .shouldFailOnError(true)
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString());
        if (pass.threads() > 0) {
            o.threads(pass.threads());
        }
        params.forEach((k, v) -> o.param(k, v.toArray(new String[0])));
        if ("gc".equals(s.profiler())) {
            o.addProfiler(GCProfiler.class);
        }
        return o;
    }

    /** Concatenates the JSON arrays in {@code parts} (missing or empty ones skipped) into {@code out}. */
    static void mergeJson(List<Path> parts, Path out) throws IOException {
        StringBuilder sb = new StringBuilder("[");
        for (Path part : parts) {
            if (!Files.exists(part)) {
                continue;
            }
            String t = Files.readString(part, StandardCharsets.UTF_8).trim();
            Files.delete(part);
            if (t.length() < 2 || t.charAt(0) != '[' || t.charAt(t.length() - 1) != ']') {
                continue;
            }
            String body = t.substring(1, t.length() - 1).trim();
            if (!body.isEmpty()) {
                sb.append(sb.length() == 1 ? "\n" : ",\n").append(body);
            }
        }
        sb.append(sb.length() == 1 ? "]\n" : "\n]\n");
        Path tmp = out.resolveSibling(".jmh.json.tmp");
        Files.writeString(tmp, sb, StandardCharsets.UTF_8);
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
