package io.kpbench.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The harness overhead every other figure sits on: a benchmark method that returns a field, so that a
 * reader can subtract what JMH itself costs on this machine (after real-logic's {@code A1BaselineBenchmark}).
 */
@State(Scope.Thread)
public class A0BaselineBenchmark extends BenchmarkDefaults {
    long value = 42;

    /** Returns a non-final field: the cheapest call JMH can measure. */
    @Benchmark
    public long returnField() {
        return value;
    }
}
