package io.kpbench.cluster;

import io.kpbench.net.IpAddress;
import java.util.List;

/**
 * One endpoint of an EndpointSlice, with the API's tri-state conditions.
 *
 * <p>The conditions are read as kube-proxy's {@code EndpointSliceCache} reads them: a null {@code ready} means
 * ready, a null {@code serving} means serving, and a null {@code terminating} means not terminating.
 *
 * @param addresses the endpoint addresses (kube-proxy uses the first)
 * @param ready {@code conditions.ready}, or null
 * @param serving {@code conditions.serving}, or null
 * @param terminating {@code conditions.terminating}, or null
 * @param nodeName {@code nodeName}, or null
 * @param zone {@code zone}, or null
 * @param zoneHints {@code hints.forZones[].name}
 * @param nodeHints {@code hints.forNodes[].name}
 * @param hostname {@code hostname}, or null
 * @param targetRef {@code targetRef} (the Pod behind the address), or null
 */
public record Endpoint(
        List<IpAddress> addresses,
        Boolean ready,
        Boolean serving,
        Boolean terminating,
        String nodeName,
        String zone,
        List<String> zoneHints,
        List<String> nodeHints,
        String hostname,
        TargetRef targetRef) {

    /** Copies the lists. */
    public Endpoint {
        addresses = List.copyOf(addresses);
        zoneHints = zoneHints == null ? List.of() : List.copyOf(zoneHints);
        nodeHints = nodeHints == null ? List.of() : List.copyOf(nodeHints);
    }

    /** An endpoint without a {@code targetRef}, as synthetic clusters and most tests make them. */
    public Endpoint(List<IpAddress> addresses, Boolean ready, Boolean serving, Boolean terminating, String nodeName,
            String zone, List<String> zoneHints, List<String> nodeHints, String hostname) {
        this(addresses, ready, serving, terminating, nodeName, zone, zoneHints, nodeHints, hostname, null);
    }

    /** The address kube-proxy programs: the first one. */
    public IpAddress address() {
        return addresses.get(0);
    }

    /** Ready, with the API default (null means true). */
    public boolean isReady() {
        return ready == null || ready;
    }

    /** Serving, as kube-proxy reads it (null means true). */
    public boolean isServing() {
        return serving == null || serving;
    }

    /** Terminating, with the API default (null means false). */
    public boolean isTerminating() {
        return terminating != null && terminating;
    }
}
