package io.kpbench.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One JMH run within a sweep: the benchmarks it covers, the parameter values it sets on top of the profile's,
 * and the thread count. A sweep is several passes because JMH takes one cross product of parameters and one
 * thread count per run: a pass per thread count gives {@code ThroughputBenchmark.classify} at 1 and 2 threads
 * under one name (the JMH {@code threads} field tells them apart), and a pass per feasible corner keeps
 * combinations that do not fit in memory (100k services x 100 endpoints) out of the cross product.
 *
 * @param include a regex over benchmark names, ANDed with {@code -Dbench.include}
 * @param params parameter values by name, over the profile's
 * @param threads the JMH thread count, or 0 for each benchmark's own
 * @param warmups warmup iterations, or 0 for the profile's
 * @param measurements measurement iterations, or 0 for the profile's
 * @param forks forked JVMs per benchmark and parameter set, or 0 for the profile's
 * @param iterationMillis the length of every warmup and measurement iteration in ms, or 0 for the profile's
 * @param jvmArgs the forks' heap flags, or empty for the profile's
 */
public record BenchPass(String include, Map<String, List<String>> params, int threads, int warmups,
        int measurements, int forks, int iterationMillis, List<String> jvmArgs) {
    /** Copies the map, keeping its order. */
    public BenchPass {
        params = new LinkedHashMap<>(params);
        jvmArgs = List.copyOf(jvmArgs);
    }

    /** A pass of {@code include} with its own thread count and parameters. */
    static BenchPass of(String include, int threads, Map<String, List<String>> params) {
        return new BenchPass(include, params, threads, 0, 0, 0, 0, List.of());
    }

    /** This pass with its own warmup and measurement iteration counts. */
    BenchPass iterations(int warmupIterations, int measurementIterations) {
        return new BenchPass(include, params, threads, warmupIterations, measurementIterations, forks,
                iterationMillis, jvmArgs);
    }

    /** This pass with {@code n} forks and iterations of {@code millis} ms. */
    BenchPass forks(int n, int millis) {
        return new BenchPass(include, params, threads, warmups, measurements, n, millis, jvmArgs);
    }

    /** This pass with its own heap flags. */
    BenchPass jvmArgs(List<String> args) {
        return new BenchPass(include, params, threads, warmups, measurements, forks, iterationMillis, args);
    }

    /**
     * This pass with {@code regex} for its include: a shard's part of it ({@link ShardPlan}), a benchmark the pass's
     * include already matched.
     */
    BenchPass include(String regex) {
        return new BenchPass(regex, params, threads, warmups, measurements, forks,
                iterationMillis, jvmArgs);
    }

    /** The JMH include regex: benchmarks matching both {@code userInclude} and this pass. */
    String includeAnd(String userInclude) {
        return "^(?=.*(?:" + userInclude + "))(?=.*(?:" + include + "))";
    }
}
