/**
 * The {@code ebpf} proxy mode: Cilium's kube-proxy replacement modelled as its BPF maps
 * ({@code bpf/lib/lb.h}, {@code bpf/bpf_sock.c}, {@code Documentation/network/kubernetes/kubeproxy-free.rst}).
 *
 * <h2>Mechanism</h2>
 * <pre>
 *   packet ──▶ service map (addr·port·proto·scope ─▶ rev-NAT, count, flags)          1 lookup
 *                 │ internal client and two-scopes ─▶ same key, scope /i              +1
 *                 │ external client and LB source ranges ─▶ source-range check       +1
 *                 │ ClientIP affinity ─▶ affinity map (client, rev-NAT ─▶ backend)   +1
 *                 ▼
 *              random: slots[prandom mod count]  |  maglev: table[hash(5-tuple) mod M] +1
 *                 ▼
 *              backend map (id ─▶ ip, port, state, local)                             +1
 * </pre>
 * A NEW packet costs 2 to 6 hash or array lookups, independent of the number of services (the iptables mode
 * walks a chain linear in them). {@link io.kpbench.proxy.ebpf.EbpfDataPlane#rulesEvaluated()} counts them.
 * Sync rebuilds the maps and swaps them in whole; memory is one master entry plus one slot per backend per
 * frontend (what {@code --bpf-lb-map-max}, default 65536, limits: overflow throws
 * {@link io.kpbench.proxy.ebpf.LbMapFullException}), plus 4·M bytes per external backend set with Maglev.
 *
 * <h2>Where Cilium differs from kube-proxy (and this model follows Cilium)</h2>
 * <ul>
 *   <li>In-cluster clients (pods, this node) use the internal scope: with eTP=Local they reach all backends;
 *       with iTP=Local only local ones. External clients use the external scope (eTP). Socket LB translates
 *       in-cluster connections at {@code connect()} (random selection, no per-packet NAT, no SNAT).</li>
 *   <li>Maglev applies to north-south traffic only; {@code bpf_lxc} forces random selection.</li>
 *   <li>SNAT mode: external traffic is masqueraded only when the chosen backend is remote (kube-proxy
 *       masquerades all eTP=Cluster external traffic). A pod reaching itself through a service (hairpin) is
 *       SNATed to the service loopback address on the per-packet path, reported as masquerade.</li>
 *   <li>A scope without backends (no endpoints at all, or a Local policy without local endpoints) hits
 *       {@code count == 0 -> DROP_NO_SERVICE}, answered per {@code --service-no-backend-response}: REJECT
 *       (ICMP destination unreachable, the default since 1.15) or DROP. kube-proxy REJECTs the former and DROPs
 *       the latter. (Read from {@code lb.h}'s control flow; not verified against a running agent.)</li>
 *   <li>{@code loadBalancerSourceRanges} filter external clients of LB VIPs only; in-cluster clients bypass
 *       them; there is no kube-proxy-style "node IP in a range allows the VIPs" rule.</li>
 *   <li>ClusterIPs are not reachable from outside the cluster ({@code bpf-lb-external-clusterip=false}): DROP.</li>
 *   <li>New connections use the shared {@link io.kpbench.proxy.Topology#categorize} lists (including the
 *       serving-terminating fallback); terminating backends stay in the backend map for existing
 *       connections, which conntrack (not modelled here) keeps on them.</li>
 *   <li>Affinity is keyed by client IP and rev-NAT id (per frontend address and port); Cilium keys socket-LB
 *       affinity by network-namespace cookie, which a 5-tuple cannot carry. With affinity, Maglev leaves the
 *       source port out of its hash (GH#26709).</li>
 * </ul>
 * Not modelled: DSR, XDP, health-check node ports, L7 proxy redirection, the deny-list source-range annotation.
 */
package io.kpbench.proxy.ebpf;
