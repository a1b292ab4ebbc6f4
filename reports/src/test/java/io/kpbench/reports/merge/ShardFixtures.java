package io.kpbench.reports.merge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpbench.reports.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Two fake shards made from the fixture results folder: shard 1 gets the first half of jmh.json's records and the
 * first half of each CSV's rows, shard 2 the rest and every other file; each run.json gets its {@code shard} block
 * and a host name.
 */
public final class ShardFixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ShardFixtures() {
    }

    /** Shards 1/2 and 2/2 under {@code parent}, on hosts {@code host1} and {@code host2}; returns both folders. */
    public static List<Path> twoShards(Path parent, String host1, String host2) {
        try {
            Path whole = Fixtures.copy(Files.createDirectories(parent.resolve("whole")));
            Path s1 = Files.createDirectories(parent.resolve("shard1"));
            Path s2 = Files.createDirectories(parent.resolve("shard2"));
            ArrayNode records = (ArrayNode) JSON.readTree(whole.resolve("jmh.json").toFile());
            ArrayNode a = JSON.createArrayNode();
            ArrayNode b = JSON.createArrayNode();
            for (int i = 0; i < records.size(); i++) {
                (i < records.size() / 2 ? a : b).add(records.get(i));
            }
            JSON.writeValue(s1.resolve("jmh.json").toFile(), a);
            JSON.writeValue(s2.resolve("jmh.json").toFile(), b);
            try (Stream<Path> files = Files.list(whole)) {
                for (Path f : files.toList()) {
                    String name = f.getFileName().toString();
                    if (name.endsWith(".csv")) {
                        List<String> lines = Files.readAllLines(f);
                        int half = 1 + (lines.size() - 1) / 2;
                        Files.write(s1.resolve(name), lines.subList(0, half));
                        Files.write(s2.resolve(name), concat(lines.get(0), lines.subList(half, lines.size())));
                    } else if (!name.equals("jmh.json") && !name.equals("run.json")) {
                        Files.copy(f, s2.resolve(name));
                    }
                }
            }
            runJson(whole, s1, 1, host1);
            runJson(whole, s2, 2, host2);
            return List.of(s1, s2);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets {@code field} of {@code dir}'s run.json to {@code value}. */
    public static void set(Path dir, String field, String value) {
        try {
            ObjectNode run = (ObjectNode) JSON.readTree(dir.resolve("run.json").toFile());
            run.put(field, value);
            JSON.writeValue(dir.resolve("run.json").toFile(), run);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> concat(String header, List<String> rows) {
        List<String> out = new java.util.ArrayList<>();
        out.add(header);
        out.addAll(rows);
        return out;
    }

    private static void runJson(Path whole, Path shard, int index, String host) throws IOException {
        ObjectNode run = (ObjectNode) JSON.readTree(whole.resolve("run.json").toFile());
        ObjectNode s = run.putObject("shard");
        s.put("index", index);
        s.put("count", 2);
        ((ObjectNode) run.path("host")).put("hostname", host);
        run.put("runId", "20250301T120000Z-fixture-shard" + index);
        JSON.writeValue(shard.resolve("run.json").toFile(), run);
    }
}
