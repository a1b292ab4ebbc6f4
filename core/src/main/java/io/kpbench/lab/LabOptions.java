package io.kpbench.lab;

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
 */
public record LabOptions(List<Integer> services, List<KernelBackend> backends, Path out, int connects,
        int requests, int partials, int rounds) {
    /** The rounds when none are given: an odd count, so that the median is a measured round. */
    public static final int ROUNDS = 7;

    /** Copies the lists. */
    public LabOptions {
        services = List.copyOf(services);
        backends = List.copyOf(backends);
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds: at least 1, got " + rounds);
        }
    }

    /** Options with {@value #ROUNDS} rounds. */
    public LabOptions(List<Integer> services, List<KernelBackend> backends, Path out, int connects, int requests,
            int partials) {
        this(services, backends, out, connects, requests, partials, ROUNDS);
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
