package io.kpbench.cluster;

import io.kpbench.net.Protocol;

/**
 * One entry of an EndpointSlice's {@code ports}: matched to a service port by name.
 *
 * @param name the port name, empty for the unnamed port
 * @param protocol TCP, UDP or SCTP
 * @param port the endpoint port, 1..65535
 */
public record EndpointPort(String name, Protocol protocol, int port) {
    /** Normalises a null name to empty. */
    public EndpointPort {
        name = name == null ? "" : name;
    }
}
