package io.kpbench.cluster.manifest;

import io.kpbench.cluster.ClusterSnapshot;
import java.io.IOException;
import java.io.Writer;

/**
 * Writes a cluster as standard multi-document Kubernetes YAML (Nodes, Services with explicit cluster IPs,
 * EndpointSlices), valid for {@code kubectl apply} and loadable by {@link ManifestLoader}.
 */
public final class ManifestWriter {
    private ManifestWriter() {
    }

    /** Writes {@code cluster} to {@code out}. */
    public static void write(ClusterSnapshot cluster, Writer out) throws IOException {
        throw new UnsupportedOperationException("not yet");
    }
}
