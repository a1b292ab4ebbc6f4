package io.kpbench.cluster;

/** {@code spec.type} of a Service, spelled as the API spells it. */
public enum ServiceType {
    ClusterIP,
    NodePort,
    LoadBalancer,
    ExternalName;

    /** True for the types that allocate node ports (NodePort and LoadBalancer). */
    public boolean hasNodePorts() {
        return this == NodePort || this == LoadBalancer;
    }

    /** Parses the API spelling; null when unknown. */
    public static ServiceType fromApi(String s) {
        for (ServiceType t : values()) {
            if (t.name().equals(s)) {
                return t;
            }
        }
        return null;
    }
}
