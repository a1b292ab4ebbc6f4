/**
 * Connection tracking as Linux nf_conntrack does it for kube-proxy's Services: the entry created by the first
 * packet's NAT carries the translation for every later packet of the flow, in both directions, for IPv4 and IPv6.
 *
 * <pre>
 *  tables (ConntrackTable on a ConntrackHash)                    cost per established packet
 *  heads   [ref|~b][ref|~b]... --reciprocal_scale(hash, H)-->    1 hash (3 multiplies, IPv6 7), 1 head
 *  entries [ver|meta|seen|ts|next,orig|next,reply] --walk-->     + 1 line per chain node, 1 + N/H nodes per hit
 *  out     inverse of the other tuple = the NAT                  + 1 entry read under its seqlock
 *                                                                + 0 shared writes (receive: seen, 1 per ms)
 * </pre>
 * Roles: {@link io.kpbench.conntrack.Conntrack} (the seam), {@link io.kpbench.conntrack.ConntrackTable} (the
 * table and its lock-free reader), {@code ConntrackHash} (heads, entries and links), {@code ConntrackSlowPath}
 * (the writer), {@link io.kpbench.conntrack.ConntrackBuckets} (a node's bucket count H),
 * {@code ConntrackStateMachine}, {@code TupleKey} and {@code NatPortSelector}.
 * Source: Linux 6.12 {@code net/netfilter/nf_conntrack_core.c} ({@code __nf_conntrack_find_get},
 * {@code ____nf_conntrack_find}, {@code __nf_conntrack_hash_insert}, {@code nf_conntrack_init_start},
 * {@code nf_ct_refresh}, {@code early_drop}, {@code gc_worker}), {@code nf_conntrack_proto_tcp.c},
 * {@code nf_conntrack_proto_udp.c}, {@code nf_nat_core.c}; Kubernetes v1.33 {@code pkg/proxy/conntrack}.
 *
 * <h2>Mechanism</h2>
 * A flow is one entry with two tuples, original (client to service) and reply (endpoint back to the node or client),
 * both linked into the same chained hash (the kernel's {@code tuplehash[IP_CT_DIR_ORIGINAL/REPLY]}), each at the head
 * of its bucket's chain ({@code hlist_nulls_add_head_rcu}, original first). A lookup walks its bucket's chain comparing
 * tuples ({@code ____nf_conntrack_find}), so with N entries in H buckets it visits about {@code 1 + N/H} nodes on a hit
 * and {@code 2·N/H} on a miss. H is the kernel's {@code nf_conntrack_htable_size}:
 * {@link io.kpbench.conntrack.ConntrackBuckets} gives a node's (262,144 above 4 GiB since Linux 5.15, 65,536 before,
 * then kube-proxy's raise to {@code nf_conntrack_max / 4} when that is larger); a table built without one has one
 * bucket per entry, the kernel's own default pairing since 5.15. DNAT and masquerade are not stored separately: they
 * <em>are</em> the reply tuple, {@code endpoint:port -> node:port'}, where {@code port'} is chosen fully at random
 * ({@code --random-fully}) among ports whose reply tuple is unused ({@code NatPortSelector}). A packet matching one
 * tuple is rewritten to the inverse of the other. States, timeouts, early drop and stale-UDP cleanup follow the kernel
 * files above and kube-proxy's cleanup.
 *
 * <p>Two details that decide which flows survive a full table, both as in Linux 6.12:
 * <ul>
 *   <li><b>Early drop</b> ({@code early_drop}, {@code early_drop_list}): from the new tuple's hash bucket, up to
 *       {@code NF_CT_EVICTION_RANGE} = 8 buckets; the first bucket holding any non-assured entry loses
 *       <em>all</em> of them, walking the table's own chains. Expired entries met on the way are reclaimed;
 *       unlike the kernel, such reclaimed room admits the packet that found it.</li>
 *   <li><b>UDP assurance</b> ({@code nf_conntrack_udp_packet}): a reply makes the entry ESTABLISHED with
 *       {@code udp_timeout} (30 s); only a packet after {@code stream_ts} (first packet + 2 s) makes it ASSURED
 *       with {@code udp_timeout_stream} (120 s). A DNS query and answer are never assured, so early drop may
 *       evict them.</li>
 * </ul>
 *
 * <p>A table serves one address family, as kube-proxy runs one proxier and one conntrack cleanup per family
 * (the kernel hashes both into one table), and both families run the same code: tuples are {@code TupleKey}'s
 * short form for IPv4 (two longs) or long form for IPv6 (five longs), in 128-byte entries for both, and
 * the writer handles addresses as 128-bit halves, IPv4 as {@code ::ffff:a.b.c.d}.
 * {@link io.kpbench.conntrack.ConcurrentHashMapConntrack} is the JMH baseline with the same semantics (IPv4).
 *
 * <h2>Concurrency</h2>
 * Writers are serialised (the table's monitor); readers are lock-free and allocation-free, as the kernel's RCU
 * readers. Links are published with release stores and read with acquire loads; each entry is a seqlock (odd
 * version while written), so readers never see a torn entry; a tuple match is re-verified on the entry, so every
 * hit is exact even when entries are freed and reused. A removed node keeps its next link
 * ({@code hlist_nulls_del_rcu}) and every chain ends in its own bucket's nulls value, so a reader carried onto
 * another chain by a node re-linked under it notices and restarts: a miss is exact too. The read path reads no
 * shared counter. See {@link io.kpbench.conntrack.ConntrackTable} for the exact protocol.
 *
 * <h2>Cost model</h2>
 * Once the table outgrows the cache, an established packet costs one cache miss for the bucket head and one per chain
 * node up to its own, as in the kernel (each {@code nf_conntrack_tuple_hash} in its {@code nf_conn}): about
 * {@code 2 + N/H} dependent misses per hit, so about 2.4 at N = 100,000 and 5.8 at N = 1,000,000 in 262,144 buckets.
 * The ConcurrentHashMap baseline pays two or more (bucket array, then node, key and flow objects, adjacent only if they
 * were allocated together) plus the key's construction when escape analysis fails. A miss walks the whole chain; an
 * insert pays NAT port selection (one chain walk per port tried, at most 128 in the first round).
 * {@code ConntrackLookupBenchmark} and {@code EstablishedPacketBenchmark} measure IPv4 hits, the latter with the chain
 * nodes per lookup as a secondary result; the measured figures are in the root README.
 * <p>Versions followed: Linux 6.12, kube-proxy v1.33 ({@link io.kpbench.common.ModelVersions}).
 */
package io.kpbench.conntrack;
