package io.kpbench.bench;

import io.kpbench.proxy.quality.LbQualityRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The experiments of a run that are not JMH timings, run after the JMH passes when {@code -Dbench.include}
 * matches their names: {@code MemoryFootprint} ({@code memory.csv}, in a forked JVM with the benchmarks'
 * collector and an 8 GiB heap) and {@code LbQuality} (the load-balancing CSVs {@code lb-distribution.csv} and
 * {@code lb-disruption.csv} of {@link LbQualityRunner}, in this JVM, while the memory JVM runs: neither times
 * anything) and {@code OpenLoopLatency} (the
 * {@code .hgrm} files and {@code latency.hlog} of {@link OpenLoopLatency}, a forked JVM per mode with the
 * benchmark forks' flags) and {@code ProgrammingLatency} ({@code programming-latency.csv} and its {@code .hgrm}
 * files, kube-proxy's sync loop under churn per {@link LatencyCells}, a forked JVM per mode with the forks' flags)
 * and {@code KernelLabExperiment} (the real kernel's {@code kernel-lab.csv} and {@code calibration.json}, root only,
 * else one line; {@code -Dbench.kernel=off} skips it) and {@code ThreadScaling} ({@code scaling.csv}: two threads
 * over one in paired windows, {@link ThreadScaling}, a forked JVM per mode with the forks' flags).
 * A forked experiment that fails costs one line and fails the run, after the others.
 *
 * <p>With {@code -Dbench.shard=I/N} each experiment runs on exactly one shard ({@link #owner}): the experiments in
 * the order above ({@link #NAMES}) are dealt round-robin from the last shard down, experiment k to shard
 * {@code N - (k mod N)}, because the JMH groups are dealt from shard 1 up ({@link ShardPlan}). With two shards:
 * memory, open-loop latency and the kernel lab on shard 2, load-balancing quality, programming latency and thread
 * scaling on 1.
 */
final class Experiments {
    /** The memory experiment's JVM: the forks' collector, a larger heap. */
    static final List<String> MEMORY_JVM_ARGS = List.of("-Xms1g", "-Xmx8g", "-XX:+UseParallelGC");

    /** The experiments, in the order they are dealt to shards. */
    static final List<String> NAMES = List.of("MemoryFootprint", "LbQuality", "OpenLoopLatency", "ProgrammingLatency",
            "KernelLabExperiment", "ThreadScaling");

    private Experiments() {
    }

    /** The 1-based shard of {@code count} that runs the experiment {@code name} (one of {@link #NAMES}). */
    static int owner(String name, int count) {
        int k = NAMES.indexOf(name);
        if (k < 0) {
            throw new IllegalArgumentException("no experiment " + name);
        }
        return count - k % count;
    }

    /** The experiments {@code shard} runs, as one phrase for the run's log. */
    static String owned(Shard shard) {
        List<String> mine = NAMES.stream().filter(n -> owner(n, shard.count()) == shard.index()).toList();
        return mine.isEmpty() ? "no experiment" : "the experiments " + String.join(", ", mine);
    }

    /** True when {@code -Dbench.include} selects experiment {@code name} and this shard runs it. */
    private static boolean selected(BenchSettings s, Pattern include, String name) {
        return include.matcher("io.kpbench.bench." + name).find()
                && owner(name, s.shard().count()) == s.shard().index();
    }

    /** Runs the experiments {@code s} selects into {@code dir}; false when one of them failed. */
    static boolean run(BenchSettings s, Path dir) throws IOException {
        Pattern include = Pattern.compile(s.include());
        boolean ok = true;
        // the two timing-free experiments (bytes retained, load-balancing statistics) share the two cores: the
        // memory footprint's JVM runs while this one computes the load-balancing quality
        long started = System.nanoTime();
        Process memory = selected(s, include, "MemoryFootprint")
                ? new ProcessBuilder(memoryCommand(s, dir)).inheritIO().start() : null;
        if (selected(s, include, "LbQuality")) {
            if (s.profile() == BenchProfile.SMOKE) {
                new LbQualityRunner(10_000, 1, new int[] {10}).runInto(dir);
            } else {
                LbQualityRunner.run(dir);
            }
            System.out.printf("kpbench bench: load-balancing quality in %.1f s%n",
                    (System.nanoTime() - started) / 1e9);
        }
        if (memory != null) {
            int rc = waitFor(memory);
            if (rc != 0) {
                System.err.println("kpbench bench: the memory footprint failed (its JVM exited with " + rc + ")");
                ok = false;
            } else {
                System.out.printf("kpbench bench: memory footprint in %.1f s%n", (System.nanoTime() - started) / 1e9);
            }
        }
        if (selected(s, include, "OpenLoopLatency")) {
            long t0 = System.nanoTime();
            boolean smoke = s.profile() == BenchProfile.SMOKE;
            // the forks' flags: the smoke profile's small heap, else BenchMain.FORK_JVM_ARGS
            ok &= OpenLoopLatency.run(dir, s.profile().jvmArgs(), smoke ? 100 : 10_000, 200_000,
                    smoke ? 200_000_000L : 2_000_000_000L);
            System.out.printf("kpbench bench: open-loop latency in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        }
        if (selected(s, include, "ProgrammingLatency")) {
            long t0 = System.nanoTime();
            // the forks' flags: the smoke profile's small heap, else BenchMain.FORK_JVM_ARGS
            ok &= ProgrammingLatency.run(dir, s.profile(), s.profile().jvmArgs());
            System.out.printf("kpbench bench: programming latency in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        }
        if (selected(s, include, "ThreadScaling")) {
            long t0 = System.nanoTime();
            // the forks' flags; 10k services as ThroughputBenchmark's 2-thread pass; windows of 100 ms, short
            // against the host's spells of one speed (ThreadScaling's javadoc)
            ok &= switch (s.profile()) {
                case SMOKE -> ThreadScaling.run(dir, s.profile().jvmArgs(), 100, 4, 20);
                case QUICK -> ThreadScaling.run(dir, s.profile().jvmArgs(), 10_000, 30, 100);
                case FULL -> ThreadScaling.run(dir, s.profile().jvmArgs(), 10_000, 60, 100);
            };
            System.out.printf("kpbench bench: thread scaling in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        }
        if (selected(s, include, "KernelLabExperiment")) {
            ok &= KernelLabExperiment.run(s, dir);
        }
        return ok;
    }

    /** The memory footprint's JVM: {@link MemoryFootprint} over the profile's clusters into {@code memory.csv}. */
    private static List<String> memoryCommand(BenchSettings s, Path dir) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        // a timing-free measurement: a heap large enough for iptables at 100k services (about 2.2 GB retained)
        cmd.addAll(s.profile() == BenchProfile.SMOKE ? s.profile().jvmArgs() : MEMORY_JVM_ARGS);
        cmd.addAll(BenchInput.current().jvmArgs());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(MemoryFootprint.class.getName());
        cmd.add(dir.resolve("memory.csv").toString());
        cmd.addAll(switch (s.profile()) {
            case SMOKE -> List.of("100x1", "100x1:LoadBalancer");
            case QUICK -> List.of("10000x10", "30000x10", "1000x10:ClusterIP", "1000x10:NodePort",
                    "1000x10:LoadBalancer");
            case FULL -> List.of("10000x10", "30000x10", "100000x10", "1000x10:ClusterIP",
                    "1000x10:NodePort", "1000x10:LoadBalancer", "10000x10:NodePort", "10000x10:LoadBalancer");
        });
        return cmd;
    }

    /** Runs {@code cmd} with this JVM's standard streams and returns its exit code. */
    static int child(List<String> cmd) throws IOException {
        return waitFor(new ProcessBuilder(cmd).inheritIO().start());
    }

    private static int waitFor(Process p) throws IOException {
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for an experiment's JVM", e);
        }
    }
}
