package io.kpbench.proxy;

import io.kpbench.cluster.Service;
import io.kpbench.cluster.ServicePort;
import io.kpbench.cluster.ServiceType;
import io.kpbench.cluster.SessionAffinity;
import io.kpbench.cluster.LoadBalancerIngress;
import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.net.Protocol;
import java.util.ArrayList;
import java.util.List;

/**
 * One service port as one single-family proxier sees it: kube-proxy's {@code BaseServicePortInfo}
 * ({@code pkg/proxy/serviceport.go}), with addresses already filtered to the proxier's family.
 *
 * @param name the service port name
 * @param clusterIP the cluster IP of this family
 * @param port the service port
 * @param protocol the protocol
 * @param nodePort the node port, or 0
 * @param externalIPs externalIPs of this family
 * @param loadBalancerVIPs ingress IPs of this family whose ipMode is VIP or unset
 * @param loadBalancerSourceRanges source ranges of this family
 * @param healthCheckNodePort the health-check node port (LoadBalancer with eTP=Local only), or 0
 * @param externalPolicyLocal eTP=Local on a NodePort or LoadBalancer service
 * @param internalPolicyLocal iTP=Local
 * @param stickyMaxAgeSeconds the ClientIP affinity timeout, or 0 without affinity
 */
public record ServicePortInfo(
        ServicePortName name,
        IpAddress clusterIP,
        int port,
        Protocol protocol,
        int nodePort,
        List<IpAddress> externalIPs,
        List<IpAddress> loadBalancerVIPs,
        List<Cidr> loadBalancerSourceRanges,
        int healthCheckNodePort,
        boolean externalPolicyLocal,
        boolean internalPolicyLocal,
        int stickyMaxAgeSeconds) {

    /** The infos of every port of {@code svc} for {@code family}; empty when kube-proxy skips the service. */
    public static List<ServicePortInfo> of(Service svc, IpFamily family) {
        if (!svc.proxied()) {
            return List.of();
        }
        IpAddress clusterIP = svc.clusterIP(family);
        if (clusterIP == null) {
            return List.of();
        }
        boolean eLocal = (svc.type() == ServiceType.NodePort || svc.type() == ServiceType.LoadBalancer)
                && svc.externalPolicyLocal();
        boolean needsHealthCheck = svc.type() == ServiceType.LoadBalancer && eLocal;
        List<IpAddress> ext = new ArrayList<>();
        for (IpAddress ip : svc.externalIPs()) {
            if (ip.family() == family) {
                ext.add(ip);
            }
        }
        List<IpAddress> vips = new ArrayList<>();
        for (LoadBalancerIngress ing : svc.ingress()) {
            if (ing.programmed() && ing.ip().family() == family) {
                vips.add(ing.ip());
            }
        }
        List<Cidr> ranges = new ArrayList<>();
        for (Cidr c : svc.loadBalancerSourceRanges()) {
            if (c.family() == family) {
                ranges.add(c);
            }
        }
        int sticky = svc.sessionAffinity() == SessionAffinity.ClientIP ? svc.sessionAffinityTimeoutSeconds() : 0;
        List<ServicePortInfo> out = new ArrayList<>(svc.ports().size());
        for (ServicePort p : svc.ports()) {
            out.add(new ServicePortInfo(new ServicePortName(svc.ref(), p.name(), p.protocol()), clusterIP, p.port(),
                    p.protocol(), p.nodePort(), ext, vips, ranges, needsHealthCheck ? svc.healthCheckNodePort() : 0,
                    eLocal, svc.internalPolicyLocal(), sticky));
        }
        return out;
    }

    /** Copies the lists. */
    public ServicePortInfo {
        externalIPs = List.copyOf(externalIPs);
        loadBalancerVIPs = List.copyOf(loadBalancerVIPs);
        loadBalancerSourceRanges = List.copyOf(loadBalancerSourceRanges);
    }

    /** Reachable other than by cluster IP: a node port, an LB VIP or an external IP. */
    public boolean externallyAccessible() {
        return nodePort != 0 || !loadBalancerVIPs.isEmpty() || !externalIPs.isEmpty();
    }

    /** The port ever sends traffic to Cluster-policy endpoints (needed for eTP=Local short-circuits too). */
    public boolean usesClusterEndpoints() {
        return !internalPolicyLocal || externallyAccessible();
    }

    /** The port ever sends traffic to Local-policy endpoints. */
    public boolean usesLocalEndpoints() {
        return internalPolicyLocal || externalPolicyLocal && externallyAccessible();
    }

    /** ClientIP session affinity is on. */
    public boolean clientIPAffinity() {
        return stickyMaxAgeSeconds > 0;
    }
}
