package io.kpbench.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a lab run measures.
 *
 * @param services the cluster sizes N
 * @param backends the kernel back ends
 * @param out the results folder
 * @param connects first-packet connects per target and cell, spread over the rounds
 * @param requests established request/replies per cell; 0 skips the established probes (their columns are NaN)
 * @param partials one-service partial updates timed per target (their median is {@code partialMs}); 0 skips them
 *     (NaN), as the bench run does to keep within its time
 * @param rounds the rounds of interleaved first-packet probing per cell ({@link InterleavedRounds}): a target's
 *     p50 is the median of its round p50s
 * @param evictBytes bytes the prober reads before each first-packet connect to push the ruleset out of its
 *     core's private caches ({@link Prober}); 0 probes with whatever the caches hold
 */
public record LabOptions(List<Integer> services, List<KernelBackend> backends, Path out, int connects,
        int requests, int partials, int rounds, int evictBytes) {
    /** The rounds when none are given: an odd count, so that the median is a measured round. */
    public static final int ROUNDS = 7;

    /** Copies the lists. */
    public LabOptions {
        services = List.copyOf(services);
        backends = List.copyOf(backends);
        if (rounds < 1 || evictBytes < 0) {
            throw new IllegalArgumentException("rounds: at least 1, evictBytes: at least 0");
        }
    }

    /** Options with {@value #ROUNDS} rounds that evict {@link #privateCacheBytes()} twice over before each connect. */
    public LabOptions(List<Integer> services, List<KernelBackend> backends, Path out, int connects, int requests,
            int partials) {
        this(services, backends, out, connects, requests, partials, ROUNDS, 2 * privateCacheBytes());
    }

    /**
     * The size of the largest cache private to cpu0 (its L2 here: 2 MiB), from sysfs; 4 MiB when sysfs does
     * not say.
     */
    public static int privateCacheBytes() {
        int best = 0;
        Path dir = Path.of("/sys/devices/system/cpu/cpu0/cache");
        try (var ls = Files.list(dir)) {
            for (Path idx : ls.filter(p -> p.getFileName().toString().startsWith("index")).toList()) {
                String shared = Files.readString(idx.resolve("shared_cpu_list")).strip();
                String size = Files.readString(idx.resolve("size")).strip();
                if (shared.equals("0") && size.endsWith("K")) {
                    best = Math.max(best, 1024 * Integer.parseInt(size.substring(0, size.length() - 1)));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 4 << 20; // not Linux or no cache topology (some VMs): a common L2 and then some
        }
        return best > 0 ? best : 4 << 20;
    }

    /** The connects per target in each round (at least one). */
    public int connectsPerRound() {
        return Math.max(1, connects / rounds);
    }

    /** Options that time three partial updates per target, as the {@code kernel-lab} command does. */
    public LabOptions(List<Integer> services, List<KernelBackend> backends, Path out, int connects, int requests) {
        this(services, backends, out, connects, requests, 3);
    }
}
