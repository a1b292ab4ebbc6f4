package io.kpbench.cluster.manifest;

import io.kpbench.cluster.LoadBalancerIngress;
import io.kpbench.cluster.Service;
import io.kpbench.cluster.ServicePort;
import io.kpbench.cluster.ServiceType;
import io.kpbench.cluster.SessionAffinity;
import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a {@code v1} Service document with every allocated field explicit (cluster IPs, node ports, the
 * health-check node port), so that applying it recreates the same service, and with only the fields the API
 * server accepts for its type: no cluster IP on ExternalName, {@code None} when headless, no
 * {@code sessionAffinityConfig} without ClientIP affinity, nothing that is null or empty.
 */
final class ServiceYaml {
    private ServiceYaml() {
    }

    static void write(YamlOut y, Service s) throws IOException {
        y.object("v1", "Service", s.ref());
        y.key(0, "spec");
        y.field(2, "type", s.type().name());
        if (s.type() == ServiceType.ExternalName) {
            y.field(2, "externalName", s.externalName() == null ? "" : s.externalName());
        } else if (s.headless()) {
            y.field(2, "clusterIP", "None");
            y.key(2, "clusterIPs");
            y.item(2, "None");
        } else if (!s.clusterIPs().isEmpty()) {
            y.field(2, "clusterIP", s.clusterIP());
            y.key(2, "clusterIPs");
            for (IpAddress ip : s.clusterIPs()) {
                y.item(2, ip);
            }
        }
        if (!s.ipFamilies().isEmpty() && s.type() != ServiceType.ExternalName) {
            y.key(2, "ipFamilies");
            for (IpFamily f : s.ipFamilies()) {
                y.item(2, f.name());
            }
            y.field(2, "ipFamilyPolicy", s.ipFamilies().size() == 1 ? "SingleStack" : "RequireDualStack");
        }
        writeSelector(y, s.selector());
        writePorts(y, s);
        if (!s.externalIPs().isEmpty()) {
            y.key(2, "externalIPs");
            for (IpAddress ip : s.externalIPs()) {
                y.item(2, ip);
            }
        }
        if (s.externalTrafficPolicy() != null) {
            y.field(2, "externalTrafficPolicy", s.externalTrafficPolicy().name());
        }
        if (s.healthCheckNodePort() != 0) {
            y.field(2, "healthCheckNodePort", s.healthCheckNodePort());
        }
        if (s.internalTrafficPolicy() != null) {
            y.field(2, "internalTrafficPolicy", s.internalTrafficPolicy().name());
        }
        if (!s.loadBalancerSourceRanges().isEmpty()) {
            y.key(2, "loadBalancerSourceRanges");
            for (Cidr c : s.loadBalancerSourceRanges()) {
                y.item(2, c);
            }
        }
        if (s.sessionAffinity() != null) {
            y.field(2, "sessionAffinity", s.sessionAffinity().name());
            if (s.sessionAffinity() == SessionAffinity.ClientIP && s.sessionAffinityTimeoutSeconds() > 0) {
                y.key(2, "sessionAffinityConfig");
                y.key(4, "clientIP");
                y.field(6, "timeoutSeconds", s.sessionAffinityTimeoutSeconds());
            }
        }
        writeStatus(y, s);
    }

    private static void writeSelector(YamlOut y, Map<String, String> selector) {
        if (selector.isEmpty()) {
            return;
        }
        y.key(2, "selector");
        for (Map.Entry<String, String> e : new TreeMap<>(selector).entrySet()) {
            y.field(4, e.getKey(), e.getValue());
        }
    }

    private static void writePorts(YamlOut y, Service s) {
        if (s.ports().isEmpty()) {
            return;
        }
        y.key(2, "ports");
        for (ServicePort p : s.ports()) {
            y.item(2);
            if (!p.name().isEmpty()) {
                y.field(4, "name", p.name());
            }
            y.field(4, "protocol", p.protocol().name());
            y.field(4, "port", p.port());
            if (p.targetPort() != null && p.targetPort().isNamed()) {
                y.field(4, "targetPort", p.targetPort().name());
            } else if (p.targetPort() != null && p.targetPort().number() > 0) {
                y.field(4, "targetPort", p.targetPort().number());
            }
            if (p.nodePort() != 0) {
                y.field(4, "nodePort", p.nodePort());
            }
        }
    }

    private static void writeStatus(YamlOut y, Service s) {
        if (s.ingress().isEmpty()) {
            return;
        }
        y.key(0, "status");
        y.key(2, "loadBalancer");
        y.key(4, "ingress");
        for (LoadBalancerIngress i : s.ingress()) {
            if (i.ip() == null && i.hostname() == null && i.ipMode() == null) {
                y.emptyMapItem(4);
                continue;
            }
            y.item(4);
            if (i.ip() != null) {
                y.field(6, "ip", i.ip());
            }
            if (i.hostname() != null) {
                y.field(6, "hostname", i.hostname());
            }
            if (i.ipMode() != null) {
                y.field(6, "ipMode", i.ipMode().name());
            }
        }
    }
}
