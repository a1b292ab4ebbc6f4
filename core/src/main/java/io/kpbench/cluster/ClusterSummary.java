package io.kpbench.cluster;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts that describe a cluster at a glance: services by type, ports by protocol, endpoints by condition,
 * slices by family, nodes by zone. What {@code kpbench validate} prints.
 *
 * @param servicesByType services by type, plus {@code headless} and {@code withoutClusterIP} (services kube-proxy
 *     skips because {@code spec.clusterIP} is unset; each is also a load warning)
 * @param portsByProtocol service ports by protocol
 * @param nodePorts allocated node ports (including health-check node ports)
 * @param endpointsByCondition endpoints: total, ready, serving, terminating, servingTerminating, notReady
 * @param slicesByFamily slices by address type
 * @param nodesByZone nodes by zone label ({@code (none)} when absent)
 */
public record ClusterSummary(
        Map<String, Integer> servicesByType,
        Map<String, Integer> portsByProtocol,
        int nodePorts,
        Map<String, Integer> endpointsByCondition,
        Map<String, Integer> slicesByFamily,
        Map<String, Integer> nodesByZone) {

    /** Counts {@code cluster}. */
    public static ClusterSummary of(ClusterSnapshot cluster) {
        Map<String, Integer> byType = new LinkedHashMap<>();
        for (ServiceType t : ServiceType.values()) {
            byType.put(t.name(), 0);
        }
        byType.put("headless", 0);
        byType.put("withoutClusterIP", 0);
        Map<String, Integer> byProto = new TreeMap<>();
        int nodePorts = 0;
        for (Service s : cluster.services().values()) {
            byType.merge(s.type().name(), 1, Integer::sum);
            if (s.headless()) {
                byType.merge("headless", 1, Integer::sum);
            }
            if (s.withoutClusterIP()) {
                byType.merge("withoutClusterIP", 1, Integer::sum);
            }
            for (ServicePort p : s.ports()) {
                byProto.merge(p.protocol().name(), 1, Integer::sum);
                nodePorts += p.nodePort() != 0 ? 1 : 0;
            }
            nodePorts += s.healthCheckNodePort() != 0 ? 1 : 0;
        }
        Map<String, Integer> byCond = new LinkedHashMap<>();
        for (String k : new String[] {"total", "ready", "serving", "terminating", "servingTerminating", "notReady"}) {
            byCond.put(k, 0);
        }
        Map<String, Integer> byFamily = new TreeMap<>();
        for (EndpointSlice sl : cluster.slices().values()) {
            byFamily.merge(sl.addressType().name(), 1, Integer::sum);
            for (Endpoint e : sl.endpoints()) {
                byCond.merge("total", 1, Integer::sum);
                byCond.merge("ready", e.isReady() ? 1 : 0, Integer::sum);
                byCond.merge("serving", e.isServing() ? 1 : 0, Integer::sum);
                byCond.merge("terminating", e.isTerminating() ? 1 : 0, Integer::sum);
                byCond.merge("servingTerminating", e.isServing() && e.isTerminating() ? 1 : 0, Integer::sum);
                byCond.merge("notReady", e.isReady() ? 0 : 1, Integer::sum);
            }
        }
        Map<String, Integer> byZone = new TreeMap<>();
        for (Node n : cluster.nodes().values()) {
            byZone.merge(n.zone() == null ? "(none)" : n.zone(), 1, Integer::sum);
        }
        return new ClusterSummary(byType, byProto, nodePorts, byCond, byFamily, byZone);
    }

    /** The total number of services. */
    public int services() {
        int n = 0;
        for (ServiceType t : ServiceType.values()) {
            n += servicesByType.get(t.name());
        }
        return n;
    }
}
