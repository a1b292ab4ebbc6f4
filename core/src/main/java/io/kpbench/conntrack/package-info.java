/**
 * Connection tracking as Linux nf_conntrack does it for kube-proxy's Services: the entry created by the first
 * packet's NAT carries the translation for every later packet of the flow, in both directions, for IPv4 and IPv6.
 *
 * <pre>
 *  tables (ConntrackTable on a table.SeqlockTupleTable)         cost per established packet
 *  slots   [ref+1|tag][0][ref+1|tag]... --hash(tuple)-->        1 hash (3 multiplies, IPv6 7), 1-2 slots
 *  entries [ver|meta|seen|orig|reply|ts] --tag hit-->           + 1 entry read under its seqlock, 1-2 lines
 *  out     inverse of the other tuple = the NAT                 + 0 shared writes (receive: seen, 1 per ms)
 * </pre>
 * Roles: {@link io.kpbench.conntrack.Conntrack} (the seam), {@link io.kpbench.conntrack.ConntrackTable} (the
 * table and its lock-free reader), {@code ConntrackSlowPath} (the writer), {@code ConntrackStateMachine},
 * {@code TupleKey} and {@code NatPortSelector}; the index mechanism is {@link io.kpbench.table.SeqlockTupleTable}.
 * Source: Linux 6.x {@code net/netfilter/nf_conntrack_core.c} ({@code __nf_conntrack_find_get},
 * {@code nf_ct_refresh}, {@code early_drop}, {@code gc_worker}), {@code nf_conntrack_proto_tcp.c},
 * {@code nf_conntrack_proto_udp.c}, {@code nf_nat_core.c}; Kubernetes v1.33 {@code pkg/proxy/conntrack}.
 *
 * <h2>Mechanism</h2>
 * A flow is one entry with two tuples, original (client to service) and reply (endpoint back to the node or
 * client), both hashed into the same table (the kernel's {@code tuplehash[IP_CT_DIR_ORIGINAL/REPLY]}). DNAT and
 * masquerade are not stored separately: they <em>are</em> the reply tuple, {@code endpoint:port -> node:port'},
 * where {@code port'} is chosen fully at random ({@code --random-fully}) among ports whose reply tuple is unused
 * ({@code NatPortSelector}). A packet matching one tuple is rewritten to the inverse of the other. States,
 * timeouts, early drop and stale-UDP cleanup follow the kernel files above and kube-proxy's cleanup.
 *
 * <p>Two details that decide which flows survive a full table, both as in Linux 6.12:
 * <ul>
 *   <li><b>Early drop</b> ({@code early_drop}, {@code early_drop_list}): from the new tuple's hash bucket, up to
 *       {@code NF_CT_EVICTION_RANGE} = 8 buckets; the first bucket holding any non-assured entry loses
 *       <em>all</em> of them. The kernel's buckets are chains; here a bucket is a run of home slots of the
 *       open-addressed index, {@code reciprocal_scale(home, H)} with H = {@code nf_conntrack_max} (the kernel's
 *       own default ratio, about 2 tuples per bucket when full), and its chain is every tuple homed in that run.
 *       Expired entries met on the way are reclaimed; unlike the kernel, such reclaimed room admits the packet
 *       that found it.</li>
 *   <li><b>UDP assurance</b> ({@code nf_conntrack_udp_packet}): a reply makes the entry ESTABLISHED with
 *       {@code udp_timeout} (30 s); only a packet after {@code stream_ts} (first packet + 2 s) makes it ASSURED
 *       with {@code udp_timeout_stream} (120 s). A DNS query and answer are never assured, so early drop may
 *       evict them.</li>
 * </ul>
 *
 * <p>A table serves one address family, as kube-proxy runs one proxier and one conntrack cleanup per family
 * (the kernel hashes both into one table), and both families run the same code: tuples are {@code TupleKey}'s
 * short form for IPv4 (two longs, so a 64-byte entry) or long form for IPv6 (five longs, a 128-byte entry), and
 * the writer handles addresses as 128-bit halves, IPv4 as {@code ::ffff:a.b.c.d}.
 * {@link io.kpbench.conntrack.ConcurrentHashMapConntrack} is the JMH baseline with the same semantics (IPv4).
 *
 * <h2>Concurrency</h2>
 * Writers are serialised (the table's monitor); readers are lock-free and allocation-free. Each entry is a
 * seqlock (odd version while written), so readers never see a torn entry; a slot match is re-verified on the
 * entry, so every hit is exact even when slots are being rewritten. Only a miss can be spurious (a backward-shift
 * delete may move an entry from ahead of a probing reader to behind it), so a missing reader re-probes against a
 * per-stripe (1024-slot) shift counter that the writer holds odd while it moves entries homed in that stripe.
 * The hit path reads no shared counter. See {@link io.kpbench.conntrack.ConntrackTable} for the exact protocol.
 *
 * <h2>Cost model</h2>
 * Once the table outgrows the cache, an established packet costs two dependent cache misses, as in the kernel
 * (bucket head, then the {@code nf_conn} holding the tuplehash): the slot, at a load of at most 0.75, then the
 * entry. The ConcurrentHashMap baseline also pays two or more (bucket array, then node, key and flow objects,
 * adjacent only if they were allocated together) plus the key's construction when escape analysis fails. A miss
 * costs a second, validated probe; an insert pays NAT port selection (one probe per port tried, at most 128 in
 * the first round). {@code ConntrackLookupBenchmark} and {@code EstablishedPacketBenchmark} measure IPv4 hits;
 * the measured figures are in the root README.
 * <p>Versions followed: Linux 6.12, kube-proxy v1.33 ({@link io.kpbench.common.ModelVersions}).
 */
package io.kpbench.conntrack;
