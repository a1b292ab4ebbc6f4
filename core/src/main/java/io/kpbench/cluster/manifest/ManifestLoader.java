package io.kpbench.cluster.manifest;

import io.kpbench.cli.UserError;
import java.io.InputStream;
import java.util.List;

/**
 * Reads Kubernetes manifests (Service, EndpointSlice, Node; YAML or JSON; multi-document or {@code kind: List})
 * with the fabric8 model, validates them as the API server would, and converts them to the immutable model.
 */
public final class ManifestLoader {
    private ManifestLoader() {
    }

    /**
     * Loads and validates files; {@code -} reads {@code stdin}.
     *
     * @throws UserError naming the file, object and field of the first error
     */
    public static LoadResult load(List<String> files, InputStream stdin, LoadOptions options) {
        throw new UnsupportedOperationException("not yet");
    }
}
