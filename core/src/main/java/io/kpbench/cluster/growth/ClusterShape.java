package io.kpbench.cluster.growth;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.Service;
import io.kpbench.cluster.ServicePort;
import io.kpbench.cluster.SessionAffinity;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shape of a cluster, free of its size: the share of each service type, the distributions of ports and of
 * endpoints per service, the shares of services with eTP=Local, iTP=Local, ClientIP affinity and source ranges,
 * and the node count. What {@link ClusterGrowth} keeps; two clusters of one shape have equal summaries.
 *
 * @param types the share of services of each type ({@code ClusterIP}, ..., {@code headless})
 * @param portsPerService the share of services with each number of ports
 * @param endpointsPerService the share of services with each number of endpoints, over all their slices
 * @param externalLocal the share of services with externalTrafficPolicy Local
 * @param internalLocal the share of services with internalTrafficPolicy Local
 * @param affinity the share of services with ClientIP session affinity
 * @param sourceRanges the share of services with loadBalancerSourceRanges
 * @param nodePortShare node ports (service and health-check) per service
 * @param nodes the number of nodes
 */
public record ClusterShape(
        Map<String, Double> types,
        Map<Integer, Double> portsPerService,
        Map<Integer, Double> endpointsPerService,
        double externalLocal,
        double internalLocal,
        double affinity,
        double sourceRanges,
        double nodePortShare,
        int nodes) {

    /** The shape of {@code cluster}; every share is 0 for a cluster without services. */
    public static ClusterShape of(ClusterSnapshot cluster) {
        Map<String, Integer> types = new TreeMap<>();
        Map<Integer, Integer> ports = new TreeMap<>();
        Map<Integer, Integer> endpoints = new TreeMap<>();
        int eLocal = 0;
        int iLocal = 0;
        int affinity = 0;
        int ranges = 0;
        int nodePorts = 0;
        for (Service s : cluster.services().values()) {
            types.merge(s.headless() ? "headless" : s.type().name(), 1, Integer::sum);
            ports.merge(s.ports().size(), 1, Integer::sum);
            int eps = 0;
            for (EndpointSlice sl : cluster.slicesOf(s.ref())) {
                eps += sl.endpoints().size();
            }
            endpoints.merge(eps, 1, Integer::sum);
            eLocal += s.externalPolicyLocal() ? 1 : 0;
            iLocal += s.internalPolicyLocal() ? 1 : 0;
            affinity += s.sessionAffinity() == SessionAffinity.ClientIP ? 1 : 0;
            ranges += s.loadBalancerSourceRanges().isEmpty() ? 0 : 1;
            for (ServicePort p : s.ports()) {
                nodePorts += p.nodePort() != 0 ? 1 : 0;
            }
            nodePorts += s.healthCheckNodePort() != 0 ? 1 : 0;
        }
        double n = Math.max(1, cluster.services().size());
        return new ClusterShape(shares(types, n), shares(ports, n), shares(endpoints, n), eLocal / n, iLocal / n,
                affinity / n, ranges / n, nodePorts / n, cluster.nodes().size());
    }

    private static <K> Map<K, Double> shares(Map<K, Integer> counts, double n) {
        Map<K, Double> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v / n));
        return out;
    }
}
