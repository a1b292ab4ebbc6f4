package io.kpbench.cluster.manifest;

import io.kpbench.common.UserError;
import io.kpbench.cluster.ObjectRef;
import io.kpbench.cluster.Service;
import io.kpbench.cluster.ServicePort;
import io.kpbench.net.Protocol;
import java.util.HashMap;
import java.util.Map;

/**
 * The node ports the loaded services claim, keyed by protocol and port, as the API server's node-port allocator
 * keeps them: a second claim on one port is an error naming both services. A health-check node port is a TCP
 * claim. The map holds at most the size of the node-port range (2768 ports by default).
 */
final class NodePortAllocations {
    private final Map<Integer, Claim> claims = new HashMap<>();

    /** A claim on a node port: the service, the field and the file that made it. */
    private record Claim(ObjectRef service, String field, String file) {
    }

    /** Claims every node port of {@code s}, read from {@code file}. */
    void claim(Service s, String file) {
        for (int i = 0; i < s.ports().size(); i++) {
            ServicePort p = s.ports().get(i);
            if (p.nodePort() != 0) {
                claim(s.ref(), "spec.ports[" + i + "].nodePort", p.protocol(), p.nodePort(), file);
            }
        }
        if (s.healthCheckNodePort() != 0) {
            claim(s.ref(), "spec.healthCheckNodePort", Protocol.TCP, s.healthCheckNodePort(), file);
        }
    }

    private void claim(ObjectRef service, String field, Protocol protocol, int port, String file) {
        Claim prior = claims.putIfAbsent(protocol.number() << 16 | port, new Claim(service, field, file));
        if (prior != null) {
            String where = prior.service.equals(service) ? prior.field
                    : "Service " + prior.service + " (" + prior.field + " in " + prior.file + ")";
            throw UserError.at(file, "Service " + service, field,
                    "node port " + port + "/" + protocol + " is already allocated to " + where);
        }
    }
}
