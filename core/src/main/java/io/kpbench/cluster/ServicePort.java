package io.kpbench.cluster;

import io.kpbench.net.Protocol;

/**
 * One entry of {@code spec.ports}: kube-proxy's unit of proxying (a "service port").
 *
 * @param name the port name, empty when the service has a single unnamed port
 * @param protocol TCP, UDP or SCTP
 * @param port the service port, 1..65535
 * @param targetPort the endpoint port, by number or name
 * @param nodePort the allocated node port, or 0 when none
 */
public record ServicePort(String name, Protocol protocol, int port, TargetPort targetPort, int nodePort) {
    /** Normalises a null name to empty. */
    public ServicePort {
        name = name == null ? "" : name;
    }
}
