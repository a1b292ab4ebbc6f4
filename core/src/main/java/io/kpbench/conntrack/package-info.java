/**
 * Connection tracking as Linux nf_conntrack does it for kube-proxy's Services: the entry created by the first
 * packet's NAT carries the translation for every later packet of the flow, in both directions.
 *
 * <h2>Mechanism</h2>
 * A flow is one entry with two tuples, original (client to service) and reply (endpoint back to the node or
 * client), both hashed into the same table (the kernel's {@code tuplehash[IP_CT_DIR_ORIGINAL/REPLY]}). DNAT and
 * masquerade are not stored separately: they <em>are</em> the reply tuple, {@code endpoint:port -> node:port'},
 * where {@code port'} is chosen fully at random ({@code --random-fully}) among ports whose reply tuple is unused
 * ({@link io.kpbench.conntrack.NatPortSelector}). A packet matching one tuple is rewritten to the inverse of the
 * other. States, timeouts, early drop and stale-UDP cleanup follow {@code nf_conntrack_proto_tcp.c},
 * {@code nf_conntrack_proto_udp.c}, {@code nf_conntrack_core.c} and kube-proxy's {@code pkg/proxy/conntrack}.
 *
 * <h2>Source code organisation</h2>
 * <ul>
 * <li>{@link io.kpbench.conntrack.Conntrack}: the seam; {@link io.kpbench.conntrack.ConntrackResult}: packed results.</li>
 * <li>{@link io.kpbench.conntrack.ConntrackTable}: the array-backed IPv4 table, reader fast path and
 * {@code lookupMissSlowPath}; {@code ConntrackSlowPath}: the writer side (insert, early drop, state changes,
 * gc, cleanup); {@code SeqlockWriter}: slot and entry writes under the seqlock protocol.</li>
 * <li>{@code ConntrackStateMachine}: the TCP transition table and UDP stream rules on a packed meta long;
 * {@link io.kpbench.conntrack.ConntrackTimeouts}, {@link io.kpbench.conntrack.ConntrackLimits}: kube-proxy's and
 * the kernel's numbers.</li>
 * <li>{@link io.kpbench.conntrack.ConcurrentHashMapConntrack}: the JMH baseline with the same semantics.</li>
 * </ul>
 *
 * <h2>Concurrency</h2>
 * Writers are serialised (the table's monitor); readers are lock-free and allocation-free. Each entry is a
 * seqlock (odd version while written), so readers never see a torn entry; a slot match is re-verified on the
 * entry, so every hit is exact even when slots are being rewritten. Only a miss can be spurious — a backward-shift
 * delete may move an entry from ahead of a probing reader to behind it — so a missing reader re-probes against a
 * per-stripe (1024-slot) shift counter that the writer holds odd while it moves entries homed in that stripe.
 * The hit path reads no shared counter. See {@link io.kpbench.conntrack.ConntrackTable} for the exact protocol.
 *
 * <h2>Cost model</h2>
 * An established packet costs one hash (two multiplies), a linear probe of a 24-byte-per-slot array at a load of
 * at most 0.5 (about 1.5 slots on average for a hit), and one 64-byte entry read under its seqlock: about two
 * cache misses once the table outgrows the cache, against three or more dependent loads (node, key, flow) plus a
 * key allocation for the ConcurrentHashMap baseline. A miss costs a second, validated probe; inserts pay NAT port
 * selection (one probe per port tried, at most 128 per round).
 */
package io.kpbench.conntrack;
