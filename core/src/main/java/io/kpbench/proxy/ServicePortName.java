package io.kpbench.proxy;

import io.kpbench.cluster.ObjectRef;
import io.kpbench.net.Protocol;

/**
 * kube-proxy's {@code ServicePortName}: the key of one proxied service port, printed {@code ns/name:port}
 * ({@code ns/name} when the port is unnamed); the protocol is part of the identity but not of the text.
 *
 * @param service the service
 * @param port the port name, empty when unnamed
 * @param protocol the port's protocol
 */
public record ServicePortName(ObjectRef service, String port, Protocol protocol) implements Comparable<ServicePortName> {

    @Override
    public String toString() {
        return port.isEmpty() ? service.toString() : service + ":" + port;
    }

    @Override
    public int compareTo(ServicePortName o) {
        int c = service.compareTo(o.service);
        if (c != 0) {
            return c;
        }
        c = port.compareTo(o.port);
        return c != 0 ? c : protocol.compareTo(o.protocol);
    }
}
