package io.kpbench.cluster.manifest;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * The kinds kpbench models, each with the only API version it reads and the fabric8 class a document of it is
 * read into. Everything else (Pods, Endpoints, Deployments, other groups' {@code Service}s) is skipped and counted.
 */
enum ModelKind {
    SERVICE("Service", "v1", io.fabric8.kubernetes.api.model.Service.class, true),
    ENDPOINT_SLICE("EndpointSlice", "discovery.k8s.io/v1",
            io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice.class, true),
    NODE("Node", "v1", io.fabric8.kubernetes.api.model.Node.class, false);

    private final String kind;
    private final String apiVersion;
    private final Class<? extends HasMetadata> type;
    private final boolean namespaced;

    ModelKind(String kind, String apiVersion, Class<? extends HasMetadata> type, boolean namespaced) {
        this.kind = kind;
        this.apiVersion = apiVersion;
        this.type = type;
        this.namespaced = namespaced;
    }

    /** The API kind, as objects spell it. */
    String kind() {
        return kind;
    }

    /** The fabric8 class documents of this kind are read into. */
    Class<? extends HasMetadata> type() {
        return type;
    }

    /** True for namespaced kinds (a missing namespace means {@code default}). */
    boolean namespaced() {
        return namespaced;
    }

    /** The modelled kind for {@code kind} in {@code apiVersion}, or null when kpbench does not model it. */
    static ModelKind of(String kind, String apiVersion) {
        for (ModelKind k : values()) {
            if (k.kind.equals(kind) && k.apiVersion.equals(apiVersion)) {
                return k;
            }
        }
        return null;
    }

    /**
     * The key a skipped object is counted under: its kind, qualified by its API version when the kind's name is one
     * kpbench models (so that {@code EndpointSlice (discovery.k8s.io/v1beta1)} is not mistaken for a modelled one).
     */
    static String skipKey(String kind, String apiVersion) {
        for (ModelKind k : values()) {
            if (k.kind.equals(kind)) {
                return kind + " (" + apiVersion + ")";
            }
        }
        return kind;
    }

    /** True for a list kind: {@code List} as kubectl writes it, or a typed list such as {@code ServiceList}. */
    static boolean isList(String kind) {
        return kind != null && kind.endsWith("List");
    }
}
