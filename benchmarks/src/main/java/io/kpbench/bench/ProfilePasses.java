package io.kpbench.bench;

import java.util.List;
import java.util.Map;

/**
 * The passes of each profile, with the arithmetic behind the quick profile's run time.
 *
 * <p><b>quick</b> (1 fork, 2 x 1 s warmup, 3 x 1 s measurement unless a pass says otherwise):
 * <ul>
 *   <li>paired first packet ({@link PairedFirstPacketBenchmark}): the headline ratios. Each fork runs a 1 s
 *       fork gate, a setup that builds every mode's plane (about 7 s at 10k services and 13 s at 30k here with
 *       ParallelGC, most of it the five full syncs), a warmup round and measured rounds of 14 arms of 60 ms (about
 *       65 ms each with JMH's own turn between iterations). 10k services get 16 forks of 6 rounds (about 13.4 s a
 *       fork) and 30k services 14 forks of 8 rounds (about 22 s), together about the 8.8 minutes that 22 forks of
 *       3 rounds a scale took. Why: in the four quick runs at 4a52b19 and 1052e86 a fork's median over 3 rounds
 *       carried most of the spread between forks (one round's log-ratio varies by about 0.2 between rounds, a
 *       fork's own level by about 0.09), and setup was most of each fork; 6 or 8 rounds buy more precision per
 *       second. The first try (32ffb33: 14 forks at 10k, 19 at 30k) narrowed the 30k intervals to ±2.5-6.9% but
 *       left 10k at up to ±9.8%, and the run took 21 min 11 s, so 30k gave forks to 10k. Each scale's forks run
 *       in four parts spread over the JMH passes (4+4+4+4 at 10k, 4+4+3+3 at 30k, each part after the other
 *       scale's), because two runs at 7a6f920, each holding a scale's forks in one 3-5 minute stretch, differed by
 *       up to 13% where the host's core and memory drifted apart between them. Spread out, a scale's forks meet
 *       about 12 minutes of the host; the two runs at 2801c5d still differed by up to 11.7%, because the host's
 *       memory latency shifted for the whole of the second run (pointer-chase median 106 against 146 ns);</li>
 *   <li>the first-packet sweep's independent variant from pods to ClusterIPs at 100 and 1k services, every mode,
 *       and at 100k for the hash modes nftables, ipvs and ebpf (13 forks of 500 ms iterations): the curve and its
 *       crossover below the paired scales; and at 1k services through the node port, the LoadBalancer and an
 *       externalIP, every mode (15 forks of 1 + 2 iterations of 500 ms);</li>
 *   <li>churn 5 modes x 10k services (5 forks of 500 ms iterations);</li>
 *   <li>sync at 10k services, 3 + 20 single shots: full and cold partial syncs x 5 modes, warm partial syncs
 *       (128 syncs a shot) x 4 modes, iptables left out (14 forks);</li>
 *   <li>the established packet at 100k and 1M flows, nftables only (every mode takes the same conntrack path
 *       here): the chained table's growth, chain nodes per lookup as a secondary;</li>
 *   <li>the load-balancer journey, 5 modes at 10k services, 1 warmup and 2 measured iterations of 500 ms;</li>
 *   <li>the memory floor at 7 working sets (7 forks of 1 + 2 iterations of 500 ms);</li>
 * </ul>
 * then the experiments: memory and load-balancing quality side by side (neither times anything), open-loop
 * latency, programming latency with the kernel-applied syncs, thread scaling (paired windows, {@link ThreadScaling})
 * and the kernel lab. The service-map and
 * conntrack-table comparisons against library maps, and {@code ThroughputBenchmark} at 1 and 2 threads, run in the
 * full profile only: the quick profile's two-thread figure is {@link ThreadScaling}'s, because the one-thread and
 * two-thread JMH forks ran minutes apart and their quotient read 1.25x to 2.36x for one mode over four runs.
 *
 * <p>The budget is 20 minutes for the whole {@code mvn -B verify -Pbench} (which skips the unit tests). Measured:
 * 22 min 31 s at a1689b1 (20 paired forks of 100 ms arms a scale, without the lab, the cluster paths and the warm
 * syncs); 18 min 05 s at fdf9e7d (16 forks of 60 ms arms, memory beside load-balancing); 16 min 55 s and
 * 16 min 44 s at 4a52b19 (16 forks, 2 s gates, with thread scaling); 19 min 32 s and 19 min 12 s at 1052e86
 * (22 forks of 3 rounds a scale, 1 s gates); 21 min 11 s at 32ffb33 (14 forks of 6 rounds at 10k and 19 of 8 at
 * 30k, with throughput, the host in a slow spell that slowed the setups and the lab too); 17 min 48 s and
 * 18 min 42 s at 7a6f920 (one stretch a scale); 18 min 14 s and 18 min 12 s at 2801c5d (this profile);
 * 16 min 27 s and 19 min 26 s at 8c8548d (the second in a slow host state that slowed every arm by 26-58%);
 * 17 min 17 s and 17 min 52 s at b827870.
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
    /** The sync shots every mode runs: full syncs and cold partial syncs (iptables' partial-sync figure). */
    static final String SYNC_EVERY_MODE = "SyncBenchmark.(fullSync|partialSyncCold)$";
    /** The warm partial-sync shots ({@value SyncBenchmark#PAIRS_SYNCS} syncs each): every mode but iptables. */
    static final String SYNC_WARM = "SyncBenchmark.partialSync$";
    static final String PAIRED = "PairedFirstPacket";
    /** The first-packet sweep's independent variant only (the paired pass measures both variants). */
    static final String SWEEP_INDEPENDENT = "FirstPacketClassifyBenchmark.classify$";
    /**
     * The paired forks' heap: five modes' data planes of one cluster live together, about 1.1 GB at 30k services
     * of 10 endpoints (memory.csv of the reference runs: nftables 544 MB, iptables 231 MB, ebpf 171 MB, userspace
     * 101 MB, ipvs 57 MB), which a 2 GiB heap held only with full collections during setup. Not pre-touched: the
     * setup touches what the planes use, the measured arms allocate nothing, and touching 4 GiB costs 1.3 s a
     * fork here (42 s of the quick run's 20 minutes).
     */
    static final List<String> PAIRED_JVM_ARGS = List.of("-Xms4g", "-Xmx4g", "-XX:+UseParallelGC");
    /**
     * The heap of a pass at 100k services: nftables alone retains about 1.8 GB there (18 kB a service of 10
     * endpoints, memory.csv), more than the forks' 2 GiB, and a sync holds the old and the new tables at once.
     */
    static final List<String> LARGE_JVM_ARGS = List.of("-Xms6g", "-Xmx6g", "-XX:+UseParallelGC");
    /** Iterations of 500 ms: the quick profile's single-fork curves, which no ratio is taken from. */
    private static final int HALF = 500;
    /** Arms of the paired benchmark: a warmup round, then whole rounds. */
    private static final int ARMS = PairedArm.ALL.size();
    private static final List<String> HASH_MODES = List.of("NFTABLES", "IPVS", "EBPF");
    private static final List<String> NOT_IPTABLES = List.of("NFTABLES", "IPVS", "EBPF", "USERSPACE");
    private static final List<String> BELOW_100K = List.of("100", "1000", "10000", "30000");
    private static final List<String> CLUSTER_IP = List.of("clusterIP");
    /** The frontends a packet reaches from outside the cluster ({@link ServicePath}). */
    private static final List<String> OUTSIDE_PATHS = List.of("nodePort", "loadBalancer", "externalIP");

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
                    part("10000", 1, 4, 6),
                    part("30000", 1, 4, 8),
                    BenchPass.of(SWEEP_INDEPENDENT, 0, Map.of("services", List.of("100", "1000"),
                            "path", CLUSTER_IP)).forks(0, HALF),
                    BenchPass.of(SWEEP_INDEPENDENT, 0, Map.of("services", List.of("1000"), "path", OUTSIDE_PATHS))
                            .iterations(1, 2).forks(0, HALF),
                    part("10000", 2, 4, 6),
                    part("30000", 2, 4, 8),
                    BenchPass.of(SWEEP_INDEPENDENT, 0, Map.of("services", List.of("100000"), "mode", HASH_MODES,
                            "path", CLUSTER_IP)).forks(0, HALF).jvmArgs(LARGE_JVM_ARGS),
                    BenchPass.of("ChurnBenchmark", 0, Map.of("services", List.of("10000"))).forks(0, HALF),
                    part("10000", 3, 4, 6),
                    part("30000", 3, 3, 8),
                    BenchPass.of(SYNC_EVERY_MODE, 0, Map.of("services", List.of("10000")))
                            .iterations(SyncBenchmark.WARMUPS, SyncBenchmark.ITERATIONS),
                    BenchPass.of(SYNC_WARM, 0, Map.of("services", List.of("10000"), "mode", NOT_IPTABLES))
                            .iterations(SyncBenchmark.WARMUPS, SyncBenchmark.ITERATIONS),
                    part("10000", 4, 4, 6),
                    part("30000", 4, 3, 8),
                    BenchPass.of("EstablishedPacket", 0, Map.of("flows", List.of("100000", "1000000"),
                            "mode", List.of("NFTABLES"))),
                    BenchPass.of("JourneyBenchmark.loadBalancer", 0, Map.of("services", List.of("10000")))
                            .iterations(1, 2).forks(0, HALF),
                    BenchPass.of("MemoryFloor", 0, Map.of()).iterations(1, 2).forks(0, HALF));
            case FULL -> List.of(
                    paired(Map.of("services", List.of("1000", "10000", "30000")), 20, 6),
                    BenchPass.of("A0Baseline|FirstPacketClassify", 0, Map.of("endpoints", List.of("1", "10"),
                            "services", BELOW_100K)),
                    BenchPass.of("FirstPacketClassify", 0, Map.of("endpoints", List.of("1", "10"),
                            "services", List.of("100000"), "mode", NOT_IPTABLES)).jvmArgs(LARGE_JVM_ARGS),
                    BenchPass.of("FirstPacketClassify", 0, Map.of("endpoints", List.of("100"),
                            "services", List.of("100", "1000", "10000"))),
                    BenchPass.of(THROUGHPUT, 1, Map.of("services", List.of("1000", "10000"))),
                    BenchPass.of(THROUGHPUT, 1, Map.of("services", List.of("100000"), "mode", NOT_IPTABLES))
                            .jvmArgs(LARGE_JVM_ARGS),
                    BenchPass.of(THROUGHPUT, 2, Map.of("services", List.of("1000", "10000"))),
                    BenchPass.of(THROUGHPUT, 2, Map.of("services", List.of("100000"), "mode", NOT_IPTABLES))
                            .jvmArgs(LARGE_JVM_ARGS),
                    BenchPass.of(SYNC_EVERY_MODE, 0, Map.of("services", List.of("1000", "10000", "30000")))
                            .iterations(SyncBenchmark.WARMUPS, SyncBenchmark.ITERATIONS),
                    BenchPass.of(SYNC_WARM, 0, Map.of("services", List.of("1000", "10000", "30000"),
                            "mode", NOT_IPTABLES)).iterations(SyncBenchmark.WARMUPS, SyncBenchmark.ITERATIONS),
                    BenchPass.of("SyncBenchmark", 0, Map.of("services", List.of("100000"), "mode", NOT_IPTABLES))
                            .jvmArgs(LARGE_JVM_ARGS)
                            .iterations(SyncBenchmark.WARMUPS, SyncBenchmark.ITERATIONS),
                    BenchPass.of("ChurnBenchmark|ServiceLookup|EstablishedPacket|ConntrackLookup|MemoryFloor", 0,
                            Map.of()));
        };
    }

    /**
     * Part {@code n} of the paired forks at {@code services}: {@code forks} forks of a warmup round and {@code rounds}
     * rounds, labelled with {@link PairedFirstPacketBenchmark.Planes#part} so that it is a JMH record of its own
     * (and never a repeat of another part); {@link PairedRatios} joins a scale's parts.
     */
    private static BenchPass part(String services, int n, int forks, int rounds) {
        return paired(Map.of("services", List.of(services), "part", List.of(Integer.toString(n))), forks, rounds);
    }

    /** The paired pass over {@code params}: {@code forks} forks a cell, a warmup round and {@code rounds} rounds. */
    private static BenchPass paired(Map<String, List<String>> params, int forks, int rounds) {
        return BenchPass.of(PAIRED, 1, params).iterations(ARMS, rounds * ARMS)
                .forks(forks, PairedFirstPacketBenchmark.ARM_MILLIS).jvmArgs(PAIRED_JVM_ARGS);
    }
}
