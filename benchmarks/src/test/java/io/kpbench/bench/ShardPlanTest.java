package io.kpbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openjdk.jmh.runner.BenchmarkListEntry;

/** {@code -Dbench.shard=I/N}: the shards of a profile add up to the whole run, group by group. */
class ShardPlanTest {
    private static final List<BenchmarkListEntry> BENCHMARKS = ShardPlan.compiledBenchmarks();

    @AfterEach
    void clearProperties() {
        System.clearProperty("bench.shard");
    }

    @ParameterizedTest
    @EnumSource(BenchProfile.class)
    void theShardsOfEveryProfileAddUpToExactlyTheUnshardedCellsWithNoOverlap(BenchProfile profile) {
        List<String> whole = cells(profile, Shard.WHOLE);
        assertTrue(whole.size() > 10, "the profile expands to cells: " + whole.size());
        for (int n = 1; n <= 5; n++) {
            List<String> union = new ArrayList<>();
            Map<String, Integer> groupShard = new HashMap<>();
            for (int i = 1; i <= n; i++) {
                for (String cell : cells(profile, new Shard(i, n))) {
                    union.add(cell);
                    Integer before = groupShard.put(group(cell), i);
                    assertTrue(before == null || before == i, "group " + group(cell) + " on shards " + before
                            + " and " + i + " of " + n);
                }
            }
            assertEquals(sorted(whole), sorted(union), profile + " in " + n + " shards");
        }
    }

    @Test
    void theGroupsAreDealtEvenlyAndEveryModeOfAComparisonStaysTogether() {
        Map<Integer, Integer> perShard = new HashMap<>();
        Map<String, Set<String>> modes = new HashMap<>();
        for (int i = 1; i <= 3; i++) {
            for (String cell : cells(BenchProfile.QUICK, new Shard(i, 3))) {
                modes.computeIfAbsent(group(cell), g -> new TreeSet<>()).add(i + ":" + mode(cell));
            }
        }
        for (Set<String> m : modes.values()) {
            assertEquals(1, m.stream().map(s -> s.substring(0, s.indexOf(':'))).distinct().count(), m.toString());
            perShard.merge(Integer.parseInt(m.iterator().next().substring(0, 1)), 1, Integer::sum);
        }
        int max = perShard.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        int min = perShard.values().stream().mapToInt(Integer::intValue).min().orElseThrow();
        assertTrue(max - min <= 1, perShard.toString());
        assertTrue(modes.values().stream().anyMatch(m -> m.size() > 1), "some group holds several modes");
    }

    @Test
    void everyPartOfAScalesPairedForksRunsOnTheShardThatHoldsTheScale() {
        Map<String, Set<String>> shardsOfScale = new HashMap<>();
        Map<String, Set<String>> partsOfScale = new HashMap<>();
        for (int i = 1; i <= 3; i++) {
            Shard shard = new Shard(i, 3);
            BenchSettings s = new BenchSettings(BenchProfile.QUICK, ".*", Map.of(), "none", Path.of("results"), "",
                    shard);
            ShardPlan expand = new ShardPlan(Shard.WHOLE, BENCHMARKS, List.of(), ".*");
            for (List<ShardPlan.Run> runs : BenchMain.shardRuns(s, BENCHMARKS)) {
                for (ShardPlan.Run r : runs) {
                    for (ShardPlan.Cell c : expand.cells(r.pass().includeAnd(s.include()), r.pass().threads(),
                            r.params())) {
                        if (c.benchmark().equals(PairedRatios.BENCHMARK)) {
                            String scale = c.params().get("services");
                            shardsOfScale.computeIfAbsent(scale, k -> new TreeSet<>()).add(Integer.toString(i));
                            partsOfScale.computeIfAbsent(scale, k -> new TreeSet<>()).add(c.params().get("part"));
                        }
                    }
                }
            }
        }
        assertEquals(Set.of("10000", "30000"), shardsOfScale.keySet());
        shardsOfScale.forEach((scale, shards) -> assertEquals(1, shards.size(), scale + " ran on shards " + shards));
        partsOfScale.forEach((scale, parts) -> assertEquals(Set.of("1", "2", "3", "4"), parts, scale));
    }

    @Test
    void everyExperimentRunsOnExactlyOneShard() {
        for (int n = 1; n <= 5; n++) {
            for (String name : Experiments.NAMES) {
                int owner = Experiments.owner(name, n);
                assertTrue(owner >= 1 && owner <= n, name + " on " + owner + " of " + n);
            }
        }
        assertEquals(2, Experiments.owner("MemoryFootprint", 2));
        assertEquals(1, Experiments.owner("LbQuality", 2));
    }

    @Test
    void aBadShardValueIsOneLineAndNoSettings() {
        for (String bad : List.of("0/2", "3/2", "2", "a/b", "1/0", "-1/2")) {
            System.setProperty("bench.shard", bad);
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertNull(BenchMain.settings(new PrintStream(err, true, StandardCharsets.UTF_8)), bad);
            String line = err.toString(StandardCharsets.UTF_8);
            assertEquals("kpbench bench: -Dbench.shard=" + bad + ": I/N with 1 <= I <= N expected (e.g. 2/4)\n",
                    line);
        }
    }

    @Test
    void aGoodShardValueIsRead() {
        System.setProperty("bench.shard", "2/4");
        BenchSettings s = BenchMain.settings(new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));
        assertEquals(new Shard(2, 4), s.shard());
        assertFalse(s.shard().whole());
        assertThrows(IllegalArgumentException.class, () -> new Shard(5, 4));
    }

    /** The cells a shard's JMH runs hold, as {@code benchmark jmhMode threads params}. */
    private static List<String> cells(BenchProfile profile, Shard shard) {
        BenchSettings s = new BenchSettings(profile, ".*", Map.of(), "none", Path.of("results"), "", shard);
        ShardPlan expand = new ShardPlan(Shard.WHOLE, BENCHMARKS, List.of(), ".*");
        List<String> out = new ArrayList<>();
        for (List<ShardPlan.Run> runs : BenchMain.shardRuns(s, BENCHMARKS)) {
            for (ShardPlan.Run r : runs) {
                for (ShardPlan.Cell c : expand.cells(r.pass().includeAnd(s.include()), r.pass().threads(),
                        r.params())) {
                    out.add(c.group() + "\t" + c.jmhMode() + "\t" + c.threads() + "\t" + c.params().get("mode"));
                }
            }
        }
        return out;
    }

    private static String group(String cell) {
        return cell.substring(0, cell.indexOf('\t'));
    }

    private static String mode(String cell) {
        return cell.substring(cell.lastIndexOf('\t') + 1);
    }

    private static List<String> sorted(List<String> l) {
        List<String> c = new ArrayList<>(l);
        c.sort(null);
        return c;
    }
}
