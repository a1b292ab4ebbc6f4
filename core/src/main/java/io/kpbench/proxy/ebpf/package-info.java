/**
 * The {@code ebpf} proxy mode: Cilium's kube-proxy replacement modelled as its BPF load-balancing maps.
 *
 * <pre>
 *  tables (EbpfTables, one volatile reference)                cost per NEW packet
 *  services [addr·port·proto·scope -> fe] --hash-->           1 lookup, whatever the services
 *  ipcache  [pod addr -> identity] (source in no pod CIDR)     +1  (only when pods lie outside the pod CIDRs)
 *           [same key, scope /i]  (pod client, two scopes)    +1
 *  ranges   [fe -> prefixes]      (LB VIP, external client)   +1
 *  service conntrack lookup       (per-packet path only)      +1  (not for a socket-LB connect())
 *  affinity [client·rev-NAT -> backend]  (ClientIP)           +1  (+1 affinity match on a hit)
 *  slots    [fe: 1..count] --prandom mod count-->             +1  (or maglev: outer[rev-NAT], inner[hash mod M]: +2)
 *  backends [id -> ip·port·state·local]                       +1
 *  service conntrack create, affinity update                  +1, +1
 *  wildcard [vip:0/ANY] on a miss (drop_traffic_to_virtual_ips) +1 or +2
 * </pre>
 *
 * <p><b>Dependent cache lines per NEW packet</b> (loads each needing the value of the one before, which the core cannot
 * overlap: each costs {@code MemoryFloorBenchmark}'s figure at the tables' size; a level is one link of that chain, and
 * the lines of one level overlap): kernel about 6: three hash-map lookups in a row, each a bucket then an element: the
 * service entry ({@code lb4_lookup_service}), the backend slot it leads to (same map, key service and slot number), the
 * backend ({@code cilium_lb4_backends}); the service conntrack lookup beside them depends only on the packet, and
 * its create (a write into a hash bucket) comes after the backend. With Maglev, the slot is replaced by the outer
 * {@code cilium_lb4_maglev} entry (a bucket and an element, keyed by the rev-NAT id from the service entry) and one
 * line of the inner array: about 7. This model: the {@code services} slot, the frontend's columns (flags, count,
 * slot start, Maglev table), the {@code slots[]} entry or the frontend's Maglev array (header and slot), the
 * backend's columns: 4 levels (about 8 lines; the pod-CIDR prefix check is small and hot). The conntrack lookup
 * and create are counted in {@link io.kpbench.proxy.Classification#work} but performed by the harness's conntrack
 * table, not here.
 *
 * <p>Roles: {@link io.kpbench.proxy.ebpf.EbpfDataPlane} (seam), {@link io.kpbench.proxy.ebpf.EbpfCompiler},
 * {@link io.kpbench.proxy.ebpf.EbpfTables}, {@link io.kpbench.proxy.ebpf.EbpfClassifier},
 * {@link io.kpbench.proxy.ebpf.EbpfExplainer}, {@link io.kpbench.proxy.ebpf.EbpfRenderer}; Cilium's mechanisms
 * in {@code proxy.ebpf.maglev} (Maglev table, tuple hash) and {@code proxy.ebpf.maps} (LPM prefix list, map-full
 * error).
 * Follows Cilium's {@code bpf/lib/lb.h} ({@code lb4_lookup_service}, {@code lb4_src_range_ok}, {@code lb4_local},
 * {@code lb4_affinity_backend_id}, {@code lb4_select_backend_id}), {@code bpf/bpf_sock.c}
 * ({@code sock4_connect}) and {@code Documentation/network/kubernetes/kubeproxy-free.rst}, with the agent
 * defaults of Cilium 1.15.
 *
 * <p>A NEW packet costs 1 to 10 map operations (3 to 10 when DNATed; the scope and range lookups exclude each
 * other, an affinity hit skips the slot but pays the affinity-match lookup, the ipcache lookup happens only for a
 * source outside every pod CIDR when some pod is, a Maglev pick is two lookups, the outer
 * {@code cilium_lb4_maglev} then the inner array, {@code lb4_select_backend_id_maglev}; the per-packet path, not a
 * socket-LB {@code connect()}, adds the service conntrack lookup and create of {@code lb4_local}), independent of
 * the number of services (the iptables mode walks a chain linear in them); each result carries its count as
 * {@link io.kpbench.proxy.Classification#work}. The Maglev tuple hash leaves the destination address out, as
 * {@code __hash_from_tuple_v4} does ({@code bpf/lib/hash.h}), so a client gets the same backend through every VIP of
 * a service. A full sync rebuilds the
 * maps and swaps them in whole (the ipcache with them, so pods come and go with their slices); an incremental sync
 * rewrites only the changed services' frontends (below); memory is one master
 * entry plus one slot per backend per frontend (what {@code --bpf-lb-map-max}, default 65536, limits: overflow
 * throws {@link io.kpbench.proxy.ebpf.maps.LbMapFullException}), plus 4·M bytes per frontend address with Maglev
 * (every NodePort address, LB VIP and external IP has its own table, keyed by its rev-NAT id in the outer
 * {@code cilium_lb4_maglev} map, Cilium 1.15 {@code lbmap.UpdateMaglev}; none for the {@code 0.0.0.0} NodePort
 * entry; each built afresh, N·M work in {@code pkg/maglev}), plus 24 bytes per ipcache slot (at most half full).
 * {@link io.kpbench.proxy.ebpf.EbpfDataPlane#bpfMapBytes} counts what the BPF maps hold from Cilium's key and value
 * layouts ({@link io.kpbench.proxy.ebpf.maps.LbMapBytes}).
 *
 * <h2>Incremental syncs and readers</h2>
 * An incremental sync follows Cilium's service manager ({@code pkg/service}: upsert of one frontend, backends
 * acquired and refcounted, its slots and Maglev table rebuilt, the master entry written last so that the
 * datapath never sees a count covering unwritten slots). It is an RCU-style versioned slot, not copy-on-write: a
 * copy of the columns, slots or service map is O(services) (half a megabyte at 10k), while the switch is one
 * write. For each service-map key the changed service owns, a new frontend row is appended past the used rows,
 * its slots past the used slots and its new backends at ids no reader holds
 * ({@link io.kpbench.table.RefCountedIds} reuses a released id only at the next full sync); a release fence orders
 * those writes; then the key's value is overwritten in place (one 64-bit write, no rehash, no key moved). A
 * reader loads the row index once and reads every column of that row, so it sees a frontend's whole old row or
 * its whole new one, never a mix; the superseded row, slots and backends stay intact until the next full sync, or
 * until the room runs out: then the live rows and their slots are copied into a new generation published whole
 * (O(live entries), no recompile). A live backend whose state changes (ready to terminating) is rewritten in
 * place, one field each, as Cilium updates a backend-map entry. A service added, deleted or respecified is
 * written as {@code UpsertService}/{@code DeleteService} write it (Cilium {@code pkg/service}; 1.16+
 * {@code pkg/loadbalancer} reconciler): only its own frontends, slots, Maglev tables and backends. New keys are
 * inserted into the service map in place, the internal scope first (an insert into an empty slot without a rehash
 * moves no key: a reader misses the new key or finds it whole); removed keys are dropped from a copy of the service
 * map, published with one write, because an open-addressing map cannot remove a key under readers without
 * tombstones (one array copy, about 0.5 MB at 10k services; the BPF hash map unlinks under RCU instead). Still
 * compiled in full: an ipcache in use or touched, changed nodes, a created or respecified service with source
 * ranges, wildcard entries on, a frontend address another service also claims (the first in order keeps it), a
 * map that might overflow. Classify loads the service map once per packet and does no extra work. The live frontends are the service map's values (render and the affinity
 * garbage collection walk them).
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
 *   <li>ClusterIPs are not reachable from outside the cluster ({@code bpf-lb-external-clusterip=false}): DROP.
 *       In-cluster means a pod CIDR, this node, or a pod address in the ipcache ({@code cilium_ipcache}, read by
 *       {@code lookup_ip4_remote_endpoint} in {@code bpf/lib/eps.h}): Cilium knows every pod from its
 *       CiliumEndpoint whatever the IPAM mode, so an AWS VPC CNI pod (no {@code podCIDR}) is in-cluster, unlike
 *       for kube-proxy without {@code --cluster-cidr}. The ipcache is hashed and consulted only when the prefix
 *       check misses.</li>
 *   <li>New connections use the shared {@link io.kpbench.proxy.Topology#categorize} lists (including the
 *       serving-terminating fallback); terminating backends stay in the backend map for existing
 *       connections, which conntrack (not modelled here) keeps on them.</li>
 *   <li>Affinity is keyed by client IP and rev-NAT id (per frontend address and port); Cilium keys socket-LB
 *       affinity by network-namespace cookie, which a 5-tuple cannot carry. With affinity, Maglev leaves the
 *       source port out of its hash (GH#26709).</li>
 * </ul>
 * With {@link io.kpbench.proxy.ebpf.EbpfConfig#dropVirtualIPTraffic} (Cilium 1.19's wildcard service entries,
 * {@code bpf-lb-enable-wildcard-entries}, on by default there; absent in the pinned 1.18, so off by default here),
 * a packet to a ClusterIP or LB VIP on a port no service uses is dropped ({@code lookup_virtual_service_v4}) where
 * kube-proxy's iptables mode leaves it alone.
 * Not modelled: DSR, XDP, health-check node ports, L7 proxy redirection, the deny-list source-range annotation.
 * <p>Versions followed: Cilium 1.18 ({@link io.kpbench.common.ModelVersions}); the agent defaults cited above as
 * 1.15's are not known to differ in 1.18, and since 1.17 a service key carries its L4 protocol, as here.
 */
package io.kpbench.proxy.ebpf;
