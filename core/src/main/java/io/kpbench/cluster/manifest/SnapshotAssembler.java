package io.kpbench.cluster.manifest;

import io.kpbench.common.UserError;
import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.Node;
import io.kpbench.cluster.ObjectRef;
import io.kpbench.cluster.Service;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Gathers the converted objects of every file in input order and applies the rules that span objects: one object
 * per kind and name, one service per cluster IP and per node port, and a warning for a slice whose service is not
 * loaded. Then builds the snapshot, which orders everything by {@code ns/name}.
 */
final class SnapshotAssembler {
    private final List<Service> services = new ArrayList<>();
    private final List<EndpointSlice> slices = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();
    private final Map<ObjectRef, Origin> serviceOrigins = new HashMap<>();
    private final Map<ObjectRef, Origin> sliceOrigins = new HashMap<>();
    private final Map<ObjectRef, Origin> nodeOrigins = new HashMap<>();
    private final NodePortAllocations nodePorts = new NodePortAllocations();
    private final ClusterIpAllocations clusterIps = new ClusterIpAllocations();
    private final Map<String, Integer> skipped = new TreeMap<>();
    private long objectsRead;
    private long listsRead;

    /** Where an object was read: the file as given and the document number in it. */
    private record Origin(String file, int document) {
    }

    /**
     * Adds the objects of a batch read from {@code file}, whose documents are numbered after
     * {@code documentsBefore}; the batch's own error, if any, is the caller's to raise afterwards.
     *
     * @throws UserError for a duplicate object, or a cluster IP or node port claimed twice
     */
    void add(String file, DocumentBatch batch, int documentsBefore) {
        List<Object> objects = batch.objects();
        for (int i = 0; i < objects.size(); i++) {
            Origin origin = new Origin(file, documentsBefore + batch.documentOf(i));
            Object o = objects.get(i);
            if (o instanceof Service s) {
                unique(serviceOrigins, "Service", s.ref(), origin);
                clusterIps.claim(s, file);
                nodePorts.claim(s, file);
                services.add(s);
            } else if (o instanceof EndpointSlice s) {
                unique(sliceOrigins, "EndpointSlice", s.ref(), origin);
                slices.add(s);
            } else if (o instanceof Node n) {
                unique(nodeOrigins, "Node", ObjectRef.of("", n.name()), origin);
                nodes.add(n);
            } else {
                throw new IllegalStateException("not a model object: " + o);
            }
        }
        batch.skipped().forEach((k, v) -> skipped.merge(k, v, Integer::sum));
        objectsRead += objects.size();
        for (int n : batch.skipped().values()) {
            objectsRead += n;
        }
        listsRead += batch.lists();
    }

    /** How many objects were read so far, modelled or skipped. */
    long objectsRead() {
        return objectsRead;
    }

    /** How many lists were read so far, empty or not. */
    long listsRead() {
        return listsRead;
    }

    private static void unique(Map<ObjectRef, Origin> seen, String kind, ObjectRef ref, Origin origin) {
        Origin first = seen.putIfAbsent(ref, origin);
        if (first != null) {
            throw UserError.at(origin.file, kind + " " + ref, null, "is defined twice (first in " + first.file
                    + ", document " + first.document + "; again in document " + origin.document + ")");
        }
    }

    /**
     * The snapshot, what was skipped, and the warnings: one per Service that kube-proxy skips for want of a cluster
     * IP, in service order, then one per slice whose service is not loaded, in slice order.
     */
    LoadResult finish() {
        ClusterSnapshot snapshot = ClusterSnapshot.of(services, slices, nodes);
        List<String> warnings = new ArrayList<>();
        for (Service s : snapshot.services().values()) {
            if (s.withoutClusterIP()) {
                warnings.add(UserError.at(serviceOrigins.get(s.ref()).file, "Service " + s.ref(), "spec.clusterIP",
                        "not set; kube-proxy skips a Service without a cluster IP (the API server would allocate one"
                                + " when the Service is created)").getMessage());
            }
        }
        for (EndpointSlice s : snapshot.slices().values()) {
            if (!serviceOrigins.containsKey(s.serviceRef())) {
                warnings.add(UserError.at(sliceOrigins.get(s.ref()).file, "EndpointSlice " + s.ref(),
                        "metadata.labels", EndpointSlice.SERVICE_NAME_LABEL + " names Service " + s.serviceRef()
                                + ", which is not in the manifests").getMessage());
            }
        }
        return new LoadResult(snapshot, skipped, warnings);
    }
}
