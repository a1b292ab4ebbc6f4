package io.kpbench.cluster.manifest;

import io.kpbench.cluster.ClusterSnapshot;
import java.util.List;
import java.util.Map;

/**
 * What loading manifests produced: the cluster, the objects of other kinds that were skipped, and warnings.
 *
 * @param snapshot the loaded cluster
 * @param skippedByKind objects of kinds kpbench does not model, counted by kind
 * @param warnings one-line warnings (file, object, field), such as a slice naming a missing service
 */
public record LoadResult(ClusterSnapshot snapshot, Map<String, Integer> skippedByKind, List<String> warnings) {
    /** Copies the collections. */
    public LoadResult {
        skippedByKind = Map.copyOf(skippedByKind);
        warnings = List.copyOf(warnings);
    }
}
