package io.kpbench.bench;

import io.kpbench.conntrack.ConntrackBuckets;
import io.kpbench.conntrack.ConntrackTable;
import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.DataPlane;
import io.kpbench.proxy.ProxyMode;
import io.kpbench.proxy.ebpf.EbpfDataPlane;
import io.kpbench.proxy.iptables.IptablesDataPlane;
import io.kpbench.proxy.ipvs.IpvsDataPlane;
import io.kpbench.proxy.nftables.NftablesDataPlane;
import io.kpbench.proxy.userspace.UserspaceDataPlane;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Every proxy mode's first packet, measured in pairs within one fork: the figures behind {@code ratios.csv}.
 *
 * <p>Why: a ratio of two modes measured in separate forks minutes apart mixes the modes with the host's slow
 * drift (shared L3 and DRAM) and each JVM's placement; on this 2-core machine that moved iptables/nftables at 30k
 * services between 8.3x and 12.6x over four identical runs. Here one fork builds and primes the data plane of
 * every mode on one cluster, plus the harness floor ({@link NoopDataPlane}) and the established packet (a
 * conntrack hit of the same cluster's flows), and measures them in rotation ({@link ArmRotation}): one short
 * iteration per {@link PairedArm}, rounds of a seeded permutation. {@link PairedRatios} takes each ratio within a
 * round, the median over a fork's rounds, and the geometric mean over forks with a 95% interval over forks.
 *
 * <p>How each arm stays what it claims:
 * <ul>
 *   <li>Every arm is its own method, never inlined into the dispatch ({@link CompilerControl}), calling its
 *       plane through the plane's concrete final class: a monomorphic, directly bound call site per mode, whose
 *       compiled code is what a single-mode fork would run. The dispatch (a switch on an arm that is constant for
 *       the whole iteration, hence perfectly predicted) and the call cost the same in every arm, the baseline
 *       included.</li>
 *   <li>The arm's ns/op is this fork's own clock over the iteration (from its {@code Level.Iteration} setup to
 *       its teardown, over the packets it classified), reported as a per-arm secondary metric
 *       ({@link Figures}); it is 0 in the iterations of other arms. The primary score mixes every arm: read the
 *       secondaries, or {@code arms.csv}.</li>
 *   <li>Dependent arms add {@code last & zero} to the packet index: {@code zero} is a field that is 0 at run
 *       time but unknown to the compiler, so the next packet's loads wait for this packet's result as a real
 *       packet's processing would, and the index sequence is the independent arm's.</li>
 * </ul>
 *
 * <p>One thread only: the trial setup refuses {@code -t 2} rather than let two threads race on one stream.
 * The pass sets the iteration counts: warmup one round per arm, measurement a whole number of rounds.
 */
@Warmup(iterations = 14, time = PairedFirstPacketBenchmark.ARM_MILLIS, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 42, time = PairedFirstPacketBenchmark.ARM_MILLIS, timeUnit = TimeUnit.MILLISECONDS)
public class PairedFirstPacketBenchmark extends BenchmarkDefaults {
    /**
     * One arm's iteration, in ms: about 5,000 iptables packets at 30k services and 10 million baseline packets.
     * The cheap arms (the harness floor, the independent established packet) also move between iterations of one
     * fork: at 30k services, per 60 ms iteration, the floor takes one of two values about 2× apart and the
     * established arm varies up to 2.4× within a fork, which is what keeps the independent first/established
     * ratios near ±11-17% over 16 forks. Shorter arms do not cure it: 20 ms arms in 9 rounds (the same measured
     * time) narrowed the other intervals but moved the ratios themselves against two 60 ms runs that agreed within
     * 12% (30k services, 16 forks each, 2026-12-06, machine loaded by builds): iptables over established -20% to
     * -29%, IPVS over established -16% to -21%, eBPF over nftables +13% to +24%. The after-effect of the previous
     * arm on the caches is a larger share of a shorter iteration. So the arm stays 60 ms.
     */
    static final int ARM_MILLIS = 60;

    /** Classifies the next packet through the iteration's arm ({@code figures} reports per arm). */
    @Benchmark
    public long classify(Planes p, Figures figures) {
        return dispatch(p);
    }

    /** The arm's method for the next packet: a switch on a value constant over the iteration. */
    static long dispatch(Planes p) {
        switch (p.arm) {
            case 0: return baselineIndependent(p);
            case 1: return baselineDependent(p);
            case 2: return iptablesIndependent(p);
            case 3: return iptablesDependent(p);
            case 4: return nftablesIndependent(p);
            case 5: return nftablesDependent(p);
            case 6: return ipvsIndependent(p);
            case 7: return ipvsDependent(p);
            case 8: return ebpfIndependent(p);
            case 9: return ebpfDependent(p);
            case 10: return userspaceIndependent(p);
            case 11: return userspaceDependent(p);
            case 12: return establishedIndependent(p);
            case 13: return establishedDependent(p);
            default: throw new IllegalStateException("no arm " + p.arm);
        }
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long baselineIndependent(Planes p) {
        return p.baseline.classify(p.independent(), p.now, p.random());
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long baselineDependent(Planes p) {
        return p.last = p.baseline.classify(p.dependent(), p.now, p.random());
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long iptablesIndependent(Planes p) {
        return p.iptables.classify(p.independent(), p.now, p.random());
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long iptablesDependent(Planes p) {
        return p.last = p.iptables.classify(p.dependent(), p.now, p.random());
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long nftablesIndependent(Planes p) {
        return p.nftables.classify(p.independent(), p.now, p.random());
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long nftablesDependent(Planes p) {
        return p.last = p.nftables.classify(p.dependent(), p.now, p.random());
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long ipvsIndependent(Planes p) {
        return p.ipvs.classify(p.independent(), p.now, p.random());
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long ipvsDependent(Planes p) {
        return p.last = p.ipvs.classify(p.dependent(), p.now, p.random());
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long ebpfIndependent(Planes p) {
        return p.ebpf.classify(p.independent(), p.now, p.random());
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long ebpfDependent(Planes p) {
        return p.last = p.ebpf.classify(p.dependent(), p.now, p.random());
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long userspaceIndependent(Planes p) {
        return p.userspace.classify(p.independent(), p.now, p.random());
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long userspaceDependent(Planes p) {
        return p.last = p.userspace.classify(p.dependent(), p.now, p.random());
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long establishedIndependent(Planes p) {
        return p.ct.lookup(p.established(p.cursor++), TrackedFlows.NOW, p.out);
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long establishedDependent(Planes p) {
        return p.last = p.ct.lookup(p.established(p.cursor++ + (p.last & p.zero)), TrackedFlows.NOW, p.out);
    }

    /**
     * Every plane of one cluster, primed, and the rotation of the fork's iterations. Benchmark-scoped so that
     * {@link Figures} and the measured method share one instance (JMH makes a thread-scoped state per injection
     * site); the setup refuses more than one thread.
     */
    @State(Scope.Benchmark)
    public static class Planes extends PacketStream {
        /** ClusterIP services in the cluster (10 endpoints each). */
        @Param({"10000", "30000"})
        public int services;

        /**
         * Which part of a scale's forks this JMH run holds, when a profile spreads them over the run (between its
         * other passes, so that a scale's forks meet more of the host's slow states): 0 when one run holds them all.
         * A label only: {@link PairedRatios} joins a scale's parts, and the planes do not depend on it.
         */
        @Param({"0"})
        public int part;

        NoopDataPlane baseline;
        IptablesDataPlane iptables;
        NftablesDataPlane nftables;
        IpvsDataPlane ipvs;
        EbpfDataPlane ebpf;
        UserspaceDataPlane userspace;
        ConntrackTable ct;
        FiveTuple out = new FiveTuple();
        PacketMix flows;
        /** The arm of the current iteration (a {@link PairedArm} ordinal). */
        int arm;

        private ArmRotation rotation;
        private boolean measuring;
        private long iterationStart;
        private long packetsAtStart;
        /** The priming budget of one arm: the warmup round follows, so 50 ms (at least {@link #PRIME_MIN} packets:
         * about 4,500 iptables packets at 30k services, each a loop of thousands of rule checks) is enough for C2 to
         * compile it. */
        static final long ARM_PRIME_NANOS = 50_000_000L;

        private int lastArm = -1;
        private double lastNanosPerPacket;
        private double share;

        /**
         * Runs the fork gate ({@link ForkGate}: steal, load, a pointer-chase and a compute probe, recorded in the run
         * folder's {@code forks.csv}), builds the cluster and every plane, fills conntrack (a kube-proxy node's bucket
         * count on Linux 5.15 and later, {@link ConntrackBuckets#kubeProxyNode}) through nftables, sends every plane
         * the rare paths ({@link RarePaths}: no fork compiles a classifier without those branches), primes every
         * arm, and seeds the rotation with the fork's ordinal (so a run's orders are reproducible).
         */
        @Setup(Level.Trial)
        public void setUp(BenchmarkParams bp) throws IOException {
            if (bp.getThreads() != 1) {
                throw new IllegalStateException("the paired benchmark runs one thread, not " + bp.getThreads());
            }
            String runDir = System.getProperty("kpbench.run.dir");
            int fork = runDir == null ? 0 : ForkGate.append(Path.of(runDir),
                    "PairedFirstPacketBenchmark.classify", "services=" + services, ForkGate.measure());
            BenchCluster c = BenchCluster.clusterIp(services, 10);
            baseline = new NoopDataPlane();
            // the five full syncs are independent: build them on every core (setup, not measured), which halves the
            // fork's setup at 30k services on two cores
            Map<ProxyMode, DataPlane> planes = Stream.of(ProxyMode.values()).parallel()
                    .collect(Collectors.toConcurrentMap(m -> m, c::syncedDataPlane));
            iptables = (IptablesDataPlane) planes.get(ProxyMode.IPTABLES);
            nftables = (NftablesDataPlane) planes.get(ProxyMode.NFTABLES);
            ipvs = (IpvsDataPlane) planes.get(ProxyMode.IPVS);
            ebpf = (EbpfDataPlane) planes.get(ProxyMode.EBPF);
            userspace = (UserspaceDataPlane) planes.get(ProxyMode.USERSPACE);
            int capacity = TrackedFlows.capacity(PacketMix.SIZE);
            ct = new ConntrackTable(IpFamily.IPv4, capacity,
                    ConntrackBuckets.kubeProxyNode(ConntrackBuckets.Kernel.SINCE_5_15, capacity), BenchCluster.SEED);
            flows = TrackedFlows.through(ct, c, PacketMix.SIZE, nftables).lookups();
            use(PacketMix.of(c.snapshot(), Traffic.UNIFORM, PacketMix.SIZE, BenchCluster.SEED));
            RarePaths rare = RarePaths.of(c.snapshot(), c.node().nodeName(), RarePaths.COUNT, BenchCluster.SEED);
            for (DataPlane dp : planes.values()) {
                rare.classifyAll(dp, now);
            }
            for (PairedArm a : PairedArm.ALL) {
                primeArm(a);
            }
            rotation = new ArmRotation(PairedArm.ALL.size(), BenchCluster.SEED + fork);
        }

        /**
         * Runs {@code a}'s own method over the mix (every packet once, or at least {@link #PRIME_MIN} and as many as
         * fit in {@link #ARM_PRIME_NANOS}): the plane's slow paths run, and the arm's method is hot, so its
         * compilation starts before the warmup round rather than inside the arm's one warmup iteration.
         */
        private void primeArm(PairedArm a) {
            arm = a.ordinal();
            prime(ARM_PRIME_NANOS, () -> dispatch(this));
            last = 0;
        }

        /** Picks the iteration's arm and starts its clock. */
        @Setup(Level.Iteration)
        public void begin(BenchmarkParams bp, IterationParams ip) {
            measuring = ip.getType() == IterationType.MEASUREMENT;
            int arms = PairedArm.ALL.size();
            if (measuring && ip.getCount() % arms != 0) {
                throw new IllegalStateException("measurement iterations must be whole rounds of " + arms + " arms, not "
                        + ip.getCount());
            }
            arm = measuring ? rotation.nextMeasurement() : rotation.nextWarmup();
            share = measuring ? arms / (double) ip.getCount() / Math.max(1, bp.getForks()) : 0;
            packetsAtStart = cursor;
            iterationStart = System.nanoTime();
        }

        /** Stops the iteration's clock. */
        @TearDown(Level.Iteration)
        public void end() {
            long nanos = System.nanoTime() - iterationStart;
            long packets = cursor - packetsAtStart;
            lastArm = arm;
            lastNanosPerPacket = packets == 0 ? Double.NaN : nanos / (double) packets;
        }

        /** The established packet at {@code position} of the flows' stream. */
        final FiveTuple established(long position) {
            return flows.load((int) position & mask, tuple);
        }

        /** The arm's figure for the score: its ns/op times its share, in its measured iterations; else 0. */
        double figure(PairedArm a) {
            return measuring && lastArm == a.ordinal() ? lastNanosPerPacket * share : 0;
        }

    }

    /**
     * Each arm's ns/op as a secondary metric (JMH allows {@code @AuxCounters} on thread-scoped states only). JMH
     * sums {@code EVENTS} over iterations and forks, so each measured iteration reports its ns/op times its share
     * (one over the arm's iterations in all forks): the score JMH writes is the arm's mean ns/op, and the raw
     * data holds, per fork and iteration, the arm's figure in its own iterations and 0 in the others.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Figures {
        private Planes planes;

        /** Binds to the fork's planes. */
        @Setup(Level.Trial)
        public void bind(Planes p) {
            planes = p;
        }

        public double baselineIndependent() {
            return planes.figure(PairedArm.BASELINE_INDEPENDENT);
        }

        public double baselineDependent() {
            return planes.figure(PairedArm.BASELINE_DEPENDENT);
        }

        public double iptablesIndependent() {
            return planes.figure(PairedArm.IPTABLES_INDEPENDENT);
        }

        public double iptablesDependent() {
            return planes.figure(PairedArm.IPTABLES_DEPENDENT);
        }

        public double nftablesIndependent() {
            return planes.figure(PairedArm.NFTABLES_INDEPENDENT);
        }

        public double nftablesDependent() {
            return planes.figure(PairedArm.NFTABLES_DEPENDENT);
        }

        public double ipvsIndependent() {
            return planes.figure(PairedArm.IPVS_INDEPENDENT);
        }

        public double ipvsDependent() {
            return planes.figure(PairedArm.IPVS_DEPENDENT);
        }

        public double ebpfIndependent() {
            return planes.figure(PairedArm.EBPF_INDEPENDENT);
        }

        public double ebpfDependent() {
            return planes.figure(PairedArm.EBPF_DEPENDENT);
        }

        public double userspaceIndependent() {
            return planes.figure(PairedArm.USERSPACE_INDEPENDENT);
        }

        public double userspaceDependent() {
            return planes.figure(PairedArm.USERSPACE_DEPENDENT);
        }

        public double establishedIndependent() {
            return planes.figure(PairedArm.ESTABLISHED_INDEPENDENT);
        }

        public double establishedDependent() {
            return planes.figure(PairedArm.ESTABLISHED_DEPENDENT);
        }
    }
}
