package io.kpbench.cluster.manifest;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.Node;
import io.kpbench.cluster.NodeAddress;
import io.kpbench.cluster.Service;
import io.kpbench.net.Cidr;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes a cluster as standard multi-document Kubernetes YAML, valid for {@code kubectl apply} and loadable by
 * {@link ManifestLoader}: the Namespaces the objects live in (other than the four a cluster starts with), then
 * Nodes, Services with explicit cluster IPs, and EndpointSlices, each kind in name order.
 *
 * <p>A hand-written streaming emitter ({@link YamlOut}) rather than object serialisation: 100,000 services of 10
 * endpoints (about 200 MB of YAML) take a few seconds. Strings that YAML would read as something else are quoted
 * ({@link YamlScalars}). Status fields (node addresses, load-balancer ingress) are written for the loader;
 * {@code kubectl apply} ignores them.
 */
public final class ManifestWriter {
    private static final Set<String> BUILT_IN_NAMESPACES =
            Set.of("default", "kube-system", "kube-public", "kube-node-lease");

    private ManifestWriter() {
    }

    /** Writes {@code cluster} to {@code out}, then flushes it; the caller closes it. */
    public static void write(ClusterSnapshot cluster, Writer out) throws IOException {
        YamlOut y = new YamlOut(out);
        Set<String> namespaces = new TreeSet<>();
        cluster.services().keySet().forEach(r -> namespaces.add(r.namespace()));
        cluster.slices().keySet().forEach(r -> namespaces.add(r.namespace()));
        for (String ns : namespaces) {
            if (!ns.isEmpty() && !BUILT_IN_NAMESPACES.contains(ns)) {
                y.object("v1", "Namespace", ns);
            }
        }
        for (Node n : cluster.nodes().values()) {
            writeNode(y, n);
        }
        for (Service s : cluster.services().values()) {
            ServiceYaml.write(y, s);
        }
        for (EndpointSlice s : cluster.slices().values()) {
            SliceYaml.write(y, s);
        }
        y.flush();
    }

    private static void writeNode(YamlOut y, Node n) throws IOException {
        y.object("v1", "Node", n.name());
        if (!n.labels().isEmpty()) {
            y.key(2, "labels");
            for (Map.Entry<String, String> e : new TreeMap<>(n.labels()).entrySet()) {
                y.field(4, e.getKey(), e.getValue());
            }
        }
        if (!n.podCIDRs().isEmpty()) {
            y.key(0, "spec");
            y.field(2, "podCIDR", n.podCIDRs().get(0));
            y.key(2, "podCIDRs");
            for (Cidr c : n.podCIDRs()) {
                y.item(2, c);
            }
        }
        if (!n.addresses().isEmpty()) {
            y.key(0, "status");
            y.key(2, "addresses");
            for (NodeAddress a : n.addresses()) {
                y.item(2);
                y.field(4, "type", a.type());
                y.field(4, "address", a.address());
            }
        }
    }
}
