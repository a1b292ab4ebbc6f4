package io.kpbench.bench;

import java.util.List;
import java.util.Map;

/**
 * The passes of each profile, with the arithmetic behind the quick profile's run time.
 *
 * <p><b>quick</b> (1 fork, 2 x 1 s warmup, 3 x 1 s measurement: about 5 s of iterations plus 3-8 s of JVM start
 * and setup per fork, ~10 s a fork on 2 idle cores):
 * <ul>
 *   <li>baseline 1 fork; first-packet 5 modes x {1k, 10k, 30k} services x 10 endpoints, uniform (15 forks),
 *       plus 100k services for the hash modes nftables, ipvs and ebpf (3 forks);</li>
 *   <li>throughput 5 modes x 10k services at 1 and at 2 threads (10 forks);</li>
 *   <li>churn 5 modes x 10k services (5 forks);</li>
 *   <li>sync 2 methods x 5 modes x {1k, 10k} services (20 forks), in single shots: 5 warmup and 20 measured
 *       shots per fork, each after a full collection (a full sync at 10k is a few hundred ms, a partial-sync
 *       shot is a batch of 64), so the 10k forks take about 20-30 s each;</li>
 *   <li>service lookup 4 maps x {1k, 1M} services (8 forks);</li>
 *   <li>established packet 5 modes and conntrack lookup 2 tables at 1M flows (7 forks; the setup creates the
 *       million flows through the mode's data plane, a few seconds);</li>
 *   <li>journeys 3 kinds x 5 modes at 10k services, 1 x 1 s warmup and 2 x 1 s measurement (15 short forks,
 *       about 1.5-2 minutes: each builds a 3-node cluster and primes for up to a second);</li>
 * </ul>
 * 84 forks, about 11-12 minutes, then the memory and load-balancing experiments (about 1-2 minutes): about
 * 13-14 minutes in all on an idle machine, more on a loaded one.
 *
 * <p><b>full</b> runs every benchmark's own {@code @Param} values, except where a setup does not fit the
 * forks' 2 GiB heap: first-packet classify at 100 endpoints per service stops at 10k services (30k x 100 = 3M
 * endpoints, 100k x 100 = 10M), and iptables stops at 30k services (its data plane retains about 22 kB per
 * service of 10 endpoints, {@code memory.csv}: about 2.2 GB at 100k). {@link MemoryFootprint} measures every
 * mode at 100k in its own, larger heap.
 *
 * <p><b>smoke</b> runs every benchmark once, at 100 services and 1 endpoint, throughput at 2 threads only.
 */
final class ProfilePasses {
    /** Every benchmark but throughput, which has a pass per thread count. */
    static final String SINGLE = "A0Baseline|FirstPacketClassify|PairedFirstPacket|ChurnBenchmark|SyncBenchmark|ServiceLookup"
            + "|EstablishedPacket|ConntrackLookup|JourneyBenchmark";
    static final String THROUGHPUT = "ThroughputBenchmark";
    static final String PAIRED = "PairedFirstPacket";
    /** The first-packet sweep's independent variant only (the paired pass measures both variants). */
    static final String SWEEP_INDEPENDENT = "FirstPacketClassifyBenchmark.classify$";
    /**
     * The paired forks' heap: five modes' data planes of one cluster live together (iptables alone retains about
     * 22 kB per service of 10 endpoints, 660 MB at 30k services).
     */
    static final List<String> PAIRED_JVM_ARGS = List.of("-Xms4g", "-Xmx4g", "-XX:+UseParallelGC",
            "-XX:+AlwaysPreTouch");
    /** Arms of the paired benchmark: a warmup round, then whole rounds. */
    private static final int ARMS = PairedArm.ALL.size();
    private static final List<String> HASH_MODES = List.of("NFTABLES", "IPVS", "EBPF");
    private static final List<String> NOT_IPTABLES = List.of("NFTABLES", "IPVS", "EBPF", "USERSPACE");
    private static final List<String> BELOW_100K = List.of("100", "1000", "10000", "30000");

    private ProfilePasses() {
    }

    static List<BenchPass> of(BenchProfile p) {
        return switch (p) {
            case SMOKE -> List.of(
                    BenchPass.of(SINGLE.replace("|" + PAIRED, ""), 0, Map.of()),
                    BenchPass.of(PAIRED, 0, Map.of("services", List.of("100"))).iterations(ARMS, ARMS).forks(1, 20),
                    BenchPass.of(THROUGHPUT, 2, Map.of()),
                    BenchPass.of("MemoryFloor", 0, Map.of("bytes", List.of("32768"))));
            case QUICK -> List.of(
                    paired(List.of("10000", "30000"), 14, 4),
                    BenchPass.of(SWEEP_INDEPENDENT, 0, Map.of("services", List.of("1000", "10000", "30000"))),
                    BenchPass.of(SWEEP_INDEPENDENT, 0, Map.of("services", List.of("100000"), "mode", HASH_MODES)),
                    BenchPass.of(THROUGHPUT, 1, Map.of("services", List.of("10000"))),
                    BenchPass.of(THROUGHPUT, 2, Map.of("services", List.of("10000"))),
                    BenchPass.of("ChurnBenchmark", 0, Map.of("services", List.of("10000"))),
                    BenchPass.of("SyncBenchmark", 0, Map.of("services", List.of("1000", "10000")))
                            .iterations(SyncBenchmark.WARMUPS, SyncBenchmark.ITERATIONS),
                    BenchPass.of("ServiceLookup", 0, Map.of("services", List.of("1000", "1000000"))),
                    BenchPass.of("EstablishedPacket|ConntrackLookup", 0, Map.of("flows", List.of("1000000"))),
                    BenchPass.of("JourneyBenchmark", 0, Map.of("services", List.of("10000"))).iterations(1, 2),
                    BenchPass.of("MemoryFloor", 0, Map.of()).iterations(1, 2));
            case FULL -> List.of(
                    paired(List.of("1000", "10000", "30000"), 20, 6),
                    BenchPass.of("A0Baseline|FirstPacketClassify", 0, Map.of("endpoints", List.of("1", "10"),
                            "services", BELOW_100K)),
                    BenchPass.of("FirstPacketClassify", 0, Map.of("endpoints", List.of("1", "10"),
                            "services", List.of("100000"), "mode", NOT_IPTABLES)),
                    BenchPass.of("FirstPacketClassify", 0, Map.of("endpoints", List.of("100"),
                            "services", List.of("100", "1000", "10000"))),
                    BenchPass.of(THROUGHPUT, 1, Map.of("services", List.of("1000", "10000"))),
                    BenchPass.of(THROUGHPUT, 1, Map.of("services", List.of("100000"), "mode", NOT_IPTABLES)),
                    BenchPass.of(THROUGHPUT, 2, Map.of("services", List.of("1000", "10000"))),
                    BenchPass.of(THROUGHPUT, 2, Map.of("services", List.of("100000"), "mode", NOT_IPTABLES)),
                    BenchPass.of("SyncBenchmark", 0, Map.of("services", List.of("1000", "10000", "30000")))
                            .iterations(SyncBenchmark.WARMUPS, SyncBenchmark.ITERATIONS),
                    BenchPass.of("SyncBenchmark", 0, Map.of("services", List.of("100000"), "mode", NOT_IPTABLES))
                            .iterations(SyncBenchmark.WARMUPS, SyncBenchmark.ITERATIONS),
                    BenchPass.of("ChurnBenchmark|ServiceLookup|EstablishedPacket|ConntrackLookup|MemoryFloor", 0,
                            Map.of()));
        };
    }

    /** The paired pass: {@code forks} forks per services count, a warmup round and {@code rounds} rounds. */
    private static BenchPass paired(List<String> services, int forks, int rounds) {
        return BenchPass.of(PAIRED, 1, Map.of("services", services)).iterations(ARMS, rounds * ARMS)
                .forks(forks, 100).jvmArgs(PAIRED_JVM_ARGS);
    }
}
