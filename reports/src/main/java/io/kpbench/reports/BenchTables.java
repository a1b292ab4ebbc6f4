package io.kpbench.reports;

import io.kpbench.reports.findings.Fmt;
import io.kpbench.reports.read.JmhRecord;
import io.kpbench.reports.read.Score;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One table per benchmark: its parameters, threads, score ± error, unit and secondary metrics ({@code gcMs}, the GC
 * time per op, first). A {@code @Group} benchmark whose primary score averages unlike members (churn: the reader's
 * classify and the writer's rollingUpdate) shows only its members; the paired benchmark, whose primary score mixes
 * its arms, has no table here (its arms have their own, with intervals over forks).
 */
public final class BenchTables {
    /** The paired benchmark: its primary score is a mixture of arms. */
    static final String PAIRED = "PairedFirstPacketBenchmark.classify";
    /** Group benchmarks whose primary score is an average of unlike members, by short name, with member labels. */
    static final Map<String, Map<String, String>> GROUPS = Map.of("ChurnBenchmark.churn",
            Map.of("classify", "classify (reader)", "rollingUpdate", "rollingUpdate (writer)"));

    private BenchTables() {
    }

    /**
     * The records two runs may be compared on: the paired benchmark's mixed primary dropped, and a group whose
     * primary averages unlike members replaced by one record per member ({@code ChurnBenchmark.churn_classify},
     * {@code ChurnBenchmark.churn_rollingUpdate}) where the record has them.
     */
    static List<JmhRecord> comparable(List<JmhRecord> records) {
        List<JmhRecord> out = new ArrayList<>();
        for (JmhRecord r : records) {
            Map<String, String> members = GROUPS.get(r.shortName());
            if (r.shortName().equals(PAIRED)) {
                continue;
            }
            if (members == null || members.keySet().stream().noneMatch(m -> r.secondary(m) != null)) {
                out.add(r);
                continue;
            }
            for (String m : members.keySet().stream().sorted().toList()) {
                if (r.secondary(m) != null) {
                    out.add(new JmhRecord(r.benchmark() + "_" + m, r.mode(), r.threads(), r.forks(), r.params(),
                            r.secondary(m), Map.of()));
                }
            }
        }
        return out;
    }

    /** The tables, one per benchmark in first-seen order. */
    public static List<Table> of(List<JmhRecord> records) {
        Map<String, List<JmhRecord>> byBench = new LinkedHashMap<>();
        for (JmhRecord r : records) {
            if (r.shortName().equals(PAIRED)) {
                continue;
            }
            byBench.computeIfAbsent(r.shortName(), k -> new ArrayList<>()).add(r);
        }
        List<Table> out = new ArrayList<>();
        byBench.forEach((name, recs) -> out.add(table(name, recs)));
        return out;
    }

    private static Table table(String name, List<JmhRecord> recs) {
        Set<String> params = new LinkedHashSet<>();
        Set<String> secondary = new LinkedHashSet<>();
        boolean threads = recs.stream().mapToInt(JmhRecord::threads).distinct().count() > 1;
        for (JmhRecord r : recs) {
            params.addAll(r.params().keySet());
            secondary.addAll(r.secondary().keySet());
        }
        List<String> header = new ArrayList<>(params);
        List<Boolean> numeric = new ArrayList<>();
        params.forEach(p -> numeric.add(false));
        if (threads) {
            header.add("threads");
            numeric.add(true);
        }
        Map<String, String> members = GROUPS.get(name);
        if (members == null) {
            header.addAll(List.of("score", "± error", "unit"));
            numeric.addAll(List.of(true, true, false));
        }
        if (secondary.remove("gcMs")) {
            List<String> gcFirst = new ArrayList<>(List.of("gcMs"));
            gcFirst.addAll(secondary);
            secondary.clear();
            secondary.addAll(gcFirst);
        }
        for (String s : secondary) {
            header.add(members != null && members.containsKey(s) ? members.get(s) : s.equals("gcMs")
                    ? "GC per op" : s);
            numeric.add(true);
        }
        List<List<String>> rows = new ArrayList<>();
        for (JmhRecord r : recs) {
            List<String> row = new ArrayList<>();
            params.forEach(p -> row.add(r.params().getOrDefault(p, "")));
            if (threads) {
                row.add(Integer.toString(r.threads()));
            }
            if (members == null) {
                row.add(Fmt.num(r.primary().score()));
                row.add(Fmt.num(r.primary().error()));
                row.add(r.primary().unit() + " (" + mode(r.mode()) + ")");
            }
            for (String s : secondary) {
                Score sc = r.secondary(s);
                row.add(sc == null ? "" : Fmt.num(sc.score()) + " " + sc.unit());
            }
            rows.add(row);
        }
        return new Table(name, header, rows, numeric);
    }

    /** JMH's mode for a reader: {@code ss} is {@code single shot}. */
    private static String mode(String m) {
        return "ss".equals(m) ? "single shot" : m;
    }
}
