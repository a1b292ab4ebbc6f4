package io.kpbench.cluster;

/**
 * What an EndpointSlice endpoint's {@code targetRef} names: almost always the Pod behind the address, as
 * {@code kubectl get pods} shows it ({@code kube-system/coredns-668d6bf9bc-4xk7n}).
 *
 * <p>kube-proxy itself ignores the field ({@code pkg/proxy/endpointslicecache.go} reads addresses, conditions,
 * node name, zone and hints only); the model keeps it so that the path model can name pods as the cluster does.
 * The object's {@code uid}, {@code resourceVersion} and {@code fieldPath} are not kept.
 *
 * @param kind the referent's kind ({@code Pod} for endpoints the EndpointSlice controller writes), or null
 * @param namespace the referent's namespace, or null when not given
 * @param name the referent's name
 */
public record TargetRef(String kind, String namespace, String name) {
    /** The kind the EndpointSlice controller puts in every targetRef it writes. */
    public static final String POD = "Pod";

    /** Requires a name. */
    public TargetRef {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a targetRef needs a name");
        }
    }

    /** True when the referent is a Pod. */
    public boolean isPod() {
        return POD.equals(kind);
    }

    /** The referent as {@code ns/name}, its namespace defaulting to {@code namespace} when it names none. */
    public ObjectRef ref(String namespace) {
        return ObjectRef.of(this.namespace == null || this.namespace.isEmpty() ? namespace : this.namespace, name);
    }
}
