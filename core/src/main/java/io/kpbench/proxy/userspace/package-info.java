/**
 * The {@code userspace} proxy mode: kube-proxy's legacy userspace proxier, where iptables {@code KUBE-PORTALS-*}
 * rules redirect every service address to a per-service-port proxy socket on the node, and
 * {@code LoadBalancerRR} picks an endpoint for each accepted connection.
 *
 * <pre>
 *  tables (UserspaceTables, one volatile reference)         cost per NEW connection
 *  portals   [addr·port·proto -> service port] --hash-->    1 lookup, whatever the services
 *  affinity  [client·service port -> endpoint] (ClientIP)   +1
 *  endpoints [sp: e0 e1 ... en-1] --rrCursor[sp]++ -->      +1  (the one array written per packet)
 * </pre>
 *
 * <p><b>Dependent cache lines per NEW packet</b> (loads each needing the value of the one before, which the core cannot
 * overlap: each costs {@code MemoryFloorBenchmark}'s figure at the tables' size; a level is one link of that chain, and
 * the lines of one level overlap): kernel and proxy about 8: the KUBE-PORTALS chains are a sequential iptables scan
 * (~S/2 rules, prefetched as in the iptables mode), then the REDIRECT's listening socket (hash bucket, socket: 2) and,
 * in the Go proxier, the services map and the balancer state (bucket, key, value, state, endpoint slice, string: 5-6).
 * This model: the {@code portals} slot, the frontend's service port, the port's columns (cursor, start, count), the
 * {@code endpoints[]} entry: 4 levels (about 7 lines); a hash stands in for the portal scan, so its O(S) rules are not
 * charged.
 *
 * <p>Roles: {@link io.kpbench.proxy.userspace.UserspaceDataPlane} (seam),
 * {@link io.kpbench.proxy.userspace.UserspaceCompiler}, {@link io.kpbench.proxy.userspace.UserspaceTables},
 * {@link io.kpbench.proxy.userspace.UserspaceClassifier}, {@link io.kpbench.proxy.userspace.UserspaceExplainer},
 * {@link io.kpbench.proxy.userspace.UserspaceRenderer}; no mechanism sub-package (the portal map's keys are
 * {@link io.kpbench.table.AddressKeys}).
 * Follows Kubernetes 1.25's {@code pkg/proxy/userspace} ({@code proxier.go} {@code OnServiceUpdate};
 * {@code roundrobin.go} {@code NextEndpoint}, {@code OnEndpointsUpdate}), the last release before its removal
 * in 1.26.
 *
 * <p>O(1) per connection, but in the real system every byte crosses user space twice, which is why it was
 * replaced; this model only charges the lookups, returned as {@link io.kpbench.proxy.Classification#work}.
 *
 * <h2>Incremental syncs and readers</h2>
 * A full sync compiles a new generation and publishes it through the one volatile reference. An incremental sync
 * rewrites only the service ports of the changed services, as {@code LoadBalancerRR.OnEndpointsUpdate} replaced one
 * port's {@code balancerState}: an RCU-style versioned slot, chosen over copy-on-write because a copy of the
 * columns is O(services) while the switch is one write. The new rotation is appended past the used part of
 * {@code endpoints} (new endpoint ids are written at ids no reader holds: {@link io.kpbench.table.RefCountedIds}
 * reuses a released id only at the next full sync), a release fence orders those writes, and one 64-bit write of
 * the port's packed {@code start << 32 | count} switches it; a reader loads that word once, so it walks the whole
 * old rotation or the whole new one, never a mix (a port's two portals switch together, as they share the row).
 * The superseded rotation stays in place until the next full sync, or until the room runs out: then the live
 * rotations are copied into a new generation (O(live rotation entries), no recompile, published whole). A service
 * added, deleted or respecified is written as {@code OnServiceUpdate} (kube-proxy v1.25
 * {@code pkg/proxy/userspace/proxier.go}) opened and closed portals: a new service port's row and rotation are
 * appended and its portals inserted into the portal map in place (an insert into an empty slot without a rehash
 * moves no key, so a reader misses the new key or finds it whole); a closed port's portal keys are removed from a
 * copy of the portal map, published with one write (an open-addressing map cannot remove a key under readers
 * without tombstones: the copy is one array copy, about 0.5 MB at 10k services), and its row is marked dead. A
 * portal address that another service also claims (the first in order keeps it) is compiled in full.
 * Classify does the same loads as before, with the range packed into one word and the portal map loaded once.
 *
 * <h2>Semantics kept from the original</h2>
 * <ul>
 *   <li>Endpoints are the ready addresses of the whole cluster (the old Endpoints API's {@code addresses};
 *       not-ready and terminating ones were in {@code notReadyAddresses} and never used), shuffled when the set
 *       changes ({@code util.ShuffleStrings}, here seeded by the service-port name) with the cursor reset to 0;
 *       an unchanged set keeps its order and cursor across syncs.</li>
 *   <li>It predates traffic policies: {@code externalTrafficPolicy}, {@code internalTrafficPolicy} and
 *       topology hints are ignored, as are {@code loadBalancerSourceRanges}; every connection is
 *       masqueraded (it originates from the proxy on the node).</li>
 *   <li>A service port without endpoints: the proxy accepts and closes the connection; modelled as REJECT.</li>
 *   <li>ClientIP affinity: client IP to endpoint with a last-used stamp, refreshed on use; entries of removed
 *       endpoints are dropped on sync ({@code updateAffinityMap}).</li>
 *   <li>The original advanced the cursor under a mutex; here it is a plain racy int (concurrent callers may
 *       pick the same endpoint; single-threaded order is exact).</li>
 * </ul>
 * <p>Versions followed: kube-proxy v1.25 ({@link io.kpbench.common.ModelVersions}).
 */
package io.kpbench.proxy.userspace;
