/**
 * kube-proxy's nftables mode: verdict maps, one lookup per hook whatever the number of services.
 *
 * <pre>
 *  tables (NftablesTables, one volatile reference)          cost per NEW packet
 *  firewall-ips {dst . proto . port : verdict} --vmap-->    1 lookup
 *  service-ips  {dst . proto . port : goto svc} --vmap-->   + 1 lookup (NodePort: + nodeport-ips, service-nodeports)
 *  service-x    [masq][numgen random mod n vmap]            + 1-3 rules + 1 computed index
 *  endpoint-y   [masq][dnat to ip:port]                     + 2-3 rules
 *  filter hooks: no-endpoint-*, cluster-ips                 + 2-4 lookups      = 18 for ClusterIP, at any S
 * </pre>
 *
 * <p><b>Dependent cache lines per NEW packet</b> (loads each needing the value of the one before, which the core cannot
 * overlap: each costs {@code MemoryFloorBenchmark}'s figure at the tables' size; a level is one link of that chain, and
 * the lines of one level overlap): kernel about 9: the {@code service-ips} rhashtable's bucket and element (2), the
 * goto's chain and its rule blob (2), the numgen vmap's set, bucket and element (2-3), the endpoint chain and its blob
 * (2), and the DNATed address's buckets in {@code no-endpoint-services} and {@code cluster-ips} (1, side by side). This
 * model: the {@code service-ips} slot, the {@code chains[]} entry, the service's {@code CompiledChain}, its op, addr
 * and numgen arrays, the endpoint's {@code chains[]} entry, its {@code CompiledChain}, its op, addr and target arrays,
 * and the endpoint's {@code cluster-ips} slot: about 8 levels (11-13 lines; the masquerade rule's prefix list is a side
 * branch, {@code firewall-ips} a small hot map).
 *
 * <p>Roles: {@link io.kpbench.proxy.nftables.NftablesDataPlane} (the seam),
 * {@link io.kpbench.proxy.nftables.NftablesCompiler}, {@link io.kpbench.proxy.nftables.NftablesTables}, {@link io.kpbench.proxy.nftables.NftablesClassifier},
 * {@link io.kpbench.proxy.nftables.NftablesExplainer}, {@link io.kpbench.proxy.nftables.NftablesRenderer}; nft's own
 * mechanics (chain and rule specs, compiled chains and opcodes, the {@code nft -f} transaction, base rules, per
 * service port rules) are in {@link io.kpbench.proxy.nftables.nft}; the maps and sets are
 * {@link io.kpbench.table.LinearProbeLongIntMap} and {@link io.kpbench.table.AddressLongMap}. Follows
 * {@code syncProxyRules} in {@code pkg/proxy/nftables/proxier.go} (Kubernetes v1.33) and the kernel's
 * {@code nft_do_chain} and {@code nft_numgen} ({@code net/netfilter/}).
 *
 * <h2>Mechanism</h2>
 * <pre>
 *  prerouting -110  filter-prerouting-pre-dnat -&gt; firewall-check: daddr.proto.dport vmap @firewall-ips
 *                                                   -&gt; firewall-X: saddr != { ranges } drop
 *  prerouting -100  nat-prerouting -&gt; services: daddr.proto.dport vmap @service-ips
 *                                             | daddr @nodeport-ips, proto.dport vmap @service-nodeports
 *                       -&gt; service-X / local-X / external-X -&gt; numgen random mod N vmap -&gt; endpoint-Y: dnat
 *  forward 0        service-endpoints-check (vmap @no-endpoint-services: drop | goto reject-chain),
 *                   cluster-ips-check (daddr @cluster-ips reject; daddr { service CIDRs } drop)
 *  input 0          nodeport-endpoints-check (vmap @no-endpoint-nodeports), service-endpoints-check
 *  postrouting 100  masquerading (mark 0x4000 -&gt; masquerade fully-random)
 * </pre>
 * The control plane ({@link io.kpbench.proxy.nftables.ServicePortRules}) computes, per service port, the chains,
 * affinity sets and set/map elements kube-proxy writes; {@link io.kpbench.proxy.nftables.NftablesDataPlane} turns
 * them into an nft transaction (full, or kube-proxy's partial one) and applies the same changes to an in-memory
 * table of primitive open-addressing maps ({@link io.kpbench.proxy.nftables.VerdictMap},
 * {@link io.kpbench.proxy.nftables.AddressMap}, {@link io.kpbench.proxy.nftables.AffinityTable}) and compiled
 * chains that the evaluator walks rule by rule.
 *
 * <h2>Cost model</h2>
 * A NEW packet costs a constant number of map probes, independent of the number of services and endpoints:
 * one {@code firewall-ips} probe, one {@code service-ips} probe (or a {@code nodeport-ips} and a
 * {@code service-nodeports} probe), the rules of one service chain (at most 3 for an eTP=Local external chain,
 * plus 1 masquerade rule), one numgen vmap index ({@code ((random & 0xffffffff) * N) >>> 32}, as the kernel's
 * {@code reciprocal_scale}), 2-3 rules of one endpoint chain, then 2-4 probes in the filter hooks. Session
 * affinity adds one set probe per endpoint of the service (kube-proxy writes one {@code ip saddr @affinity-...}
 * rule per endpoint), so it is linear in N only for ClientIP services. The classification's work counts every rule
 * examined plus every map or set lookup: 18 for a ClusterIP packet, 23 for a NodePort packet and 16 for an
 * unallocated service address, at 10 and at 10,000 services alike ({@code ClassifyCostTest}). Sync cost is
 * linear: a full sync renders and compiles every service; an incremental one only the touched services, plus
 * their element diffs.
 *
 * <h2>Differences from the kernel and from kube-proxy's tracer</h2>
 * Locally generated packets are walked through the prerouting chains (the output chains hold the same rules);
 * after DNAT the packet takes the input hook when its destination is a node address and the forward hook
 * otherwise (the tracer runs both); the DNAT destination port is the endpoint port (the tracer keeps the service
 * port). The masquerade mark prints {@code 0x4000} as kube-proxy's tests do (the real proxier prints
 * {@code 0x004000}). Stale chains are deleted on the next sync rather than after one second.
 * <p>Versions followed: kube-proxy v1.33, Linux 6.12 ({@link io.kpbench.common.ModelVersions}).
 */
package io.kpbench.proxy.nftables;
