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
 * @param requests established request/replies per cell
 */
public record LabOptions(List<Integer> services, List<KernelBackend> backends, Path out, int connects,
        int requests) {
    /** Copies the lists. */
    public LabOptions {
        services = List.copyOf(services);
        backends = List.copyOf(backends);
    }
}
