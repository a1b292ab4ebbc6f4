package io.kpbench.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable view of the cluster objects kube-proxy watches: Services, EndpointSlices and Nodes.
 *
 * <p>A snapshot is what a full sync compiles; {@link #apply(ChangeSet)} yields the next snapshot, and the same
 * change set drives an incremental sync. Services and slices iterate in {@code ns/name} order, so that anything
 * compiled from a snapshot is deterministic.
 */
public final class ClusterSnapshot {
    private static final ClusterSnapshot EMPTY = new ClusterSnapshot(Map.of(), Map.of(), Map.of());

    private final Map<ObjectRef, Service> services;
    private final Map<ObjectRef, EndpointSlice> slices;
    private final Map<String, Node> nodes;
    private final Map<ObjectRef, List<EndpointSlice>> slicesByService;

    private ClusterSnapshot(Map<ObjectRef, Service> services, Map<ObjectRef, EndpointSlice> slices,
            Map<String, Node> nodes) {
        this.services = Collections.unmodifiableMap(services);
        this.slices = Collections.unmodifiableMap(slices);
        this.nodes = Collections.unmodifiableMap(nodes);
        Map<ObjectRef, List<EndpointSlice>> byService = new HashMap<>(services.size() * 2);
        for (EndpointSlice s : slices.values()) {
            byService.computeIfAbsent(s.serviceRef(), k -> new ArrayList<>(1)).add(s);
        }
        this.slicesByService = byService;
    }

    /** The snapshot with no objects. */
    public static ClusterSnapshot empty() {
        return EMPTY;
    }

    /** A snapshot of the given objects; later duplicates of one name replace earlier ones. */
    public static ClusterSnapshot of(Collection<Service> services, Collection<EndpointSlice> slices,
            Collection<Node> nodes) {
        Map<ObjectRef, Service> svc = new TreeMap<>();
        services.forEach(s -> svc.put(s.ref(), s));
        Map<ObjectRef, EndpointSlice> sl = new TreeMap<>();
        slices.forEach(s -> sl.put(s.ref(), s));
        Map<String, Node> nd = new TreeMap<>();
        nodes.forEach(n -> nd.put(n.name(), n));
        return new ClusterSnapshot(svc, sl, nd);
    }

    /** Services by reference, in {@code ns/name} order. */
    public Map<ObjectRef, Service> services() {
        return services;
    }

    /** EndpointSlices by reference, in {@code ns/name} order. */
    public Map<ObjectRef, EndpointSlice> slices() {
        return slices;
    }

    /** Nodes by name, in name order. */
    public Map<String, Node> nodes() {
        return nodes;
    }

    /** The service named {@code ref}, or null. */
    public Service service(ObjectRef ref) {
        return services.get(ref);
    }

    /** The slices whose {@code kubernetes.io/service-name} label names {@code serviceRef}, in name order. */
    public List<EndpointSlice> slicesOf(ObjectRef serviceRef) {
        List<EndpointSlice> l = slicesByService.get(serviceRef);
        return l == null ? List.of() : Collections.unmodifiableList(l);
    }

    /** The node named {@code name}, or null. */
    public Node node(String name) {
        return nodes.get(name);
    }

    /**
     * The snapshot after {@code changes}.
     *
     * @throws IllegalArgumentException when a change adds an object that exists, or updates or deletes one that
     *     does not
     */
    public ClusterSnapshot apply(ChangeSet changes) {
        Map<ObjectRef, Service> svc = new TreeMap<>(services);
        Map<ObjectRef, EndpointSlice> sl = new TreeMap<>(slices);
        for (ChangeSet.Change c : changes.changes()) {
            if (c instanceof ChangeSet.ServiceChange s) {
                applyOne(svc, s.op(), s.ref(), s.service(), "Service");
            } else if (c instanceof ChangeSet.SliceChange s) {
                applyOne(sl, s.op(), s.ref(), s.slice(), "EndpointSlice");
            }
        }
        return new ClusterSnapshot(svc, sl, new LinkedHashMap<>(nodes));
    }

    private static <T> void applyOne(Map<ObjectRef, T> map, ChangeSet.Op op, ObjectRef ref, T value, String kind) {
        boolean present = map.containsKey(ref);
        switch (op) {
            case ADD -> {
                if (present) {
                    throw new IllegalArgumentException("ADD of " + kind + " " + ref + ", which exists");
                }
                map.put(ref, value);
            }
            case UPDATE -> {
                if (!present) {
                    throw new IllegalArgumentException("UPDATE of " + kind + " " + ref + ", which does not exist");
                }
                map.put(ref, value);
            }
            case DELETE -> {
                if (!present) {
                    throw new IllegalArgumentException("DELETE of " + kind + " " + ref + ", which does not exist");
                }
                map.remove(ref);
            }
            default -> throw new AssertionError(op);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClusterSnapshot c && services.equals(c.services) && slices.equals(c.slices)
                && nodes.equals(c.nodes);
    }

    @Override
    public int hashCode() {
        return services.hashCode() * 31 + slices.hashCode();
    }

    @Override
    public String toString() {
        return "ClusterSnapshot[services=" + services.size() + ", slices=" + slices.size() + ", nodes="
                + nodes.size() + "]";
    }
}
