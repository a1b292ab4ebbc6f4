package io.kpbench.cluster.manifest;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.kpbench.cluster.ServicePort;
import io.kpbench.cluster.ServiceType;
import io.kpbench.cluster.TargetPort;
import io.kpbench.net.Ports;
import io.kpbench.net.Protocol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts and validates {@code spec.ports} of a Service as the API server does: ports and target ports in
 * 1..65535, node ports only on NodePort and LoadBalancer services and inside the node-port range, no duplicate
 * port/protocol or name, and names on every port of a multi-port service.
 */
final class ServicePortsConverter {
    private ServicePortsConverter() {
    }

    static List<ServicePort> convert(ObjectContext ctx, List<io.fabric8.kubernetes.api.model.ServicePort> in,
            ServiceType type, Ports.Range nodePortRange) {
        if (in == null || in.isEmpty()) {
            return List.of();
        }
        List<ServicePort> out = new ArrayList<>(in.size());
        Map<Integer, Integer> byPort = new HashMap<>(in.size() * 2);
        Map<String, Integer> byName = new HashMap<>(in.size() * 2);
        for (int i = 0; i < in.size(); i++) {
            String f = "spec.ports[" + i + "]";
            io.fabric8.kubernetes.api.model.ServicePort p = FieldRules.element(ctx, f, in.get(i));
            String name = p.getName() == null ? "" : ctx.pool().canonical(p.getName());
            if (name.isEmpty() && in.size() > 1) {
                throw ctx.error(f + ".name", "is required when the service has more than one port");
            }
            Protocol protocol = FieldRules.protocol(ctx, f + ".protocol", p.getProtocol());
            int port = FieldRules.port(ctx, f + ".port", p.getPort());
            TargetPort target = targetPort(ctx, f + ".targetPort", p.getTargetPort(), port);
            int nodePort = p.getNodePort() == null ? 0 : p.getNodePort();
            if (nodePort != 0) {
                if (!type.hasNodePorts()) {
                    throw ctx.error(f + ".nodePort", "may not be set when type is " + type);
                }
                if (!nodePortRange.contains(nodePort)) {
                    throw ctx.error(f + ".nodePort",
                            nodePort + " is outside the node-port range " + nodePortRange);
                }
            }
            Integer first = byPort.putIfAbsent(protocol.number() << 16 | port, i);
            if (first != null) {
                throw ctx.error(f, "duplicate port " + port + "/" + protocol + " (also spec.ports[" + first + "])");
            }
            first = name.isEmpty() ? null : byName.putIfAbsent(name, i);
            if (first != null) {
                throw ctx.error(f + ".name", "duplicate port name " + FieldRules.quote(name)
                        + " (also spec.ports[" + first + "])");
            }
            out.add(new ServicePort(name, protocol, port, target, nodePort));
        }
        return out;
    }

    /** The target port, defaulting to the port when absent, 0 or empty, as the API's defaulting does. */
    private static TargetPort targetPort(ObjectContext ctx, String field, IntOrString t, int port) {
        if (t == null || (t.getIntVal() != null && t.getIntVal() == 0)
                || (t.getIntVal() == null && FieldRules.absent(t.getStrVal()))) {
            return TargetPort.of(port);
        }
        if (t.getIntVal() != null) {
            int n = t.getIntVal();
            if (!Ports.valid(n)) {
                throw ctx.error(field, n + " is outside the valid port range " + Ports.MIN + "-" + Ports.MAX);
            }
            return TargetPort.of(n);
        }
        String name = t.getStrVal();
        if (!isPortName(name)) {
            throw ctx.error(field, FieldRules.quote(name) + " is not a valid port name"
                    + " (at most 15 lower-case letters, digits and '-', with a letter)");
        }
        return TargetPort.named(ctx.pool().canonical(name));
    }

    /** The API's IANA_SVC_NAME rule for named ports. */
    static boolean isPortName(String s) {
        if (s.isEmpty() || s.length() > 15 || s.charAt(0) == '-' || s.charAt(s.length() - 1) == '-'
                || s.contains("--")) {
            return false;
        }
        boolean letter = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            letter |= c >= 'a' && c <= 'z';
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return letter;
    }
}
