package io.kpbench.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The hardware floor: the latency of one dependent cache-line load at a working set of {@code bytes} bytes, in
 * ns/op, measured in the same run, JVM flags and heap as the data planes. The report divides each mode's
 * dependent-packet figure ({@code PairedFirstPacketBenchmark}, dependent variant) by this floor at the size of the
 * mode's tables: a packet that costs k floors costs as much as k dependent loads, to be read against the count
 * of dependent cache lines each mode's {@code package-info} gives for the kernel and for this model.
 *
 * <p>Mechanism: a {@link PointerChase} (one random cycle over the set's 64-byte lines, Sattolo's algorithm,
 * seeded) followed {@value #LOADS} loads per invocation, each load's address being the previous load's value, so
 * no two loads overlap; the score is per load ({@code @OperationsPerInvocation}), which keeps JMH's own
 * per-invocation cost (a few ns) out of the L1 and L2 figures. The chain's position is kept in the state
 * across invocations and returned, so the whole measurement is one chain. The sizes go from inside any L1 data
 * cache (32 KiB) to far beyond any L3 slice a core can count on (1 GiB), in steps of 4x to 8x, with the data planes'
 * table sizes in between; {@code run.json} names the CPU. A C pointer chase on the host gave about
 * 1.3 ns at 32 KiB, 18 ns at 16 MiB, 143 ns at 64 MiB and 176 ns at 1 GiB (issue 13).
 *
 * <p>Pages: the forks run without {@code -XX:+UseTransparentHugePages}, so with the host's THP mode at
 * {@code madvise} or {@code never} (recorded as {@code host.thp} in {@code run.json}) the heap is in 4 KiB pages,
 * and a random line beyond a few MiB also misses the TLB: the floor includes a page walk there, as do the data
 * planes' table lookups in the same heap. With THP {@code always} the kernel may back the heap with 2 MiB pages,
 * which lowers the floor from the L3 sizes up; compare runs only at the same {@code host.thp}.
 */
public class MemoryFloorBenchmark extends BenchmarkDefaults {
    /** Dependent loads per invocation. */
    static final int LOADS = 64;

    /** Follows the chain {@value #LOADS} dependent loads from where the last invocation stopped. */
    @Benchmark
    @OperationsPerInvocation(LOADS)
    public int chase(Chain s) {
        return s.slot = s.chain.chase(s.slot, LOADS);
    }

    /** The chain over the working set and the position along it. */
    @State(Scope.Thread)
    public static class Chain {
        /** The working set in bytes, from a 32 KiB L1 to 1 GiB of DRAM (the forks' heap is 2 GiB). */
        @Param({"32768", "262144", "2097152", "16777216", "67108864", "268435456", "1073741824"})
        public long bytes;

        PointerChase chain;
        int slot;

        /**
         * Links the working set's lines into one random cycle (16Mi random swaps at 1 GiB); refuses a set larger
         * than 60% of the heap, which the old generation may not hold (the smoke profile's 768 MiB forks).
         */
        @Setup(Level.Trial)
        public void setUp() {
            long heap = Runtime.getRuntime().maxMemory();
            if (bytes > heap / 10 * 6) {
                throw new IllegalStateException("a " + (bytes >> 20) + " MiB working set does not fit this fork's "
                        + (heap >> 20) + " MiB heap: run it with -Xmx2g, or a smaller bytes");
            }
            chain = new PointerChase(bytes, BenchCluster.SEED);
            slot = chain.start();
        }
    }
}
