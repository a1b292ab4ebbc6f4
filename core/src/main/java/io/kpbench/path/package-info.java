/**
 * The full forwarding path: a request from a client, pod or node through DNS, the cloud load balancer, a node's
 * conntrack and proxier, the pod network, and the reply back with its NAT reversed.
 *
 * <h2>Mechanism</h2>
 * <pre>
 *   client ─DNS (A/AAAA)─▶ LB (instance: ─▶ NodeIP:NodePort │ VIP: dst kept) ─┐
 *          ─▶ node ExternalIP ─cloud 1:1 NAT─▶ InternalIP ───────────────────┤
 *          ─▶ node InternalIP ─────────────────────────────────────────────┴▶ node: conntrack ─hit─▶ translate
 *                                                                              └miss─▶ proxier.classify ─▶ DNAT/SNAT
 *          ─▶ route (cross-node, optional VXLAN) ─▶ pod ─reply─▶ conntrack of each node met ─▶ LB / NAT ─▶ client
 * </pre>
 * Each node has its own proxier per IP family (any {@link io.kpbench.proxy.ProxyMode}) and its own
 * {@link io.kpbench.conntrack.ConntrackTable} (one per family); a DNAT verdict
 * becomes a conntrack entry whose reply tuple carries the DNAT and the masquerade, so the second packet of a
 * connection is translated from the entry without a rule walk, and the reply is de-NATed only by the node that
 * NATed it.
 *
 * <h2>Source code organisation</h2>
 * <ul>
 * <li>{@link io.kpbench.path.ClusterPath}: the facade (origins, resolution, {@code walk});
 * {@link io.kpbench.path.Destination} and {@code WalkTarget}: where a walk goes.</li>
 * <li>{@link io.kpbench.path.ClusterNetwork}, {@link io.kpbench.path.ClusterNode}, {@link io.kpbench.path.Pod},
 * {@link io.kpbench.path.NodeAddresses}, {@code NodeFactory}, {@code AddressIndex}: nodes, their addresses and
 * per-family proxiers, pods, and the routing lookups.</li>
 * <li>{@link io.kpbench.path.CloudLoadBalancer}, {@link io.kpbench.path.LbListener}: LBs, health checks, node
 * pick.</li>
 * <li>{@link io.kpbench.path.ClusterDns}, {@link io.kpbench.path.PublicDns}: CoreDNS's kubernetes plugin, the
 * internet's and the VPC's names.</li>
 * <li>{@link io.kpbench.path.PacketPath}: the allocation-free engine ({@code journey}, {@code journey6}, packed
 * {@link io.kpbench.path.JourneyResult}); {@link io.kpbench.path.HopSink}, {@code WalkRecorder},
 * {@code WalkSummary}, {@code AddressKinds}, {@link io.kpbench.path.Walk}: the verbose walk for the CLI.</li>
 * </ul>
 *
 * <h2>Limits</h2>
 * The cloud LB is IPv4 only: it forwards to NodePorts on instance targets, and AWS's IPv6 target groups take only
 * IP targets, so an IPv6 LB address is refused with that reason. A Service's {@code externalIPs} are reachable from
 * pods and nodes but not routed to a node from outside (that routing is the cluster admin's), and a pod or node
 * reaching a node's ExternalIP (a hairpin through the provider's NAT) is not modelled. Proxiers are synced once;
 * the pod's own node keeps no conntrack entry for a flow another node NATed; the LB preserves the client address
 * (an NLB), so hiding it is kube-proxy's masquerade under externalTrafficPolicy Cluster.
 */
package io.kpbench.path;
