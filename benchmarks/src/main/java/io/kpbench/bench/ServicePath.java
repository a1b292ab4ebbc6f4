package io.kpbench.bench;

/**
 * How a first packet reaches a service, the {@code path} parameter of {@link FirstPacketClassifyBenchmark}: the
 * four frontends kube-proxy programs for a service port ({@code pkg/proxy/iptables/proxier.go}: the ClusterIP,
 * node-port, load-balancer-ingress and external-IP rules), each hit the way {@link PacketMix} describes.
 */
public enum ServicePath {
    /** A pod on the measured node to ClusterIP:port. */
    clusterIP,
    /** An outside client to the measured node's IP:nodePort. */
    nodePort,
    /** An outside client through the service's cloud LB: LB IP:port (VIP mode) or node IP:nodePort (instance). */
    loadBalancer,
    /** An outside client to externalIP:port. */
    externalIP
}
