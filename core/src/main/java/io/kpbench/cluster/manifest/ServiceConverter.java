package io.kpbench.cluster.manifest;

import io.fabric8.kubernetes.api.model.ClientIPConfig;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.ServiceStatus;
import io.kpbench.cluster.IpMode;
import io.kpbench.cluster.LoadBalancerIngress;
import io.kpbench.cluster.Service;
import io.kpbench.cluster.ServicePort;
import io.kpbench.cluster.ServiceType;
import io.kpbench.cluster.SessionAffinity;
import io.kpbench.cluster.TrafficPolicy;
import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.net.Ports;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts a fabric8 {@code v1.Service} to the model's {@link Service}, applying the API server's defaults (type
 * ClusterIP, protocol TCP, targetPort = port, policies Cluster, affinity None; ClientIP's timeout 10800 s, 0 without
 * affinity) and its validation of the fields kube-proxy reads. Checks that span services (cluster-IP and node-port
 * collisions) are the assembler's.
 */
final class ServiceConverter {
    private ServiceConverter() {
    }

    static Service convert(ObjectContext ctx, io.fabric8.kubernetes.api.model.Service in, Ports.Range nodePortRange) {
        ServiceSpec spec = in.getSpec() == null ? new ServiceSpec() : in.getSpec();
        ServiceType type = ServiceType.ClusterIP;
        if (!FieldRules.absent(spec.getType())) {
            type = ServiceType.fromApi(spec.getType());
            if (type == null) {
                throw FieldRules.unknown(ctx, "spec.type", spec.getType(),
                        "ClusterIP, NodePort, LoadBalancer or ExternalName");
            }
        }
        ServiceAddresses addresses = ServiceAddresses.of(ctx, spec);
        List<ServicePort> ports = ServicePortsConverter.convert(ctx, spec.getPorts(), type, nodePortRange);
        if (ports.isEmpty() && !addresses.headless() && type != ServiceType.ExternalName) {
            throw ctx.error("spec.ports", "at least one port is required");
        }
        if (type == ServiceType.ExternalName && FieldRules.absent(spec.getExternalName())) {
            throw ctx.error("spec.externalName", "is required when type is ExternalName");
        }
        TrafficPolicy external = policy(ctx, "spec.externalTrafficPolicy", spec.getExternalTrafficPolicy(),
                type.hasNodePorts() ? TrafficPolicy.Cluster : null);
        TrafficPolicy internal = policy(ctx, "spec.internalTrafficPolicy", spec.getInternalTrafficPolicy(),
                TrafficPolicy.Cluster);
        SessionAffinity affinity = SessionAffinity.None;
        if (!FieldRules.absent(spec.getSessionAffinity())) {
            affinity = SessionAffinity.fromApi(spec.getSessionAffinity());
            if (affinity == null) {
                throw FieldRules.unknown(ctx, "spec.sessionAffinity", spec.getSessionAffinity(), "None or ClientIP");
            }
        }
        int timeout = affinity == SessionAffinity.ClientIP ? timeout(ctx, spec) : 0;
        int healthCheckNodePort = spec.getHealthCheckNodePort() == null ? 0 : spec.getHealthCheckNodePort();
        if (healthCheckNodePort != 0) {
            if (type != ServiceType.LoadBalancer || external != TrafficPolicy.Local) {
                throw ctx.error("spec.healthCheckNodePort",
                        "may only be set when type is LoadBalancer and externalTrafficPolicy is Local");
            }
            if (!nodePortRange.contains(healthCheckNodePort)) {
                throw ctx.error("spec.healthCheckNodePort",
                        healthCheckNodePort + " is outside the node-port range " + nodePortRange);
            }
        }
        return new Service(ctx.ref(), type, addresses.clusterIPs(), addresses.headless(), addresses.ipFamilies(),
                ports, ips(ctx, "spec.externalIPs", spec.getExternalIPs()), ingress(ctx, in.getStatus()),
                external, internal, affinity, timeout, sourceRanges(ctx, spec.getLoadBalancerSourceRanges()),
                healthCheckNodePort, FieldRules.absent(spec.getExternalName()) ? null : spec.getExternalName(),
                selector(ctx, spec.getSelector()));
    }

    private static TrafficPolicy policy(ObjectContext ctx, String field, String text, TrafficPolicy dflt) {
        if (FieldRules.absent(text)) {
            return dflt;
        }
        TrafficPolicy p = TrafficPolicy.fromApi(text);
        if (p == null) {
            throw FieldRules.unknown(ctx, field, text, "Cluster or Local");
        }
        return p;
    }

    private static int timeout(ObjectContext ctx, ServiceSpec spec) {
        ClientIPConfig c = spec.getSessionAffinityConfig() == null ? null
                : spec.getSessionAffinityConfig().getClientIP();
        if (c == null || c.getTimeoutSeconds() == null) {
            return SessionAffinity.DEFAULT_TIMEOUT_SECONDS;
        }
        int t = c.getTimeoutSeconds();
        if (t < 1 || t > SessionAffinity.MAX_TIMEOUT_SECONDS) {
            throw ctx.error("spec.sessionAffinityConfig.clientIP.timeoutSeconds",
                    t + " is outside 1-" + SessionAffinity.MAX_TIMEOUT_SECONDS);
        }
        return t;
    }

    private static List<IpAddress> ips(ObjectContext ctx, String field, List<String> in) {
        if (in == null || in.isEmpty()) {
            return List.of();
        }
        List<IpAddress> out = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            out.add(FieldRules.ip(ctx, field + "[" + i + "]", in.get(i)));
        }
        return out;
    }

    private static List<LoadBalancerIngress> ingress(ObjectContext ctx, ServiceStatus status) {
        if (status == null || status.getLoadBalancer() == null || status.getLoadBalancer().getIngress() == null) {
            return List.of();
        }
        var in = status.getLoadBalancer().getIngress();
        List<LoadBalancerIngress> out = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            String f = "status.loadBalancer.ingress[" + i + "]";
            var g = FieldRules.element(ctx, f, in.get(i));
            IpAddress ip = FieldRules.absent(g.getIp()) ? null : FieldRules.ip(ctx, f + ".ip", g.getIp());
            IpMode mode = null;
            if (!FieldRules.absent(g.getIpMode())) {
                mode = IpMode.fromApi(g.getIpMode());
                if (mode == null) {
                    throw FieldRules.unknown(ctx, f + ".ipMode", g.getIpMode(), "VIP or Proxy");
                }
            }
            out.add(new LoadBalancerIngress(ip, FieldRules.absent(g.getHostname()) ? null : g.getHostname(), mode));
        }
        return out;
    }

    private static List<Cidr> sourceRanges(ObjectContext ctx, List<String> in) {
        if (in == null || in.isEmpty()) {
            return List.of();
        }
        List<Cidr> out = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            out.add(FieldRules.cidr(ctx, "spec.loadBalancerSourceRanges[" + i + "]", in.get(i)));
        }
        return out;
    }

    /** The selector; a null value reads as the empty string, as Go's JSON decoder reads it into a string map. */
    private static Map<String, String> selector(ObjectContext ctx, Map<String, String> in) {
        if (in == null || in.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new HashMap<>(in.size() * 2);
        in.forEach((k, v) -> out.put(ctx.pool().canonical(k), v == null ? "" : v));
        return out;
    }
}
