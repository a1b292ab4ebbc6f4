package io.kpbench.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        BenchProfile p = s.profile();
        ChainedOptionsBuilder o = new OptionsBuilder()
                .include(pass.includeAnd(s.include()))
                .forks(pass.forks() > 0 ? pass.forks() : p.forks())
                .warmupIterations(pass.warmups() > 0 ? pass.warmups() : p.warmupIterations())
                .warmupTime(TimeValue.milliseconds(pass.iterationMillis() > 0 ? pass.iterationMillis()
                        : p.warmupMillis()))
                .measurementIterations(pass.measurements() > 0 ? pass.measurements() : p.measurementIterations())
                .measurementTime(TimeValue.milliseconds(pass.iterationMillis() > 0 ? pass.iterationMillis()
                        : p.measurementMillis()))
                .jvmArgsAppend((pass.jvmArgs().isEmpty() ? p.jvmArgs() : pass.jvmArgs()).toArray(new String[0]))
                .jvmArgsAppend("-Dkpbench.run.dir=" + run.dir().toAbsolutePath())
                .jvmArgsAppend(BenchInput.current().jvmArgs().toArray(new String[0]))
                .shouldFailOnError(true)
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString());
        if (pass.threads() > 0) {
            o.threads(pass.threads());
        }
        params.forEach((k, v) -> o.param(k, v.toArray(new String[0])));
        if ("gc".equals(s.profiler())) {
            o.addProfiler(GCProfiler.class);
        } else if ("async".equals(s.profiler())) {
            Path flames = Files.createDirectories(run.dir().resolve("flamegraphs"));
            o.addProfiler("async", "libPath=" + s.asyncLib() + ";output=flamegraph;event=ctimer;dir=" + flames);
        }
        try {
            return new Runner(o.build()).run();
        } catch (NoBenchmarksException e) {
            return List.of();
        }
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
