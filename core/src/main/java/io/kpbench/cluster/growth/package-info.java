/**
 * Growth that keeps a cluster's shape: {@link io.kpbench.cluster.growth.ClusterGrowth} replicates every service
 * of a cluster with new names, new ClusterIPs from the service CIDR, new node ports from the node-port range
 * and new pod IPs on the same nodes, so that ×N has N times the services and endpoints in the same mix of types,
 * ports, endpoints per service, traffic policies, affinity and source ranges
 * ({@link io.kpbench.cluster.growth.ClusterShape}). Kubernetes allocates the same way: ClusterIPs from
 * {@code --service-cluster-ip-range} ({@code pkg/registry/core/service/ipallocator}), node ports from
 * {@code --service-node-port-range} ({@code pkg/registry/core/service/portallocator}), pod IPs from the node's
 * {@code podCIDR} (host-local IPAM).
 */
package io.kpbench.cluster.growth;
