package io.kpbench.bench;

import io.kpbench.net.FiveTuple;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One service lookup (cluster IP, protocol, port to service id) in our primitive map against the baselines
 * the style guide names: {@code java.util.HashMap} with a record key, Agrona's {@code Long2LongHashMap} and
 * JCTools' {@code NonBlockingHashMapLong}, in ns/op (see {@link ServiceMaps}).
 *
 * <p>Mechanism: {@code services} distinct keys (addresses drawn without repetition from the 10.96.0.0/12
 * service CIDR, TCP or UDP, one of a few common ports), and a seeded, shuffled array of lookups drawn
 * uniformly from them (all hits; at least 64Ki, 4 per key, at most 1Mi). Each lookup starts from the packet's
 * primitives, as a data plane does: the primitive maps take the packed key
 * ({@link FiveTuple#packV4Key}); the HashMap baseline builds its record key.
 */
public class ServiceLookupBenchmark extends BenchmarkDefaults {
    /** Looks up the next key and returns the service id. */
    @Benchmark
    public long lookup(Fixture f) {
        int i = f.cursor++ & f.mask;
        int[] k = f.keys;
        return f.map.get(k[3 * i], k[3 * i + 1], k[3 * i + 2]);
    }

    /** The map under test and the lookup sequence. */
    @State(Scope.Thread)
    public static class Fixture {
        /** The map implementation. */
        @Param
        public ServiceMaps.Impl impl;
        /** Services (keys) in the map. */
        @Param({"1000", "100000", "1000000"})
        public int services;

        ServiceMaps.Lookup map;
        int[] keys;
        int mask;
        int cursor;

        /** Fills the map and draws the lookups. */
        @Setup(Level.Trial)
        public void setUp() {
            ServiceMaps.Keys all = ServiceMaps.Keys.draw(services, BenchCluster.SEED);
            map = impl.build(all);
            int size = PacketMix.SIZE;
            keys = all.lookups(size, BenchCluster.SEED + 1);
            mask = size - 1;
        }
    }
}
