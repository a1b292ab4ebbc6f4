package io.kpbench.cluster.manifest;

import com.fasterxml.jackson.databind.ObjectReader;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.kpbench.cluster.ObjectRef;

/**
 * Turns one fabric8 object of a modelled kind into its model record: names it (a missing namespace is
 * {@code default}; Nodes have none), then hands it to the converter of its kind.
 *
 * @param parsers the fabric8 readers and the load options
 * @param pool the strings shared by the objects of one load
 * @param file the manifest file, for errors
 */
record ObjectConverter(ManifestParsers parsers, StringPool pool, String file) {
    private static final String DEFAULT_NAMESPACE = "default";

    /** The fabric8 reader for {@code kind}. */
    ObjectReader reader(ModelKind kind) {
        return parsers.reader(kind);
    }

    /**
     * The model record for {@code in}, or null for an object kube-proxy ignores (an FQDN slice).
     *
     * @param document the local document number, for errors about an object without a name
     * @param item the list item ({@code items[3]}), or null
     */
    Object convert(ModelKind kind, HasMetadata in, int document, String item) {
        ObjectMeta meta = in.getMetadata();
        if (meta == null || FieldRules.absent(meta.getName())) {
            throw new DocumentFailure(document, kind.kind(), item, "metadata.name", "is required", 0, 0);
        }
        String namespace = "";
        if (kind.namespaced()) {
            namespace = FieldRules.absent(meta.getNamespace()) ? DEFAULT_NAMESPACE
                    : pool.canonical(meta.getNamespace());
        }
        ObjectContext ctx = new ObjectContext(file, kind.kind(), ObjectRef.of(namespace, meta.getName()), pool);
        return switch (kind) {
            case SERVICE -> ServiceConverter.convert(ctx, (io.fabric8.kubernetes.api.model.Service) in,
                    parsers.options().nodePortRange());
            case ENDPOINT_SLICE -> EndpointSliceConverter.convert(ctx,
                    (io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice) in);
            case NODE -> NodeConverter.convert(ctx, (io.fabric8.kubernetes.api.model.Node) in);
        };
    }
}
