package io.kpbench.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * {@code summary.md}: one Markdown row per benchmark and parameter combination, with score, error, unit and
 * the secondary results ({@code @AuxCounters}, {@code -prof gc}); the stopgap report until the reports module
 * renders charts.
 *
 * <p>A JMH group ({@code @Group}, e.g. {@code ChurnBenchmark.churn}) gets one row per member method instead
 * ({@code churn:classify}, {@code churn:rollingUpdate}), each with that method's own score and error: the
 * group's primary score is the mean of its members' figures (a packet's ns and a sync step's ns averaged), a
 * number with no meaning, and is never shown.
 *
 * <p>{@link PairedFirstPacketBenchmark} is shown the same way, one row per arm: its primary mixes every arm. An
 * arm's error is not JMH's (its iterations are spread over rounds and forks): the intervals are in
 * {@code arms.csv} and {@code ratios.csv}.
 */
public final class SummaryTable {
    private SummaryTable() {
    }

    /** Writes summary.md into {@code dir}. */
    public static void write(Path dir, Collection<RunResult> results) throws IOException {
        List<RunResult> sorted = new ArrayList<>(results);
        sorted.sort((a, b) -> key(a).compareTo(key(b)));
        Path tmp = dir.resolve(".summary.md.tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write("| benchmark | params | score | error | unit | secondary |\n");
            w.write("|---|---|---:|---:|---|---|\n");
            for (RunResult r : sorted) {
                List<String> members = groupMembers(r);
                String sec = secondaries(r, members);
                if (members.isEmpty()) {
                    row(w, shortName(r), r, r.getPrimaryResult(), sec);
                }
                boolean paired = r.getParams().getBenchmark().equals(PairedRatios.BENCHMARK);
                for (String m : members) {
                    Result<?> x = r.getSecondaryResults().get(m);
                    if (x != null && paired) {
                        w.write("| " + shortName(r) + ":" + m + " | " + params(r) + " | " + fmt(x.getScore())
                                + " | arms.csv | ns/op | |\n");
                    } else if (x != null) {
                        row(w, shortName(r) + ":" + m, r, x, sec);
                    }
                }
            }
        }
        Files.move(tmp, dir.resolve("summary.md"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    private static void row(Writer w, String name, RunResult r, Result<?> p, String sec) throws IOException {
        w.write("| " + name + " | " + params(r) + " | " + fmt(p.getScore()) + " | " + fmt(p.getScoreError())
                + " | " + p.getScoreUnit() + " | " + sec + " |\n");
    }

    /**
     * The member methods of a JMH group benchmark (each is a secondary result), the arms of the paired benchmark,
     * or none for a plain one.
     */
    private static List<String> groupMembers(RunResult r) {
        if (r.getParams().getBenchmark().equals(PairedRatios.BENCHMARK)) {
            return new ArrayList<>(r.getSecondaryResults().keySet());
        }
        List<String> labels = new ArrayList<>(r.getParams().getThreadGroupLabels());
        return labels.size() > 1 ? labels : List.of();
    }

    /** The secondary results but the group's members, {@code name=score unit; ...}. */
    private static String secondaries(RunResult r, List<String> members) {
        StringBuilder sec = new StringBuilder();
        for (String key : r.getSecondaryResults().keySet()) {
            if (members.contains(key)) {
                continue;
            }
            Result<?> x = r.getSecondaryResults().get(key);
            if (sec.length() > 0) {
                sec.append("; ");
            }
            sec.append(key).append('=').append(fmt(x.getScore())).append(' ').append(x.getScoreUnit());
        }
        return sec.toString();
    }

    private static String key(RunResult r) {
        return r.getParams().getBenchmark() + " " + params(r);
    }

    private static String shortName(RunResult r) {
        String b = r.getParams().getBenchmark();
        int dot = b.lastIndexOf('.', b.lastIndexOf('.') - 1);
        return b.substring(dot + 1);
    }

    private static String params(RunResult r) {
        StringBuilder sb = new StringBuilder();
        for (String k : r.getParams().getParamsKeys()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(r.getParams().getParam(k));
        }
        if (r.getParams().getThreads() > 1) {
            sb.append(sb.length() == 0 ? "" : ", ").append("threads=").append(r.getParams().getThreads());
        }
        return sb.toString();
    }

    private static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.3f", v);
    }
}
