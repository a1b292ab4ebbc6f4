package io.kpbench.cluster;

import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import java.util.List;
import java.util.Map;

/**
 * An immutable Service: the fields of {@code v1.Service} that kube-proxy reads, already validated and parsed.
 *
 * @param ref namespace and name
 * @param type ClusterIP, NodePort, LoadBalancer or ExternalName
 * @param clusterIPs {@code spec.clusterIPs} (the first is {@code spec.clusterIP}); empty when headless or unset
 * @param headless true for {@code clusterIP: None}
 * @param ipFamilies {@code spec.ipFamilies}, in order
 * @param ports {@code spec.ports}
 * @param externalIPs {@code spec.externalIPs}
 * @param ingress {@code status.loadBalancer.ingress}
 * @param externalTrafficPolicy Cluster or Local (null for types that have none)
 * @param internalTrafficPolicy Cluster or Local
 * @param sessionAffinity None or ClientIP
 * @param sessionAffinityTimeoutSeconds the ClientIP timeout, 1..86400 (10800 by default)
 * @param loadBalancerSourceRanges {@code spec.loadBalancerSourceRanges}, normalised
 * @param healthCheckNodePort the health-check node port, or 0
 * @param externalName the DNS name of an ExternalName service, or null
 * @param selector {@code spec.selector}, empty when the service has none
 */
public record Service(
        ObjectRef ref,
        ServiceType type,
        List<IpAddress> clusterIPs,
        boolean headless,
        List<IpFamily> ipFamilies,
        List<ServicePort> ports,
        List<IpAddress> externalIPs,
        List<LoadBalancerIngress> ingress,
        TrafficPolicy externalTrafficPolicy,
        TrafficPolicy internalTrafficPolicy,
        SessionAffinity sessionAffinity,
        int sessionAffinityTimeoutSeconds,
        List<Cidr> loadBalancerSourceRanges,
        int healthCheckNodePort,
        String externalName,
        Map<String, String> selector) {

    /** Copies every collection, so that a Service is deeply immutable. */
    public Service {
        clusterIPs = List.copyOf(clusterIPs);
        ipFamilies = List.copyOf(ipFamilies);
        ports = List.copyOf(ports);
        externalIPs = List.copyOf(externalIPs);
        ingress = List.copyOf(ingress);
        loadBalancerSourceRanges = List.copyOf(loadBalancerSourceRanges);
        selector = selector == null ? Map.of() : Map.copyOf(selector);
    }

    /** The primary cluster IP ({@code spec.clusterIP}), or null when headless or unset. */
    public IpAddress clusterIP() {
        return clusterIPs.isEmpty() ? null : clusterIPs.get(0);
    }

    /** The cluster IP of {@code family}, or null. */
    public IpAddress clusterIP(IpFamily family) {
        for (IpAddress ip : clusterIPs) {
            if (ip.family() == family) {
                return ip;
            }
        }
        return null;
    }

    /**
     * True when kube-proxy proxies this service: not headless, not ExternalName, and with a cluster IP, as
     * kube-proxy's {@code ShouldSkipService} ({@code pkg/proxy/util/utils.go}, v1.32) decides.
     */
    public boolean proxied() {
        return !headless && type != ServiceType.ExternalName && !clusterIPs.isEmpty();
    }

    /**
     * True for a service that wants a cluster IP but has none: neither headless nor ExternalName, with
     * {@code spec.clusterIP} unset. kube-proxy skips it; the API server would have allocated one on create.
     */
    public boolean withoutClusterIP() {
        return !headless && type != ServiceType.ExternalName && clusterIPs.isEmpty();
    }

    /** True when {@code externalTrafficPolicy} is Local (only meaningful for NodePort and LoadBalancer). */
    public boolean externalPolicyLocal() {
        return externalTrafficPolicy == TrafficPolicy.Local;
    }

    /** True when {@code internalTrafficPolicy} is Local. */
    public boolean internalPolicyLocal() {
        return internalTrafficPolicy == TrafficPolicy.Local;
    }
}
