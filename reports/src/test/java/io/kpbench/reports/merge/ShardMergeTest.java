package io.kpbench.reports.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kpbench.reports.Fixtures;
import io.kpbench.reports.ReportMain;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code merge OUT DIR...}: the shards of a run as one results folder, or one line saying why not. */
class ShardMergeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void twoShardsMergeIntoTheUnionOfTheirRecordsWithOneHeaderPerCsv(@TempDir Path tmp) throws IOException {
        List<Path> shards = ShardFixtures.twoShards(tmp, "vm", "vm");
        Path out = tmp.resolve("merged");
        Result r = run("merge", out.toString(), shards.get(1).toString(), shards.get(0).toString());
        assertEquals(0, r.code, r.err);
        JsonNode whole = JSON.readTree(tmp.resolve("whole").resolve(Fixtures.NAME).resolve("jmh.json").toFile());
        JsonNode merged = JSON.readTree(out.resolve("jmh.json").toFile());
        assertTrue(merged.isArray());
        assertEquals(whole, merged, "shard 1's records, then shard 2's: the fixture's own, in order");
        for (String csv : List.of("memory.csv", "ratios.csv", "lb-distribution.csv")) {
            List<String> lines = Files.readAllLines(out.resolve(csv));
            List<String> original = Files.readAllLines(tmp.resolve("whole").resolve(Fixtures.NAME).resolve(csv));
            assertEquals(original, lines, csv + ": one header, every row");
        }
        JsonNode run = JSON.readTree(out.resolve("run.json").toFile());
        assertEquals(2, run.path("shards").size());
        assertEquals(1, run.path("shards").get(0).path("index").asInt());
        assertTrue(run.path("shards").get(0).path("machine").asText().startsWith("vm ("), run.toString());
        assertFalse(run.has("shard"));
        assertEquals("merged", run.path("runId").asText());
        assertTrue(Files.exists(out.resolve("latency.hlog")), "other files copied");
        try (var s = Files.list(tmp)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".merged")), "no temporary left");
        }
    }

    @Test
    void shardsOfTwoCommitsAreRefusedWithOneLineNamingTheFolderTheFieldAndBothValues(@TempDir Path tmp) {
        List<Path> shards = ShardFixtures.twoShards(tmp, "vm", "vm");
        ShardFixtures.set(shards.get(1), "gitSha", "def456def456");
        Path out = tmp.resolve("merged");
        Result r = run("merge", out.toString(), shards.get(0).toString(), shards.get(1).toString());
        assertEquals(2, r.code);
        assertEquals(1, r.err.lines().count(), r.err);
        assertTrue(r.err.startsWith("kpbench merge: " + shards.get(1) + ": gitSha is def456def456, but "
                + shards.get(0) + " has "), r.err);
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void aMissingOrRepeatedShardOrAFolderThatIsNoShardIsRefused(@TempDir Path tmp) throws IOException {
        List<Path> shards = ShardFixtures.twoShards(tmp, "vm", "vm");
        Result missing = run("merge", tmp.resolve("m1").toString(), shards.get(0).toString());
        assertEquals(2, missing.code);
        assertTrue(missing.err.contains("shard.count is 2, but no folder given has shard.index 2"), missing.err);
        Result twice = run("merge", tmp.resolve("m2").toString(), shards.get(0).toString(),
                shards.get(0).toString());
        assertTrue(twice.err.contains("shard.index is 1, but"), twice.err);
        Path plain = Fixtures.copy(Files.createDirectories(tmp.resolve("plain")));
        Result notShard = run("merge", tmp.resolve("m3").toString(), plain.toString());
        assertEquals("kpbench merge: " + plain + ": not a shard (run.json has no shard block: run with "
                + "-Dbench.shard=I/N)\n", notShard.err);
        ShardFixtures.set(shards.get(1), "profile", "full");
        Result profile = run("merge", tmp.resolve("m4").toString(), shards.get(0).toString(),
                shards.get(1).toString());
        assertTrue(profile.err.contains(": profile is full, but "), profile.err);
    }

    @Test
    void aFileTwoShardsHoldWithDifferentBytesIsKeptOncePerShard(@TempDir Path tmp) throws IOException {
        List<Path> shards = ShardFixtures.twoShards(tmp, "vm", "vm");
        Files.writeString(shards.get(0).resolve("summary.md"), "one\n");
        Files.writeString(shards.get(1).resolve("summary.md"), "two\n");
        Path out = tmp.resolve("merged");
        assertEquals(0, run("merge", out.toString(), shards.get(0).toString(), shards.get(1).toString()).code);
        assertEquals("one\n", Files.readString(out.resolve("summary.shard1.md")));
        assertEquals("two\n", Files.readString(out.resolve("summary.shard2.md")));
        JsonNode renamed = JSON.readTree(out.resolve("run.json").toFile()).path("merge").path("renamed");
        assertEquals(2, renamed.size());
        assertEquals("summary.shard2.md", renamed.get(1).path("as").asText());
    }

    @Test
    void theReportOfAMergedFolderNamesTheMachinesAndComparesNothingAcrossThem(@TempDir Path tmp)
            throws IOException {
        List<Path> shards = ShardFixtures.twoShards(tmp, "node-a", "node-b");
        Path out = tmp.resolve("merged");
        assertEquals(0, run("merge", out.toString(), shards.get(0).toString(), shards.get(1).toString()).code);
        Path report = tmp.resolve("report");
        Result r = run("report", out.toString(), "-o", report.toString());
        assertEquals(0, r.code, r.err);
        String md = Files.readString(report.resolve("REPORT.md"));
        assertTrue(md.contains("shard 1 on node-a (Synthetic CPU"), md);
        assertTrue(md.contains("shard 2 on node-b (Synthetic CPU"), md);
        assertTrue(md.contains("not compared: different machines"), md);
        assertTrue(md.contains("(measured on node-a)") || md.contains("(measured on node-b)"), md);
        String html = Files.readString(report.resolve("report.html"));
        assertTrue(html.contains("shard 2 on node-b"), "the HTML names the machines too");
    }

    @Test
    void theReportOfShardsFromOneMachineSaysSoAndKeepsEveryFinding(@TempDir Path tmp) throws IOException {
        List<Path> shards = ShardFixtures.twoShards(tmp, "vm", "vm");
        Path out = tmp.resolve("merged");
        assertEquals(0, run("merge", out.toString(), shards.get(0).toString(), shards.get(1).toString()).code);
        Path report = tmp.resolve("report");
        assertEquals(0, run("report", out.toString(), "-o", report.toString()).code);
        Path plain = tmp.resolve("plain-report");
        assertEquals(0, run("report", tmp.resolve("whole").resolve(Fixtures.NAME).toString(), "-o",
                plain.toString()).code);
        String md = Files.readString(report.resolve("REPORT.md"));
        assertTrue(md.contains("shards 1 and 2 on vm (Synthetic CPU"), md);
        assertFalse(md.contains("not compared"), md);
        assertEquals(findings(Files.readString(plain.resolve("REPORT.md"))), findings(md));
    }

    private static List<String> findings(String md) {
        String part = md.substring(md.indexOf("## Summary of findings"), md.indexOf("## Charts"));
        return new ArrayList<>(part.lines().filter(l -> l.startsWith("- ")).toList());
    }

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ReportMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
