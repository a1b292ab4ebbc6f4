/**
 * The full forwarding path: a request from a client, pod or node through DNS, the cloud load balancer, a node's
 * conntrack and proxier, the pod network, and the reply back with its NAT reversed.
 *
 * <h2>Mechanism</h2>
 * <pre>
 *   client ─DNS─▶ LB (instance: ─▶ NodeIP:NodePort │ VIP: dst kept) ─▶ node: conntrack ─hit─▶ translate
 *                                                                           └miss─▶ proxier.classify ─▶ DNAT/SNAT
 *          ─▶ route (cross-node, optional VXLAN) ─▶ pod ─reply─▶ conntrack of each node met ─▶ LB ─▶ client
 * </pre>
 * Each node has its own proxier (any {@link io.kpbench.proxy.ProxyMode}) and its own
 * {@link io.kpbench.conntrack.ConntrackTable}; a DNAT verdict becomes a conntrack entry whose reply tuple carries
 * the DNAT and the masquerade, so the second packet of a connection is translated from the entry without a rule
 * walk, and the reply is de-NATed only by the node that NATed it.
 *
 * <h2>Source code organisation</h2>
 * <ul>
 * <li>{@link io.kpbench.path.ClusterPath}: the facade (origins, resolution, {@code walk}).</li>
 * <li>{@link io.kpbench.path.ClusterNetwork}, {@link io.kpbench.path.ClusterNode}, {@link io.kpbench.path.Pod}:
 * nodes, pods and the routing lookups.</li>
 * <li>{@link io.kpbench.path.CloudLoadBalancer}, {@link io.kpbench.path.LbListener}: LBs, health checks, node
 * pick.</li>
 * <li>{@link io.kpbench.path.ClusterDns}, {@link io.kpbench.path.PublicDns}: CoreDNS's kubernetes plugin and the
 * internet's names.</li>
 * <li>{@link io.kpbench.path.PacketPath}: the allocation-free engine ({@code journey}, packed
 * {@link io.kpbench.path.JourneyResult}); {@link io.kpbench.path.HopSink}, {@code WalkRecorder},
 * {@link io.kpbench.path.Walk}: the verbose walk for the CLI.</li>
 * </ul>
 *
 * <h2>Limits</h2>
 * IPv4 only (the conntrack table is); proxiers are synced once; the pod's own node keeps no conntrack entry for
 * a flow another node NATed; the LB preserves the client address (an NLB), so hiding it is kube-proxy's
 * masquerade under externalTrafficPolicy Cluster.
 */
package io.kpbench.path;
