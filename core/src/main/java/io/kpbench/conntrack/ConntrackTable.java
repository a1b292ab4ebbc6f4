package io.kpbench.conntrack;

import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpFamily;
import java.lang.invoke.VarHandle;

/**
 * A conntrack table of one address family, as the kernel's: a chained hash of H buckets in which each entry is
 * linked twice, under its original and its reply tuple, with lock-free, allocation-free readers and serialised
 * writers. A lookup walks its bucket's chain comparing tuples, so its cost grows with the chain, about
 * {@code 2·N/H} nodes for N entries: a hit visits {@code 1 + N/H} nodes on average, a miss the whole chain.
 *
 * <p>Source: Linux 6.12 {@code nf_conntrack_core.c}: {@code __nf_conntrack_find_get} and {@code ____nf_conntrack_find}
 * (walk the chain of {@code scale_hash(hash_conntrack_raw(tuple))}, compare with {@code nf_ct_key_equal}, restart when
 * the walk ends on another bucket's nulls value), {@code tuplehash[IP_CT_DIR_ORIGINAL/REPLY]},
 * {@code __nf_conntrack_hash_insert} (head insertion, {@code hlist_nulls_add_head_rcu}), {@code nf_ct_refresh},
 * {@code early_drop}, {@code gc_worker}; {@code nf_nat_core.c} for the NAT bindings. The bucket count is the caller's
 * (a node's is {@link ConntrackBuckets#kubeProxyNode}); the constructors without one pair H with
 * {@code nf_conntrack_max} one to one, the kernel's own default since 5.15, so that a full table averages two tuples
 * per chain. The kernel keeps both families in one hash with {@code l3num} in the tuple; kube-proxy runs one proxier
 * and one conntrack cleanup per family, so here a table serves one family, through the same code for both.
 *
 * <p><b>Layout</b> ({@link ConntrackHash}): {@code int} bucket heads, and 16-long entries
 * {@code version, meta, lastSeen, streamTs} plus two nodes {@code next, tuple}, one per direction, each in its own
 * half of the entry; tuples in {@link TupleKey}'s short (IPv4) or long (IPv6) form. The translation of a packet is
 * the inverse of the other direction's tuple, exactly as the kernel's NAT mangles from the tuples. Memory: 128 bytes
 * per entry plus 4 per bucket.
 *
 * <p><b>Concurrency.</b> Writers ({@code insert}, {@code receive}'s slow path, {@code delete}, {@code gc},
 * cleanup) are {@code synchronized} on the table and run {@link ConntrackSlowPath}. Readers ({@code lookup},
 * {@code receive}'s fast path) take no lock and allocate nothing:
 * <ol>
 * <li>Links are published with release stores and read with acquire loads; a node is linked only once its entry
 * is written, and a removed node keeps its next link ({@code hlist_nulls_del_rcu}).</li>
 * <li>A tuple match during the walk is re-checked on the entry under its seqlock: the reader retries until it reads
 * the same even version before and after its field reads, and the tuple and the live bit must hold (the kernel's
 * {@code nf_ct_key_equal} after {@code refcount_inc_not_zero}); if they do not, the entry was freed or reused
 * under the reader, which restarts. So every <em>hit</em> is exact.</li>
 * <li>A <em>miss</em> is exact too: a chain ends in its bucket's nulls value, and a reader that was carried onto
 * another chain by a node removed and re-linked under it ends on that chain's value and restarts (the kernel's
 * {@code search_restart}).</li>
 * </ol>
 * The read path reads no shared counter. Readers spin while an entry version is odd: a writer preempted mid-write
 * stalls the readers of that entry (obstruction-free readers, not wait-free ones).
 *
 * <p>{@code receive}'s fast path writes one field: {@code lastSeen}, with an opaque store and at most once per
 * {@value #REFRESH_GRANULARITY_NANOS} ns (a jiffy at HZ=1000), as the kernel's {@code nf_ct_refresh} writes
 * {@code ct->timeout} without a lock. A refresh racing with the writer's expiry decision may be lost, as in the
 * kernel, and a reader that validated an entry just before it was freed and reused may stamp its {@code now} on
 * the new flow (a timestamp of about the current time, so harmless). Expiry is
 * {@code now - lastSeen > timeout(meta)}; an expired entry is a miss for readers and is reclaimed by the next
 * writer that meets it or by {@link #gc}.
 */
public final class ConntrackTable implements Conntrack {
    static final long REFRESH_GRANULARITY_NANOS = 1_000_000L;
    private static final long NOT_THIS = Long.MIN_VALUE;
    private static final long RETRY = Long.MIN_VALUE + 1;
    /** A probe's result: bits 0-31 the code or reference, 32-47 the entry's status, 48-63 the nodes visited. */
    private static final int NODES_SHIFT = 48;
    private static final int MAX_NODES = 0xFFFF;

    final ConntrackHash hash;
    final IpFamily family;
    final long seed;
    final int capacity;
    final ConntrackTimeouts timeouts;
    /** The key width: {@link TupleKey#SHORT} for IPv4, {@link TupleKey#LONG} for IPv6. */
    final int words;
    private final boolean v4;
    private final int[] heads;
    private final long[] entries;
    private final int lastSeenAt;
    private final ConntrackSlowPath slowPath;

    /** An IPv4 table for {@code capacity} entries ({@code nf_conntrack_max}) with kube-proxy's timeouts. */
    public ConntrackTable(int capacity, long seed) {
        this(IpFamily.IPv4, capacity, ConntrackTimeouts.kubeProxyDefaults(), seed);
    }

    /** An IPv4 table for {@code capacity} entries; {@code seed} keys the hash ({@code nf_conntrack_hash_rnd}). */
    public ConntrackTable(int capacity, ConntrackTimeouts timeouts, long seed) {
        this(IpFamily.IPv4, capacity, timeouts, seed);
    }

    /** A table of {@code family} for {@code capacity} entries with kube-proxy's timeouts. */
    public ConntrackTable(IpFamily family, int capacity, long seed) {
        this(family, capacity, ConntrackTimeouts.kubeProxyDefaults(), seed);
    }

    /** A table of {@code family} for {@code capacity} entries in as many buckets; {@code seed} keys the hash. */
    public ConntrackTable(IpFamily family, int capacity, ConntrackTimeouts timeouts, long seed) {
        this(family, capacity, capacity, timeouts, seed);
    }

    /** A table of {@code family} for {@code capacity} entries in {@code buckets} chains, kube-proxy's timeouts. */
    public ConntrackTable(IpFamily family, int capacity, int buckets, long seed) {
        this(family, capacity, buckets, ConntrackTimeouts.kubeProxyDefaults(), seed);
    }

    /**
     * A table of {@code family} for {@code capacity} entries ({@code nf_conntrack_max}) in {@code buckets} chains
     * ({@code nf_conntrack_htable_size}, see {@link ConntrackBuckets}); {@code seed} keys the hash.
     */
    public ConntrackTable(IpFamily family, int capacity, int buckets, ConntrackTimeouts timeouts, long seed) {
        this.family = family;
        this.v4 = family == IpFamily.IPv4;
        this.hash = new ConntrackHash(v4, capacity, buckets, seed);
        this.words = hash.words;
        this.heads = hash.heads;
        this.entries = hash.entries;
        this.lastSeenAt = hash.lastSeenAt;
        this.seed = seed;
        this.capacity = capacity;
        this.timeouts = timeouts;
        this.slowPath = new ConntrackSlowPath(this);
    }

    @Override
    public long lookup(FiveTuple pkt, long nowNanos, FiveTuple out) {
        return (int) probe(pkt, nowNanos, out);
    }

    /**
     * As {@link #lookup}, also counting the chain nodes the lookup visited (tuples compared, restarts included):
     * {@code nodes << 32 | (code & 0xFFFFFFFF)}, read with {@link ConntrackResult#code} and
     * {@link ConntrackResult#chainNodes}. The same walk as {@link #lookup}: the count costs a register.
     */
    public long lookupCounted(FiveTuple pkt, long nowNanos, FiveTuple out) {
        long r = probe(pkt, nowNanos, out);
        return (r >>> NODES_SHIFT) << 32 | (r & 0xFFFF_FFFFL);
    }

    @Override
    public long receive(FiveTuple pkt, int tcpFlags, long nowNanos, FiveTuple out) {
        long r = probe(pkt, nowNanos, out);
        int ref = (int) r;
        if (ref < 0) {
            return ref;
        }
        if (ConntrackStateMachine.onlyRefreshes((r >>> 32) & 0xFFFF, pkt.protocol(), ref & 1, tcpFlags)) {
            int at = ConntrackHash.base(ref >>> 1) + lastSeenAt;
            if (nowNanos - ConntrackHash.readOpaque(entries, at) >= REFRESH_GRANULARITY_NANOS) {
                ConntrackHash.writeOpaque(entries, at, nowNanos);
            }
            return ref;
        }
        return receiveSlowPath(pkt, tcpFlags, nowNanos, out);
    }

    /**
     * The packet's live entry with its translation in {@code out}: {@code nodes << 48 | status << 32 | ref}, or
     * {@code nodes << 48 | (MISS & 0xFFFF_FFFF_FFFF)}.
     */
    private long probe(FiveTuple pkt, long now, FiveTuple out) {
        final boolean family4 = v4;
        if (pkt.isV4() != family4) {
            return ConntrackResult.MISS & 0xFFFF_FFFF_FFFFL;
        }
        return find(pkt, TupleKey.addressWord(pkt, family4), TupleKey.ports(pkt), now, out);
    }

    /**
     * The kernel's {@code ____nf_conntrack_find}: walks the bucket's chain from its head, comparing each node's
     * tuple, and re-checks a match on its entry; restarts when the match was freed or reused under it, or when the
     * walk ended on another bucket's nulls value.
     */
    private long find(FiveTuple pkt, long a, long ports, long now, FiveTuple out) {
        final long[] e = entries;
        final boolean short4 = v4;
        final ConntrackHash h = hash;
        final int b = h.bucket(TupleKey.hash(a, ports, seed));
        int nodes = 0;
        for (;;) {
            int n = ConntrackHash.head(heads, b);
            while (n >= 0) {
                nodes++;
                int at = h.node(n);
                long differs = short4 ? (e[at + 1] ^ a) | (e[at + 2] ^ ports) : TupleKey.differs(e, at + 1, pkt, ports);
                if (differs == 0) {
                    long r = readEntry(n, pkt, a, ports, now, out);
                    if (r == RETRY) {
                        r = readEntryRetrySlowPath(n, pkt, a, ports, now, out);
                    }
                    if (r != NOT_THIS) {
                        return (long) Math.min(nodes, MAX_NODES) << NODES_SHIFT | (r & 0xFFFF_FFFF_FFFFL);
                    }
                    break;
                }
                n = ConntrackHash.next(e, at);
            }
            if (n == ~b) {
                return (long) Math.min(nodes, MAX_NODES) << NODES_SHIFT | (ConntrackResult.MISS & 0xFFFF_FFFF_FFFFL);
            }
        }
    }

    /**
     * One read of entry {@code ref} under its seqlock: {@code status << 32 | ref}, MISS if expired, NOT_THIS, or
     * RETRY when a writer was inside. An IPv4 tuple is two words, compared with {@code (a, ports)}; an IPv6 tuple
     * is five, compared with the packet's.
     */
    private long readEntry(int ref, FiveTuple pkt, long a, long ports, long now, FiveTuple out) {
        final long[] e = entries;
        final boolean short4 = v4;
        final ConntrackHash h = hash;
        int base = ConntrackHash.base(ref >>> 1);
        int own = h.node(ref) + 1;
        int other = h.node(ref ^ 1) + 1;
        long v = e[base];
        VarHandle.acquireFence();
        long meta = e[base + ConntrackHash.E_META];
        long last = e[base + lastSeenAt];
        long differs = short4 ? (e[own] ^ a) | (e[own + 1] ^ ports) : TupleKey.differs(e, own, pkt, ports);
        long o0 = e[other];
        long o1 = e[other + 1];
        long o2 = short4 ? 0 : e[other + 2];
        long o3 = short4 ? 0 : e[other + 3];
        long o4 = short4 ? 0 : e[other + 4];
        if (!ConntrackHash.validate(e, base, v)) {
            return RETRY;
        }
        if ((meta & ConntrackStateMachine.LIVE) == 0 || differs != 0) {
            return NOT_THIS;
        }
        if (now - last > ConntrackStateMachine.timeoutSeconds(meta) * 1_000_000_000L) {
            return ConntrackResult.MISS;
        }
        if (short4) {
            TupleKey.writeInverse(o0, o1, out);
        } else {
            TupleKey.writeInverse(o0, o1, o2, o3, o4, out);
        }
        return ((meta & 0xFFFFL) << 32) | ref;
    }

    /** The entry was being written: wait for an even version and read again, in a loop (no recursion). */
    private long readEntryRetrySlowPath(int ref, FiveTuple pkt, long a, long ports, long now, FiveTuple out) {
        int base = ConntrackHash.base(ref >>> 1);
        for (;;) {
            ConntrackHash.awaitStable(entries, base);
            long r = readEntry(ref, pkt, a, ports, now, out);
            if (r != RETRY) {
                return r;
            }
        }
    }

    private synchronized long receiveSlowPath(FiveTuple pkt, int flags, long now, FiveTuple out) {
        return slowPath.receive(pkt, flags, now, out);
    }

    /** As {@link Conntrack#insert}, for a table of either family with IPv4 NAT targets (IPv4 tables only). */
    @Override
    public synchronized long insert(FiveTuple pkt, int tcpFlags, int dnatIp, int dnatPort, int snatIp,
            long nowNanos, FiveTuple out) {
        requireFamily(pkt);
        if (!v4) {
            throw new IllegalArgumentException("IPv4 NAT targets on an IPv6 table");
        }
        return slowPath.insert(pkt, tcpFlags, 0, dnatIp == 0 ? 0 : TupleKey.mapped(dnatIp), dnatPort, 0,
                snatIp == 0 ? 0 : TupleKey.mapped(snatIp), nowNanos, out);
    }

    /**
     * As {@link Conntrack#insert} with 128-bit NAT targets: DNAT to {@code [dnatHi, dnatLo]:dnatPort} and
     * masquerade to {@code [snatHi, snatLo]} with a fully random port; {@code (0, 0)} means no such NAT. On an
     * IPv4 table the targets are IPv4-mapped ({@code ::ffff:a.b.c.d}).
     */
    public synchronized long insert(FiveTuple pkt, int tcpFlags, long dnatHi, long dnatLo, int dnatPort,
            long snatHi, long snatLo, long nowNanos, FiveTuple out) {
        requireFamily(pkt);
        return slowPath.insert(pkt, tcpFlags, dnatHi, dnatLo, dnatPort, snatHi, snatLo, nowNanos, out);
    }

    private void requireFamily(FiveTuple pkt) {
        if (pkt.isV4() != v4) {
            throw new IllegalArgumentException("this ConntrackTable tracks " + family + " only: " + pkt);
        }
    }

    @Override
    public synchronized boolean delete(FiveTuple pkt) {
        return pkt.isV4() == v4 && slowPath.delete(pkt);
    }

    @Override
    public synchronized int gc(long nowNanos, int budget) {
        return slowPath.gc(nowNanos, budget);
    }

    /**
     * Deletes UDP entries for {@code serviceIp:servicePort} DNATed to {@code endpointIp}: kube-proxy's
     * {@code filterForIPPortNAT} ({@code --orig-dst}, {@code --orig-port-dst}, {@code --reply-src}).
     */
    public synchronized int clearStaleUdp(int serviceIp, int servicePort, int endpointIp) {
        return slowPath.clearUdp(true, 0, TupleKey.mapped(serviceIp), servicePort, 0, TupleKey.mapped(endpointIp),
                null);
    }

    /** As {@link #clearStaleUdp(int, int, int)} with 128-bit addresses (either family's form). */
    public synchronized int clearStaleUdp(long serviceHi, long serviceLo, int servicePort, long endpointHi,
            long endpointLo) {
        return slowPath.clearUdp(true, serviceHi, serviceLo, servicePort, endpointHi, endpointLo, null);
    }

    /** Deletes UDP entries to NodePort {@code nodePort} DNATed to {@code endpointIp}: {@code filterForPortNAT}. */
    public synchronized int clearStaleUdpNodePort(int nodePort, int endpointIp) {
        return slowPath.clearUdp(false, 0, 0, nodePort, 0, TupleKey.mapped(endpointIp), null);
    }

    /** As {@link #clearStaleUdpNodePort(int, int)} with a 128-bit endpoint address. */
    public synchronized int clearStaleUdpNodePort(int nodePort, long endpointHi, long endpointLo) {
        return slowPath.clearUdp(false, 0, 0, nodePort, endpointHi, endpointLo, null);
    }

    /**
     * kube-proxy's {@code CleanStaleEntries} for one UDP service port: when it has serving endpoints, deletes entries
     * to {@code serviceIp:servicePort} (and to any address on {@code nodePort}, if not 0) whose reply source is not
     * one of them — flows to removed endpoints, and flows that were never DNATed because the service had none.
     */
    public synchronized int cleanStaleUdp(int serviceIp, int servicePort, int nodePort, int[] servingEndpointIps) {
        if (servingEndpointIps.length == 0) {
            return 0;
        }
        int n = slowPath.clearUdp(true, 0, TupleKey.mapped(serviceIp), servicePort, 0, 0, servingEndpointIps);
        return nodePort == 0 ? n : n + slowPath.clearUdp(false, 0, 0, nodePort, 0, 0, servingEndpointIps);
    }

    @Override
    public synchronized int size() {
        return slowPath.count();
    }

    /** The entry limit ({@code nf_conntrack_max}). */
    public int capacity() {
        return capacity;
    }

    /** The address family this table tracks. */
    public IpFamily family() {
        return family;
    }

    /** The counters. */
    public synchronized ConntrackStats stats() {
        return slowPath.stats();
    }

    /** The protocol-independent state of the entry of reference {@code ref}. */
    public synchronized ConnState connState(long ref) {
        return ConntrackStateMachine.connState(meta(ref));
    }

    /** The TCP state of the entry of reference {@code ref}. */
    public synchronized TcpState tcpState(long ref) {
        return TcpState.of(ConntrackStateMachine.tcpState(meta(ref)));
    }

    /** The current timeout, in seconds, of the entry of reference {@code ref}. */
    public synchronized long timeoutSeconds(long ref) {
        return ConntrackStateMachine.timeoutSeconds(meta(ref));
    }

    /** The bucket count H ({@code nf_conntrack_htable_size}). */
    public int buckets() {
        return (int) hash.buckets;
    }

    /** The bucket of {@code pkt}'s tuple, where a lookup walks and {@code early_drop} starts (for tests). */
    synchronized int bucketOf(FiveTuple pkt) {
        requireFamily(pkt);
        return slowPath.bucketOf(pkt);
    }

    private long meta(long ref) {
        return entries[ConntrackHash.base(ConntrackResult.entry(ref)) + ConntrackHash.E_META];
    }
}
