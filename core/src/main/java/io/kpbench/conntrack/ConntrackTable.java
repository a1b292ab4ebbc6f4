package io.kpbench.conntrack;

import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpFamily;
import io.kpbench.table.SeqlockTupleTable;
import java.lang.invoke.VarHandle;

/**
 * A conntrack table of one address family: entries hashed under both their original and reply tuples in a
 * {@link SeqlockTupleTable}, with lock-free, allocation-free readers and serialised writers.
 *
 * <p>Source: Linux {@code nf_conntrack_core.c}: {@code __nf_conntrack_find_get} (RCU lookup, then
 * {@code nf_ct_key_equal} re-checked on the entry), {@code tuplehash[IP_CT_DIR_ORIGINAL/REPLY]},
 * {@code nf_ct_refresh}, {@code early_drop}, {@code gc_worker}; {@code nf_nat_core.c} for the NAT bindings. The
 * kernel keeps both families in one hash with {@code l3num} in the tuple; kube-proxy runs one proxier and one
 * conntrack cleanup per family, so here a table serves one family, through the same code for both.
 *
 * <p><b>Layout.</b> An entry is {@code version, meta, lastSeen, orig tuple, reply tuple, streamTs}, the tuples in
 * {@link TupleKey}'s short form for IPv4 (8 longs: 64 bytes, a reader's seven fields contiguous) or long form for
 * IPv6 (16 longs, 2 spare). The translation of a packet is the inverse of the other direction's tuple, exactly as
 * the kernel's NAT mangles from the tuples. Memory for IPv4: 8 bytes per slot (2.7 to 5.3 slots per entry) plus
 * 64 bytes per entry, about 85-107 bytes per flow.
 *
 * <p><b>Concurrency.</b> Writers ({@code insert}, {@code receive}'s slow path, {@code delete}, {@code gc},
 * cleanup) are {@code synchronized} on the table and run {@link ConntrackSlowPath}. Readers ({@code lookup},
 * {@code receive}'s fast path) take no lock and allocate nothing:
 * <ol>
 * <li>Every entry is a seqlock: a reader retries until it reads the same even version before and after its
 * field reads, so it never sees a torn entry.</li>
 * <li>A slot's tag match is only a hint: the reader checks the tuple and the live bit on the entry itself (the
 * kernel's {@code nf_ct_key_equal} after {@code refcount_inc_not_zero}). A stale slot, a tag collision or a
 * reused entry can thus never produce a wrong answer, so every <em>hit</em> is exact.</li>
 * <li>Only <em>misses</em> can be wrong, when a backward shift moves an entry from ahead of a probing reader to
 * behind it: a missing reader re-probes in {@code lookupMissSlowPath}, validated against its key's home stripe
 * counter, and retries when it changed.</li>
 * </ol>
 * The hit path reads no shared counter. Readers spin while an entry version or a stripe counter is odd: a writer
 * preempted mid-write stalls the readers of that entry or stripe (obstruction-free readers, not wait-free ones).
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
    static final int E_META = 1;
    static final int E_LAST_SEEN = 2;
    /** The first word of the original tuple; the reply tuple follows it. */
    static final int E_KEY = 3;
    static final long REFRESH_GRANULARITY_NANOS = 1_000_000L;
    private static final long TAG_MASK = SeqlockTupleTable.TAG_MASK;
    private static final long NOT_THIS = Long.MIN_VALUE;
    private static final long RETRY = Long.MIN_VALUE + 1;

    final SeqlockTupleTable index;
    final IpFamily family;
    final long seed;
    final int capacity;
    final ConntrackTimeouts timeouts;
    /** The key width: {@link TupleKey#SHORT} for IPv4, {@link TupleKey#LONG} for IPv6. */
    final int words;
    private final boolean v4;
    private final long[] slots;
    private final int mask;
    private final long[] entries;
    private final int strideShift;
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

    /** A table of {@code family} for {@code capacity} entries; {@code seed} keys the hash. */
    public ConntrackTable(IpFamily family, int capacity, ConntrackTimeouts timeouts, long seed) {
        this.family = family;
        this.v4 = family == IpFamily.IPv4;
        this.words = v4 ? TupleKey.SHORT : TupleKey.LONG;
        int stride = v4 ? 8 : 16;
        this.index = new SeqlockTupleTable(capacity, stride, E_KEY, words);
        this.slots = index.slots();
        this.mask = index.mask();
        this.entries = index.entries();
        this.strideShift = Integer.numberOfTrailingZeros(stride);
        this.seed = seed;
        this.capacity = capacity;
        this.timeouts = timeouts;
        this.slowPath = new ConntrackSlowPath(this);
    }

    @Override
    public long lookup(FiveTuple pkt, long nowNanos, FiveTuple out) {
        long r = probe(pkt, nowNanos, out);
        return r < 0 ? r : r & 0xFFFF_FFFFL;
    }

    @Override
    public long receive(FiveTuple pkt, int tcpFlags, long nowNanos, FiveTuple out) {
        long r = probe(pkt, nowNanos, out);
        if (r < 0) {
            return r;
        }
        int ref = (int) r;
        if (ConntrackStateMachine.onlyRefreshes(r >>> 32, pkt.protocol(), ref & 1, tcpFlags)) {
            int at = ((ref >>> 1) << strideShift) + E_LAST_SEEN;
            if (nowNanos - SeqlockTupleTable.readOpaque(entries, at) >= REFRESH_GRANULARITY_NANOS) {
                SeqlockTupleTable.writeOpaque(entries, at, nowNanos);
            }
            return ref;
        }
        return receiveSlowPath(pkt, tcpFlags, nowNanos, out);
    }

    /** {@code status << 32 | ref} of the packet's live entry with its translation in {@code out}, or MISS. */
    private long probe(FiveTuple pkt, long now, FiveTuple out) {
        final boolean family4 = v4;
        if (pkt.isV4() != family4) {
            return ConntrackResult.MISS;
        }
        long a = TupleKey.addressWord(pkt, family4);
        long ports = TupleKey.ports(pkt);
        long r = find(pkt, a, ports, now, out);
        return r != ConntrackResult.MISS ? r : lookupMissSlowPath(pkt, a, ports, now, out);
    }

    /** The unvalidated probe: a hit is exact, a miss may be spurious under a concurrent backward shift. */
    private long find(FiveTuple pkt, long a, long ports, long now, FiveTuple out) {
        final long[] s = slots;
        final int m = mask;
        long tag = TupleKey.hash(a, ports, seed) & TAG_MASK;
        int i = (int) tag & m;
        for (int n = 0; n <= m; n++) {
            long tagged = s[i];
            if (tagged == 0) {
                return ConntrackResult.MISS;
            }
            if ((tagged & TAG_MASK) == tag) {
                int ref = SeqlockTupleTable.ref(tagged);
                long r = readEntry(ref, pkt, a, ports, now, out);
                if (r == RETRY) {
                    r = readEntryRetrySlowPath(ref, pkt, a, ports, now, out);
                }
                if (r != NOT_THIS) {
                    return r;
                }
            }
            i = (i + 1) & m;
        }
        return ConntrackResult.MISS;
    }

    /**
     * One read of entry {@code ref} under its seqlock: {@code status << 32 | ref}, MISS if expired, NOT_THIS, or
     * RETRY when a writer was inside. An IPv4 tuple is two words, compared with {@code (a, ports)}; an IPv6 tuple
     * is five, compared with the packet's.
     */
    private long readEntry(int ref, FiveTuple pkt, long a, long ports, long now, FiveTuple out) {
        final long[] e = entries;
        final boolean short4 = v4;
        final int w = words;
        int base = (ref >>> 1) << strideShift;
        int flip = -(ref & 1) & w;
        int own = base + E_KEY + flip;
        int other = base + E_KEY + w - flip;
        long v = e[base];
        VarHandle.acquireFence();
        long meta = e[base + E_META];
        long last = e[base + E_LAST_SEEN];
        long differs = short4 ? (e[own] ^ a) | (e[own + 1] ^ ports) : TupleKey.differs(e, own, pkt, ports);
        long o0 = e[other];
        long o1 = e[other + 1];
        long o2 = short4 ? 0 : e[other + 2];
        long o3 = short4 ? 0 : e[other + 3];
        long o4 = short4 ? 0 : e[other + 4];
        if (!SeqlockTupleTable.validate(e, base, v)) {
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
        int base = (ref >>> 1) << strideShift;
        for (;;) {
            SeqlockTupleTable.awaitStable(entries, base);
            long r = readEntry(ref, pkt, a, ports, now, out);
            if (r != RETRY) {
                return r;
            }
        }
    }

    /** Re-probes a miss, validated against the home stripe's shift counter, so that a miss is never spurious. */
    private long lookupMissSlowPath(FiveTuple pkt, long a, long ports, long now, FiveTuple out) {
        int stripe = index.stripe(TupleKey.hash(a, ports, seed));
        for (;;) {
            int v = index.stripeBegin(stripe);
            long r = find(pkt, a, ports, now, out);
            if (r != ConntrackResult.MISS || index.stripeUnchanged(stripe, v)) {
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

    /** The kernel hash bucket {@code early_drop} starts from for {@code pkt}'s tuple (for tests). */
    synchronized int bucketOf(FiveTuple pkt) {
        requireFamily(pkt);
        return slowPath.bucketOf(pkt);
    }

    /** The kernel hash bucket count this table stands for in {@code early_drop} (for tests). */
    int buckets() {
        return slowPath.buckets();
    }

    private long meta(long ref) {
        return entries[index.base(ConntrackResult.entry(ref)) + E_META];
    }
}
