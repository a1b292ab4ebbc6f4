package io.kpbench.lab;

import java.nio.file.Path;
import java.util.List;

/**
 * What a lab run measures.
 *
 * @param services the cluster sizes N
 * @param backends the kernel back ends
 * @param out the results folder
 * @param connects first-packet connects per cell
 * @param requests established request/replies per cell; 0 skips the established probes (their columns are NaN)
 * @param partials one-service partial updates timed per target (their median is {@code partialMs}); 0 skips them
 *     (NaN), as the bench run does to keep within its time
 */
public record LabOptions(List<Integer> services, List<KernelBackend> backends, Path out, int connects,
        int requests, int partials) {
    /** Copies the lists. */
    public LabOptions {
        services = List.copyOf(services);
        backends = List.copyOf(backends);
    }

    /** Options that time three partial updates per target, as the {@code kernel-lab} command does. */
    public LabOptions(List<Integer> services, List<KernelBackend> backends, Path out, int connects, int requests) {
        this(services, backends, out, connects, requests, 3);
    }
}
