package io.kpbench.bench;

import io.kpbench.conntrack.ConcurrentHashMapConntrack;
import io.kpbench.conntrack.Conntrack;
import io.kpbench.conntrack.ConntrackTable;
import io.kpbench.net.FiveTuple;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One conntrack hit (lookup and translation) in our {@link ConntrackTable} against the
 * {@link ConcurrentHashMapConntrack} baseline with the same semantics, at {@code flows} tracked connections, in
 * ns/op.
 *
 * <p>Mechanism: the same seeded flows (pod sources, ClusterIP:port destinations of a 1000-service cluster, each
 * DNAT-ed to a pseudo-random pod address on port 8080, no masquerade) are inserted into either table; the
 * shuffled established packets are drawn uniformly from them (all hits).
 */
public class ConntrackLookupBenchmark extends BenchmarkDefaults {
    /** Looks up the next established packet and returns the packed conntrack result. */
    @Benchmark
    public long lookup(Fixture f) {
        return f.ct.lookup(f.nextTuple(), TrackedFlows.NOW, f.out);
    }

    /** The implementations. */
    public enum Impl {
        /** Ours: the kernel's chained hash over primitive arrays (one bucket per entry), lock-free readers. */
        KPBENCH,
        /** {@code java.util.concurrent.ConcurrentHashMap} keyed by tuple objects. */
        CONCURRENT_HASH_MAP
    }

    /** The filled table and the packets to look up. */
    @State(Scope.Thread)
    public static class Fixture extends PacketStream {
        /** The table implementation. */
        @Param
        public Impl impl;
        /** Tracked connections. */
        @Param({"10000", "100000", "1000000"})
        public int flows;

        Conntrack ct;
        FiveTuple out = new FiveTuple();

        /** Fills the table and draws the established packets. */
        @Setup(Level.Trial)
        public void setUp() {
            BenchCluster c = BenchCluster.clusterIp(1000, 10);
            int capacity = TrackedFlows.capacity(flows);
            ct = impl == Impl.KPBENCH ? new ConntrackTable(capacity, BenchCluster.SEED)
                    : new ConcurrentHashMapConntrack(capacity, BenchCluster.SEED);
            TrackedFlows.Nat nat = (t, random, masq) -> (0x0AF4_0000L | (random & 0xFFFF)) << 16 | 8080;
            TrackedFlows tracked = TrackedFlows.fill(ct, c, flows, nat, 0);
            use(tracked.lookups());
        }
    }
}
