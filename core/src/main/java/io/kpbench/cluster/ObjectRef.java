package io.kpbench.cluster;

import java.util.Comparator;

/**
 * A namespaced object name, printed as {@code ns/name}; cluster-scoped objects (Nodes) have an empty namespace.
 *
 * @param namespace the namespace, empty for cluster-scoped objects
 * @param name the object name
 */
public record ObjectRef(String namespace, String name) implements Comparable<ObjectRef> {
    private static final Comparator<ObjectRef> ORDER =
            Comparator.comparing(ObjectRef::namespace).thenComparing(ObjectRef::name);

    /** Normalises a null namespace to empty. */
    public ObjectRef {
        namespace = namespace == null ? "" : namespace;
        name = name == null ? "" : name;
    }

    /** A reference to {@code name} in {@code namespace}. */
    public static ObjectRef of(String namespace, String name) {
        return new ObjectRef(namespace, name);
    }

    @Override
    public int compareTo(ObjectRef o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return namespace.isEmpty() ? name : namespace + "/" + name;
    }
}
