package io.kpbench.proxy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * kube-proxy's {@code CategorizeEndpoints} ({@code pkg/proxy/topology.go}): which endpoints Cluster-policy and
 * Local-policy traffic may use on this node, with the fall-back to serving-terminating endpoints and topology
 * hints (PreferSameZone, and PreferSameNode when {@code preferSameNode} is on).
 */
public final class Topology {
    private Topology() {
    }

    /**
     * The categorised endpoints of one service port.
     *
     * @param cluster endpoints for Cluster-policy traffic (empty when the port never uses them)
     * @param local endpoints for Local-policy traffic (empty when the port never uses them)
     * @param allReachable the union, in the order kube-proxy programs per-endpoint chains
     * @param hasAnyEndpoints some usable endpoint exists anywhere in the cluster
     */
    public record Categorized(List<EndpointInfo> cluster, List<EndpointInfo> local, List<EndpointInfo> allReachable,
            boolean hasAnyEndpoints) {
        static final Categorized NONE = new Categorized(List.of(), List.of(), List.of(), false);
    }

    /** Categorises {@code endpoints} (sorted as {@link EndpointsMap} sorts) for {@code svc} on a node. */
    public static Categorized categorize(List<EndpointInfo> endpoints, ServicePortInfo svc, String nodeName,
            String zone, boolean preferSameNode) {
        if (endpoints.isEmpty()) {
            return Categorized.NONE;
        }
        String z = zone == null ? "" : zone;
        String mode = "";
        boolean hasAny = false;
        List<EndpointInfo> cluster = List.of();
        if (svc.usesClusterEndpoints()) {
            String m = topologyMode(endpoints, nodeName, z, preferSameNode);
            mode = m;
            cluster = filter(endpoints, ep -> ep.ready() && available(ep, m, nodeName, z));
            if (cluster.isEmpty()) {
                cluster = filter(endpoints, ep -> ep.serving() && ep.terminating());
            }
            hasAny = !cluster.isEmpty();
        }
        if (!svc.usesLocalEndpoints()) {
            return new Categorized(cluster, List.of(), cluster, hasAny);
        }
        boolean localReady = false;
        boolean localServingTerminating = false;
        for (EndpointInfo ep : endpoints) {
            if (ep.ready()) {
                hasAny = true;
                localReady |= ep.local();
            } else if (ep.serving() && ep.terminating()) {
                hasAny = true;
                localServingTerminating |= ep.local();
            }
        }
        List<EndpointInfo> local = List.of();
        boolean useServingTerminating = false;
        if (localReady) {
            local = filter(endpoints, ep -> ep.local() && ep.ready());
        } else if (localServingTerminating) {
            useServingTerminating = true;
            local = filter(endpoints, ep -> ep.local() && ep.serving() && ep.terminating());
        }
        if (!svc.usesClusterEndpoints()) {
            return new Categorized(cluster, local, local, hasAny);
        }
        if (mode.isEmpty() && !useServingTerminating) {
            return new Categorized(cluster, local, cluster, hasAny);
        }
        Map<String, EndpointInfo> union = new LinkedHashMap<>();
        cluster.forEach(ep -> union.put(ep.toString(), ep));
        local.forEach(ep -> union.put(ep.toString(), ep));
        List<EndpointInfo> all = new ArrayList<>(union.values());
        all.sort(null);
        return new Categorized(cluster, local, List.copyOf(all), hasAny);
    }

    private static String topologyMode(List<EndpointInfo> endpoints, String nodeName, String zone,
            boolean preferSameNode) {
        boolean hasReady = false;
        boolean forNode = false;
        boolean allNodeHints = true;
        boolean forZone = false;
        boolean allZoneHints = true;
        for (EndpointInfo ep : endpoints) {
            if (!ep.ready()) {
                continue;
            }
            hasReady = true;
            if (ep.nodeHints().isEmpty()) {
                allNodeHints = false;
            } else if (ep.nodeHints().contains(nodeName)) {
                forNode = true;
            }
            if (ep.zoneHints().isEmpty()) {
                allZoneHints = false;
            } else if (ep.zoneHints().contains(zone)) {
                forZone = true;
            }
        }
        if (!hasReady) {
            return "";
        }
        if (preferSameNode && allNodeHints && forNode) {
            return "PreferSameNode";
        }
        return allZoneHints && forZone ? "PreferSameZone" : "";
    }

    private static boolean available(EndpointInfo ep, String mode, String nodeName, String zone) {
        return switch (mode) {
            case "" -> true;
            case "PreferSameNode" -> ep.nodeHints().contains(nodeName);
            case "PreferSameZone" -> ep.zoneHints().contains(zone);
            default -> false;
        };
    }

    private static List<EndpointInfo> filter(List<EndpointInfo> in, Predicate<EndpointInfo> p) {
        List<EndpointInfo> out = new ArrayList<>(in.size());
        for (EndpointInfo ep : in) {
            if (p.test(ep)) {
                out.add(ep);
            }
        }
        return List.copyOf(out);
    }
}
