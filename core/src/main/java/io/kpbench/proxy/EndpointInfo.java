package io.kpbench.proxy;

import io.kpbench.net.IpAddress;
import java.util.Set;

/**
 * One endpoint of one service port as a proxier sees it: kube-proxy's {@code BaseEndpointInfo}.
 *
 * @param ip the endpoint address (the first of the endpoint's addresses)
 * @param port the resolved endpoint port
 * @param local the endpoint's nodeName is this node
 * @param ready the ready condition (nil read as true)
 * @param serving the serving condition (nil read as true)
 * @param terminating the terminating condition (nil read as false)
 * @param nodeName the endpoint's node, or empty
 * @param zoneHints {@code hints.forZones}
 * @param nodeHints {@code hints.forNodes}
 */
public record EndpointInfo(IpAddress ip, int port, boolean local, boolean ready, boolean serving,
        boolean terminating, String nodeName, Set<String> zoneHints, Set<String> nodeHints)
        implements Comparable<EndpointInfo> {

    /** Copies the sets. */
    public EndpointInfo {
        zoneHints = Set.copyOf(zoneHints);
        nodeHints = Set.copyOf(nodeHints);
    }

    /** {@code ip:port}, or {@code [ip]:port} for IPv6: kube-proxy's {@code Endpoint.String()}. */
    @Override
    public String toString() {
        return ip.withPort(port);
    }

    /** Orders as kube-proxy's {@code byEndpoint}: by the endpoint string. */
    @Override
    public int compareTo(EndpointInfo o) {
        return toString().compareTo(o.toString());
    }
}
