package io.kpbench.reports.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpbench.common.UserError;
import io.kpbench.reports.read.IoReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Combines the results folders of a sharded run ({@code -Dbench.shard=I/N}) into one results folder, as if one
 * machine had run the whole profile: {@code jmh.json} stays JMH's format (one JSON array of the shards' records, in
 * shard order), each experiment CSV is concatenated under one header, other files are copied, and {@code run.json}
 * keeps the fields a report reads and lists the shards ({@code shards}: index, source folder, machine, started,
 * finished, how many JMH records and CSV rows each gave, in order, and the other files it gave, so that a report
 * can tell which machine measured what: {@code ShardMachines}).
 *
 * <p>Refused, with one line naming the folder, the field and both values: shards of different commits
 * ({@code gitSha}), profiles, {@code -Dbench.include} or shard counts, a shard index given twice or missing, a
 * folder that is not a finished shard. A file two shards both hold, not byte for byte the same, is kept once per
 * shard as {@code name.shardI.ext} and listed in {@code run.json} under {@code merge.renamed}; identical ones are
 * kept once. The folder is written under a temporary name beside {@code out} and renamed when whole.
 */
public final class ShardMerge {
    /** The run.json fields every shard must share, with what the user should do about a difference. */
    private static final List<String> SAME = List.of("gitSha", "profile", "include");

    private final List<ShardFolder> shards;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final ArrayNode renamed;
    private final ArrayNode identical;
    private final List<ObjectNode> entries = new ArrayList<>();

    private ShardMerge(List<ShardFolder> shards) {
        this.shards = shards;
        this.renamed = json.createArrayNode();
        this.identical = json.createArrayNode();
    }

    /** What a merge wrote. */
    public record Summary(Path out, int shards, int records, int csvs, int files) {
    }

    /** Merges {@code dirs} into the new folder {@code out}; a {@link UserError} of one line when refused. */
    public static Summary merge(Path out, List<Path> dirs) {
        if (dirs.isEmpty()) {
            throw new UserError("no shard folders given (usage: merge OUT DIR...)");
        }
        List<ShardFolder> shards = check(dirs.stream().map(ShardFolder::read).toList());
        if (Files.exists(out)) {
            throw new UserError(out + ": exists (the merge writes a new folder)");
        }
        try {
            return new ShardMerge(shards).write(out);
        } catch (IOException e) {
            throw new UserError(out + ": cannot write: " + IoReason.of(e), e);
        }
    }

    /** The shards in index order, after the checks; a {@link UserError} naming the first difference. */
    static List<ShardFolder> check(List<ShardFolder> given) {
        ShardFolder first = given.get(0);
        ShardFolder[] byIndex = new ShardFolder[first.count() + 1];
        for (ShardFolder s : given) {
            for (String field : SAME) {
                if (!s.text(field).equals(first.text(field))) {
                    throw new UserError(s.dir() + ": " + field + " is " + quote(s.text(field)) + ", but " + first.dir()
                            + " has " + quote(first.text(field)) + " (merge shards of one run)");
                }
            }
            if (s.count() != first.count()) {
                throw new UserError(s.dir() + ": shard.count is " + s.count() + ", but " + first.dir() + " has "
                        + first.count() + " (merge shards of one run)");
            }
            if (byIndex[s.index()] != null) {
                throw new UserError(s.dir() + ": shard.index is " + s.index() + ", but " + byIndex[s.index()].dir()
                        + " has " + s.index() + " too (each shard once)");
            }
            byIndex[s.index()] = s;
        }
        for (int i = 1; i <= first.count(); i++) {
            if (byIndex[i] == null) {
                throw new UserError(first.dir() + ": shard.count is " + first.count() + ", but no folder given has "
                        + "shard.index " + i + " (given: " + String.join(", ", given.stream()
                        .map(s -> s.dir() + " " + s.index() + "/" + s.count()).toList()) + ")");
            }
        }
        return Arrays.stream(byIndex, 1, byIndex.length).toList();
    }

    private static String quote(String v) {
        return v.isEmpty() ? "absent" : v;
    }

    private Summary write(Path out) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, "." + out.getFileName() + ".tmp-");
        try {
            for (ShardFolder s : shards) {
                ObjectNode e = json.createObjectNode();
                e.put("index", s.index());
                e.put("from", s.dir().toAbsolutePath().normalize().toString());
                e.put("runId", s.text("runId"));
                e.put("machine", s.machine());
                e.set("host", s.run().path("host").deepCopy());
                e.put("started", s.text("started"));
                e.put("finished", s.text("finished"));
                e.put("gitDirty", s.run().path("gitDirty").asBoolean(false));
                if (s.run().has("gate")) {
                    e.set("gate", s.run().path("gate").deepCopy());
                }
                e.putObject("csvRows");
                e.putArray("files");
                entries.add(e);
            }
            int records = jmh(tmp.resolve("jmh.json"));
            int[] counts = files(tmp);
            runJson(tmp, out.getFileName().toString());
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
            return new Summary(out, shards.size(), records, counts[0], counts[1]);
        } catch (IOException | RuntimeException e) {
            delete(tmp);
            throw e;
        }
    }

    /** jmh.json: the shards' arrays concatenated in shard order; returns the number of records. */
    private int jmh(Path target) throws IOException {
        StringBuilder sb = new StringBuilder("[");
        int total = 0;
        for (int i = 0; i < shards.size(); i++) {
            Path f = shards.get(i).dir().resolve("jmh.json");
            int n = 0;
            if (Files.exists(f)) {
                String t = Files.readString(f, StandardCharsets.UTF_8).trim();
                JsonNode arr;
                try {
                    arr = json.readTree(t);
                } catch (IOException e) {
                    throw new UserError(f + ": not JMH's JSON (" + IoReason.of(e) + ")", e);
                }
                if (arr == null || !arr.isArray()) {
                    throw new UserError(f + ": not JMH's JSON (an array of results expected)");
                }
                n = arr.size();
                String body = t.substring(1, t.length() - 1).trim();
                if (!body.isEmpty()) {
                    sb.append(sb.length() == 1 ? "\n" : ",\n").append(body);
                }
            }
            entries.get(i).put("jmhRecords", n);
            total += n;
        }
        sb.append(sb.length() == 1 ? "]\n" : "\n]\n");
        Files.writeString(target, sb, StandardCharsets.UTF_8);
        return total;
    }

    /** Every other file: CSVs concatenated, the rest copied; returns {csvs, other files}. */
    private int[] files(Path tmp) throws IOException {
        Map<String, List<Integer>> holders = new TreeMap<>();
        for (int i = 0; i < shards.size(); i++) {
            Path dir = shards.get(i).dir();
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path f : s.filter(Files::isRegularFile).toList()) {
                    String rel = dir.relativize(f).toString();
                    if (!rel.equals("jmh.json") && !rel.equals("run.json") && !hidden(rel)) {
                        holders.computeIfAbsent(rel, k -> new ArrayList<>()).add(i);
                    }
                }
            }
        }
        int csvs = 0;
        int others = 0;
        for (Map.Entry<String, List<Integer>> e : holders.entrySet()) {
            String rel = e.getKey();
            List<Integer> from = e.getValue();
            if (rel.endsWith(".csv") && !rel.contains("/") && sameHeader(rel, from)) {
                concatenate(rel, from, tmp.resolve(rel));
                csvs++;
            } else if (from.size() == 1 || sameBytes(rel, from)) {
                copy(shards.get(from.get(0)).dir().resolve(rel), tmp.resolve(rel));
                if (from.size() > 1) {
                    identical.add(rel);
                }
                for (int i : from) {
                    ((ArrayNode) entries.get(i).path("files")).add(rel);
                }
                others++;
            } else {
                for (int i : from) {
                    String name = perShard(rel, shards.get(i).index());
                    copy(shards.get(i).dir().resolve(rel), tmp.resolve(name));
                    ObjectNode r = renamed.addObject();
                    r.put("file", rel);
                    r.put("shard", shards.get(i).index());
                    r.put("as", name);
                    ((ArrayNode) entries.get(i).path("files")).add(name);
                    others++;
                }
            }
        }
        return new int[] {csvs, others};
    }

    private static boolean hidden(String rel) {
        return Arrays.stream(rel.split("/")).anyMatch(p -> p.startsWith("."));
    }

    /** {@code dir/summary.md} of shard 2 as {@code dir/summary.shard2.md}. */
    static String perShard(String rel, int index) {
        int slash = rel.lastIndexOf('/');
        int dot = rel.lastIndexOf('.');
        return dot > slash + 1 ? rel.substring(0, dot) + ".shard" + index + rel.substring(dot)
                : rel + ".shard" + index;
    }

    private boolean sameHeader(String rel, List<Integer> from) throws IOException {
        String header = null;
        for (int i : from) {
            String h = header(Files.readAllLines(shards.get(i).dir().resolve(rel), StandardCharsets.UTF_8));
            if (header != null && !header.equals(h)) {
                return false;
            }
            header = h;
        }
        return true;
    }

    /** The first line that is neither blank nor a {@code #} comment, or "". */
    private static String header(List<String> lines) {
        return lines.stream().filter(l -> !l.isBlank() && !l.startsWith("#")).findFirst().orElse("").trim();
    }

    /** The first shard's file whole, then the other shards' data rows (no header, no comments). */
    private void concatenate(String rel, List<Integer> from, Path target) throws IOException {
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (int i : from) {
            List<String> lines = Files.readAllLines(shards.get(i).dir().resolve(rel), StandardCharsets.UTF_8);
            boolean headerSeen = false;
            int rows = 0;
            for (String l : lines) {
                boolean comment = l.isBlank() || l.startsWith("#");
                if (!comment && !headerSeen) {
                    headerSeen = true;
                    if (first) {
                        sb.append(l).append('\n');
                    }
                    continue;
                }
                if (comment) {
                    if (first) {
                        sb.append(l).append('\n');
                    }
                    continue;
                }
                sb.append(l).append('\n');
                rows++;
            }
            ((ObjectNode) entries.get(i).path("csvRows")).put(rel, rows);
            first = false;
        }
        Files.writeString(target, sb, StandardCharsets.UTF_8);
    }

    private boolean sameBytes(String rel, List<Integer> from) throws IOException {
        byte[] a = Files.readAllBytes(shards.get(from.get(0)).dir().resolve(rel));
        for (int i : from.subList(1, from.size())) {
            if (!Arrays.equals(a, Files.readAllBytes(shards.get(i).dir().resolve(rel)))) {
                return false;
            }
        }
        return true;
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
    }

    /** run.json: shard 1's, with the run id, the time span, the summed gate and the shards. */
    private void runJson(Path tmp, String runId) throws IOException {
        ObjectNode m = shards.get(0).run().deepCopy();
        m.remove("shard");
        m.put("runId", runId);
        m.put("started", shards.stream().map(s -> s.text("started")).min(Comparator.naturalOrder()).orElse(""));
        m.put("finished", shards.stream().map(s -> s.text("finished")).max(Comparator.naturalOrder()).orElse(""));
        m.put("gitDirty", shards.stream().anyMatch(s -> s.run().path("gitDirty").asBoolean(false)));
        List<JsonNode> gates = shards.stream().map(s -> s.run().path("gate")).filter(JsonNode::isObject).toList();
        m.remove("gate");
        if (gates.size() == 1) {
            m.set("gate", gates.get(0).deepCopy());
        } else if (gates.size() > 1) {
            ObjectNode g = m.putObject("gate");
            for (String f : List.of("forks", "flagged", "slowed")) {
                g.put(f, gates.stream().mapToLong(x -> x.path(f).asLong()).sum());
            }
        }
        ArrayNode list = m.putArray("shards");
        entries.forEach(list::add);
        ObjectNode merge = m.putObject("merge");
        merge.set("renamed", renamed);
        merge.set("identical", identical);
        json.writeValue(tmp.resolve("run.json").toFile(), m);
    }

    private static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // best effort: the temporary folder is hidden beside the output
        }
    }
}
