package io.kpbench.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;

/**
 * Which JMH cells a shard runs ({@code -Dbench.shard=I/N}, {@link Shard}), and the JMH runs that hold exactly them.
 *
 * <p>The unit of assignment is a <em>comparison group</em>: one benchmark method at one value of every
 * {@code @Param} except those it compares, {@link #COMPARED}: {@code mode} (the proxy modes), {@code impl} (our
 * table against the library maps, which must be beaten "in the same run") and {@code part} (the parts of one
 * scale's paired forks, one sample). Every mode of a comparison, every thread
 * count of it (the throughput passes) and every fork of a cell therefore run on the same shard, so a ratio between
 * modes or implementations never spans two machines (the paired benchmark holds all its modes in one fork anyway). The groups of all passes are sorted by their key
 * ({@code benchmark name=value ...}, parameters by name) and dealt round-robin: group 0 to shard 1, group 1 to shard
 * 2, and so on; each shard receives the same number of groups, give or take one. The cells come from JMH's own
 * benchmark list ({@code META-INF/BenchmarkList}), expanded the way JMH's runner expands them: every declared
 * {@code @Param} takes the pass's values when the pass sets it, else its declared values.
 *
 * <p>A pass whose groups all belong to this shard runs unchanged; one with none is skipped; otherwise a JMH run per
 * benchmark method holds its groups when they are all this shard's, else a run per group (its single values of the
 * other parameters, all its modes and implementations). Forks, iterations, threads and heap flags stay the pass's.
 */
final class ShardPlan {
    /**
     * The parameters whose values a group holds together: the proxy modes, the map implementations, and the parts
     * of one scale's paired forks ({@link PairedFirstPacketBenchmark.Planes#part}), which {@link PairedRatios}
     * joins into one sample and so must run on one machine.
     */
    static final Set<String> COMPARED = Set.of("mode", "impl", PairedRatios.PART);

    private final List<BenchmarkListEntry> benchmarks;
    /** Group key to its 0-based ordinal in the deal. */
    private final Map<String, Integer> ordinals = new TreeMap<>();
    private final Shard shard;

    /**
     * One JMH run: a pass (possibly narrowed to one benchmark) with its parameters.
     *
     * @param pass the pass, its include narrowed to the run's benchmark when it runs part of the pass
     * @param params the parameter values of the run
     */
    record Run(BenchPass pass, Map<String, List<String>> params) {
    }

    /**
     * One JMH result cell: a benchmark method in one JMH mode at one thread count and one value of every parameter.
     *
     * @param benchmark the benchmark's name ({@code io.kpbench.bench.SyncBenchmark.fullSync})
     * @param jmhMode JMH's mode ({@code AverageTime})
     * @param threads the pass's threads, or 0 for the benchmark's own
     * @param params the declared parameters' values, by name
     */
    record Cell(String benchmark, String jmhMode, int threads, SortedMap<String, String> params) {
        /** The comparison group: the benchmark and every parameter but the {@link #COMPARED} ones. */
        String group() {
            StringBuilder sb = new StringBuilder(benchmark);
            params.forEach((k, v) -> {
                if (!COMPARED.contains(k)) {
                    sb.append(' ').append(k).append('=').append(v);
                }
            });
            return sb.toString();
        }
    }

    /**
     * The plan of {@code shard} over {@code passes}: each pass with its parameters, in run order (passes that only
     * repeat an earlier one left out).
     */
    ShardPlan(Shard shard, List<BenchmarkListEntry> benchmarks, List<Run> passes, String userInclude) {
        this.shard = shard;
        this.benchmarks = benchmarks;
        Set<String> groups = new TreeSet<>();
        passes.forEach(r -> cells(r.pass().includeAnd(userInclude), r.pass().threads(), r.params())
                .forEach(c -> groups.add(c.group())));
        int i = 0;
        for (String g : groups) {
            ordinals.put(g, i++);
        }
    }

    /** The benchmarks compiled into this jar (JMH's benchmark list resource). */
    static List<BenchmarkListEntry> compiledBenchmarks() {
        try (InputStream in = ShardPlan.class.getResourceAsStream(BenchmarkList.BENCHMARK_LIST)) {
            if (in == null) {
                throw new IllegalStateException("no JMH benchmark list on the class path ("
                        + BenchmarkList.BENCHMARK_LIST + ")");
            }
            return List.copyOf(BenchmarkList.readBenchmarkList(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every comparison group of the plan, in the order they are dealt. */
    List<String> groups() {
        return List.copyOf(ordinals.keySet());
    }

    /** True when {@code group} is this shard's. */
    boolean owns(String group) {
        Integer ordinal = ordinals.get(group);
        return ordinal != null && shard.owns(ordinal);
    }

    /** The number of groups this shard runs. */
    long owned() {
        return ordinals.keySet().stream().filter(this::owns).count();
    }

    /** The cells {@code include} and {@code params} select at {@code threads}, as JMH's runner expands them. */
    List<Cell> cells(String include, int threads, Map<String, List<String>> params) {
        Pattern p = Pattern.compile(include);
        List<Cell> out = new ArrayList<>();
        for (BenchmarkListEntry e : benchmarks) {
            if (!p.matcher(e.getUsername()).find()) {
                continue;
            }
            Map<String, String[]> declared = e.getParams().orElse(Map.of());
            List<SortedMap<String, String>> combos = new ArrayList<>();
            combos.add(new TreeMap<>());
            for (String name : new TreeSet<>(declared.keySet())) {
                Collection<String> values = params.containsKey(name) ? params.get(name)
                        : List.of(declared.get(name));
                List<SortedMap<String, String>> next = new ArrayList<>();
                for (SortedMap<String, String> c : combos) {
                    for (String v : values) {
                        SortedMap<String, String> m = new TreeMap<>(c);
                        m.put(name, v);
                        next.add(m);
                    }
                }
                combos = next;
            }
            for (SortedMap<String, String> c : combos) {
                out.add(new Cell(e.getUsername(), e.getMode().shortLabel(), threads, c));
            }
        }
        return out;
    }

    /** The JMH runs that hold this shard's cells of {@code pass} run with {@code params}. */
    List<Run> runs(BenchPass pass, Map<String, List<String>> params, String userInclude) {
        if (shard.whole()) {
            return List.of(new Run(pass, params));
        }
        List<Cell> cells = cells(pass.includeAnd(userInclude), pass.threads(), params);
        if (cells.stream().allMatch(c -> owns(c.group()))) {
            return cells.isEmpty() ? List.of() : List.of(new Run(pass, params));
        }
        Map<String, List<Cell>> byBenchmark = new TreeMap<>();
        cells.forEach(c -> byBenchmark.computeIfAbsent(c.benchmark(), b -> new ArrayList<>()).add(c));
        List<Run> out = new ArrayList<>();
        byBenchmark.forEach((benchmark, its) -> {
            BenchPass only = pass.include("^" + Pattern.quote(benchmark) + "$");
            if (its.stream().allMatch(c -> owns(c.group()))) {
                out.add(new Run(only, params));
                return;
            }
            Map<String, Cell> groups = new TreeMap<>();
            its.stream().filter(c -> owns(c.group())).forEach(c -> groups.putIfAbsent(c.group(), c));
            for (Cell c : groups.values()) {
                Map<String, List<String>> one = new LinkedHashMap<>(params);
                c.params().forEach((k, v) -> {
                    if (!COMPARED.contains(k)) {
                        one.put(k, List.of(v));
                    }
                });
                out.add(new Run(only, one));
            }
        });
        return out;
    }
}
