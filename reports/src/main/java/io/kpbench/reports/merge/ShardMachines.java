package io.kpbench.reports.merge;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpbench.reports.read.CsvTable;
import io.kpbench.reports.read.JmhRecord;
import io.kpbench.reports.read.ResultsFolder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which machine measured what in a merged results folder ({@link ShardMerge}): run.json's {@code shards}, each
 * with its machine, the number of JMH records and CSV rows it gave (in shard order) and its other files. A folder
 * that is not a merge has no shards.
 *
 * @param shards the shards in index order; empty for a folder that is not a merge
 */
public record ShardMachines(List<Shard> shards) {
    /**
     * One shard of a merged folder.
     *
     * @param index the 1-based shard index
     * @param name the machine's short name (the Kubernetes node, else the host name)
     * @param machine the machine, one line: name, CPU, kernel
     * @param records how many JMH records of jmh.json it gave (they follow the earlier shards')
     * @param csvRows how many data rows of each concatenated CSV it gave
     * @param files the other files it gave, as named in the merged folder
     */
    public record Shard(int index, String name, String machine, int records, Map<String, Integer> csvRows,
            Set<String> files) {
    }

    /** The shards of {@code f}'s run.json; none when the folder is not a merge. */
    public static ShardMachines of(ResultsFolder f) {
        List<Shard> out = new ArrayList<>();
        if (f.run() != null) {
            for (JsonNode s : f.run().json().path("shards")) {
                Map<String, Integer> rows = new TreeMap<>();
                JsonNode counts = s.path("csvRows");
                counts.fieldNames().forEachRemaining(k -> rows.put(k, counts.path(k).asInt()));
                Set<String> files = new LinkedHashSet<>();
                s.path("files").forEach(x -> files.add(x.asText()));
                JsonNode host = s.path("host");
                String name = host.path("node").isTextual() ? host.path("node").asText()
                        : host.path("hostname").isTextual() ? host.path("hostname").asText() : "shard " + s.path(
                        "index").asInt();
                out.add(new Shard(s.path("index").asInt(), name, s.path("machine").asText(ShardFolder.machine(host)),
                        s.path("jmhRecords").asInt(), rows, files));
            }
        }
        return new ShardMachines(List.copyOf(out));
    }

    /** True for a merged folder. */
    public boolean merged() {
        return !shards.isEmpty();
    }

    /** The distinct machines, in shard order. */
    public List<String> machines() {
        return shards.stream().map(Shard::machine).distinct().toList();
    }

    /** One line: {@code Shards: 1 and 2 on vm (Intel Xeon x2, Linux 6.18.44)} or one clause per machine. */
    public String line() {
        Map<String, List<Integer>> by = new LinkedHashMap<>();
        shards.forEach(s -> by.computeIfAbsent(s.machine(), m -> new ArrayList<>()).add(s.index()));
        List<String> parts = new ArrayList<>();
        by.forEach((m, idx) -> parts.add(join(idx.stream().map(String::valueOf).toList()) + " on " + m));
        return "Shards (merged from " + shards.size() + "): " + String.join("; ", parts)
                + (by.size() == 1 ? ": one machine, so every figure compares cells of one machine."
                : ": " + by.size() + " machines; no ratio is formed across them (\"not compared: different machines\").");
    }

    private static String join(List<String> l) {
        return l.size() == 1 ? "shard " + l.get(0)
                : "shards " + String.join(", ", l.subList(0, l.size() - 1)) + " and " + l.get(l.size() - 1);
    }

    /** The machine of each JMH record of {@code f}, in order; null where the counts do not add up (a damaged file). */
    public List<String> recordMachines(ResultsFolder f) {
        List<String> out = new ArrayList<>();
        shards.forEach(s -> {
            for (int i = 0; i < s.records(); i++) {
                out.add(s.machine());
            }
        });
        return out.size() == f.records().size() ? out : null;
    }

    /**
     * {@code f} as if only {@code machine} had run: its JMH records, its rows of each CSV, the CSVs it gave; the
     * rest of the folder (run.json, spectra) as is. Null where the counts do not add up.
     */
    public ResultsFolder view(ResultsFolder f, String machine) {
        List<String> byRecord = recordMachines(f);
        if (byRecord == null) {
            return null;
        }
        List<JmhRecord> records = new ArrayList<>();
        for (int i = 0; i < byRecord.size(); i++) {
            if (byRecord.get(i).equals(machine)) {
                records.add(f.records().get(i));
            }
        }
        Map<String, CsvTable> csv = new TreeMap<>();
        for (Map.Entry<String, CsvTable> e : f.csv().entrySet()) {
            CsvTable t = e.getValue();
            List<List<String>> rows = new ArrayList<>();
            int at = 0;
            boolean mine = false;
            boolean counted = false;
            for (Shard s : shards) {
                Integer n = s.csvRows().get(e.getKey());
                if (n != null) {
                    counted = true;
                    if (s.machine().equals(machine) && at + n <= t.rows().size()) {
                        rows.addAll(t.rows().subList(at, at + n));
                        mine = true;
                    }
                    at += n;
                } else if (s.files().contains(e.getKey()) && s.machine().equals(machine)) {
                    mine = true;
                    rows.addAll(t.rows());
                }
            }
            if (mine) {
                csv.put(e.getKey(), counted ? new CsvTable(t.name(), t.header(), rows) : t);
            }
        }
        return new ResultsFolder(f.dir(), records, f.run(), csv, f.spectra(), f.flamegraphs(), f.notes(),
                f.problems());
    }
}
