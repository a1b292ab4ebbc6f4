package io.kpbench.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * JMH's own cost per call on this machine: a benchmark method that returns a field (after real-logic's
 * {@code A1BaselineBenchmark}). It is NOT the floor of the packet benchmarks, whose harness path also advances a
 * cursor and a clock, loads a packet and its random value and returns a result: that floor is the
 * {@code baseline} arm of {@link PairedFirstPacketBenchmark} (a no-op data plane driven through the same packet
 * path), measured in the same forks as the modes. Run in the smoke and full profiles.
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
