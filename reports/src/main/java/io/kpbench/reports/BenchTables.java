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

/** One table per benchmark: its parameters, threads, score ± error, unit and secondary metrics. */
public final class BenchTables {
    private BenchTables() {
    }

    /** The tables, one per benchmark in first-seen order. */
    public static List<Table> of(List<JmhRecord> records) {
        Map<String, List<JmhRecord>> byBench = new LinkedHashMap<>();
        for (JmhRecord r : records) {
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
        header.addAll(List.of("score", "± error", "unit"));
        numeric.addAll(List.of(true, true, false));
        for (String s : secondary) {
            header.add(s);
            numeric.add(true);
        }
        List<List<String>> rows = new ArrayList<>();
        for (JmhRecord r : recs) {
            List<String> row = new ArrayList<>();
            params.forEach(p -> row.add(r.params().getOrDefault(p, "")));
            if (threads) {
                row.add(Integer.toString(r.threads()));
            }
            row.add(Fmt.num(r.primary().score()));
            row.add(Fmt.num(r.primary().error()));
            row.add(r.primary().unit() + " (" + r.mode() + ")");
            for (String s : secondary) {
                Score sc = r.secondary(s);
                row.add(sc == null ? "" : Fmt.num(sc.score()) + " " + sc.unit());
            }
            rows.add(row);
        }
        return new Table(name, header, rows, numeric);
    }
}
