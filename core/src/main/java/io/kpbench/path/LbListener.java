package io.kpbench.path;

import io.kpbench.cluster.ObjectRef;
import io.kpbench.net.IpAddress;
import io.kpbench.net.Protocol;

/**
 * One listener of a cloud load balancer: an LB address and port forwarding to a service port's node port (instance
 * mode) or to the nodes with the LB address kept (VIP mode), with the nodes its health checks pass.
 *
 * @param service the LoadBalancer service
 * @param hostname the LB's DNS name from the ingress ({@code ….elb.amazonaws.com}), or null when it has none
 * @param address the LB address the hostname resolves to
 * @param port the listener port (the service port)
 * @param protocol the protocol
 * @param nodePort the service port's node port (the instance-mode target)
 * @param vipMode true when the ingress has an IP with ipMode VIP (or unset): packets keep dst LB IP:port
 * @param externalLocal true for externalTrafficPolicy Local
 * @param healthCheck what the health check probes, e.g. {@code HTTP :32123/healthz} or {@code TCP :30443}
 * @param healthy the indexes of the nodes that pass the health check, in node order
 * @param healthyByZone {@code healthy} split by zone (zones in order of first appearance)
 */
public record LbListener(ObjectRef service, String hostname, IpAddress address, int port, Protocol protocol,
        int nodePort, boolean vipMode, boolean externalLocal, String healthCheck, int[] healthy,
        int[][] healthyByZone) {

    /** True when node {@code index} passes the health check. */
    public boolean isHealthy(int index) {
        for (int h : healthy) {
            if (h == index) {
                return true;
            }
        }
        return false;
    }

    /** How the LB is known: its hostname, else its address. */
    public String name() {
        return hostname != null ? hostname : address.toString();
    }

    /** The listener's {@code address:port} text. */
    public String frontend() {
        return address.withPort(port);
    }
}
