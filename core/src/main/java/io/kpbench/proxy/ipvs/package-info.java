/**
 * kube-proxy's IPVS mode: the kernel's IPVS hash tables and schedulers, plus the ipsets and the constant set of
 * iptables rules kube-proxy keeps next to them.
 *
 * <pre>
 *  tables (IpvsTables, one volatile reference, edited in place)  cost per NEW packet
 *  companion rules [r0]...[r~20] + ipsets  --set probe-->         ~10-25 rules, 1 probe per -m set, flat in S
 *  ip_vs_conn_tab  [b0][b1] ... [b4095]    --jhash(client)-->     + C/4096 nodes (C live connections)
 *  ip_vs_svc_table [b0][b1] ... [b255]     --svc_hashkey(vip)-->  + ~S/512 nodes on a hit, S/256 on a miss
 *  scheduler       rr/sh/dh/mh [computed]  lc/wlc/sed/nq [list]   + O(1), or O(real servers)
 *  ip_vs_conn_tab  insert (+ template)     per-packet state       + 0 (an insert, not a walk)
 *  KUBE-LOOP-BACK  [hash:ip,port,ip]       --hairpin-->           + 2 rules
 * </pre>
 *
 * <p><b>Dependent cache lines per NEW packet</b> (loads each needing the value of the one before, which the core cannot
 * overlap: each costs {@code MemoryFloorBenchmark}'s figure at the tables' size; a level is one link of that chain, and
 * the lines of one level overlap): kernel about 1 + S/512 + 4 on a hit, the one mode whose count grows with S: the
 * {@code ip_vs_svc_table} bucket and ~S/512 {@code ip_vs_service} nodes, each its own allocation and a dependent line
 * (about 59 at 30k services), then the scheduler's state and the destination (3-4); the {@code ip_vs_conn_tab} miss
 * (bucket + C/4096 nodes) and the companion rules' ipset probes (bucket, element) depend only on the packet and may
 * overlap that walk. This model: the same two walks over slot-indexed columns (one level per node, {@code chainNext} and the
 * key side by side; at 30k services the columns span a few hundred KB, mostly cache-resident, unlike the kernel's
 * nodes), then the virtual server's rr cursor, the real-server list, the real server's columns and the hairpin ipset
 * probe: about 1 + S/512 + 4 levels.
 *
 * <p>Roles: {@link io.kpbench.proxy.ipvs.IpvsDataPlane} (the seam) delegates to {@code IpvsCompiler} (cluster to
 * kernel writes), {@code IpvsTables}, {@code IpvsClassifier}, {@code IpvsExplainer} and {@code IpvsRenderer};
 * the kernel structures are in {@code proxy.ipvs.kernel}, the scheduler modules in {@code proxy.ipvs.sched},
 * kube-proxy's ipsets and iptables rules in {@code proxy.ipvs.companion}, and its reconciliation of each Service
 * into netlink and ipset writes (with graceful termination) in {@code proxy.ipvs.sync}.
 *
 * <p>Source: kube-proxy {@code pkg/proxy/ipvs/proxier.go} ({@code syncProxyRules}, {@code writeIptablesRules},
 * Kubernetes v1.33) and Linux {@code net/netfilter/ipvs} ({@code ip_vs_in} at LOCAL_IN, {@code ip_vs_ctl.c},
 * {@code ip_vs_conn.c}, the {@code ip_vs_*.c} schedulers; v6.x).
 *
 * <h2>Mechanism</h2>
 * A NEW packet runs nat {@code KUBE-SERVICES} (ipset matches decide the masquerade mark), filter INPUT
 * ({@code KUBE-IPVS-FILTER}, {@code KUBE-PROXY-FIREWALL}, {@code KUBE-NODE-PORT}), then, when its destination
 * is local (a node IP or an address bound to kube-ipvs0), IPVS at LOCAL_IN: a connection-table lookup, the
 * virtual-server lookup, the scheduler (or the persistence template, found while it controls a live connection
 * even past its timeout: Linux 6.12 {@code ip_vs_ct_in_get}, {@code ip_vs_conn_expire}), and a new connection
 * entry; finally
 * {@code KUBE-POSTROUTING}'s hairpin ipset. A virtual server with no available real server answers ICMP port
 * unreachable ({@code ip_vs_leave}). IPv4 and IPv6 proxiers run the same path: addresses are 128-bit halves, and
 * the kernel hashes the IPv4 address or the IPv6 fold ({@code ip6[0] ^ ip6[1] ^ ip6[2] ^ ip6[3]}).
 *
 * <h2>Cost model</h2>
 * <ul>
 *   <li>Virtual-server lookup: a walk of one of 2^8 = 256 fixed chains; with S virtual servers the mean chain
 *       is S/256 nodes (about 4 at 10^3, 39 at 10^4, 390 at 10^5), a hit walks half of it on average and a
 *       miss all of it. This is the term that grows with the cluster.</li>
 *   <li>Connection lookup: one of 2^12 = 4096 chains, C/4096 nodes for C live connections and templates.</li>
 *   <li>Sync: every sync dumps every virtual server (3 netlink reads each); writes are one netlink call per
 *       changed virtual server, real server or kube-ipvs0 address, and one {@code ipset} call per changed
 *       entry.</li>
 * </ul>
 * {@code classify} returns these counts (rules, ipset probes, chain nodes) as the work of its
 * {@link io.kpbench.proxy.Classification}.
 * <p>Versions followed: kube-proxy v1.33, Linux 6.12 ({@link io.kpbench.common.ModelVersions}). Julian
 * Anastasov's series "ipvs: per-net tables and optimizations" (commit 840aac3d900d "ipvs: use resizable hash table
 * for services", in net-next since March 2026, so in kernels after 7.0) resizes the service table between 2^4 and
 * 2^20 buckets and hashes with jhash, which removes the S/256 chain growth above; the model keeps 6.12's fixed 256
 * buckets.
 */
package io.kpbench.proxy.ipvs;
