package io.kpbench.conntrack;

import io.kpbench.net.FiveTuple;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * An IPv4 conntrack table: entries hashed under both their original and reply tuples in one open-addressing
 * array, with lock-free readers and serialised writers.
 *
 * <p>Source: Linux {@code nf_conntrack_core.c} — {@code __nf_conntrack_find_get} (RCU lookup, then
 * {@code nf_ct_key_equal} re-checked on the entry), {@code tuplehash[IP_CT_DIR_ORIGINAL/REPLY]},
 * {@code nf_ct_refresh}, {@code early_drop}, {@code gc_worker}; {@code nf_nat_core.c} for the NAT bindings.
 *
 * <p><b>Layout.</b> {@code slots} is a power-of-two {@code long[]} of 16-byte slots {@code (addrs, ref+1 << 40 |
 * ports)}, a zero second long meaning empty, probed linearly, deleted by backward shift (no tombstones), sized for
 * a load of at most 0.75 when all {@code capacity} entries (2 tuples each) are present. {@code entries} holds 8
 * longs per entry: {@code version, meta, lastSeen, orig addrs, orig ports, reply addrs, reply ports, streamTs}, so
 * a reader's seven fields are contiguous. The translation of
 * a packet is the inverse of the other direction's tuple, exactly as the kernel's NAT mangles from the tuples.
 *
 * <p><b>Concurrency.</b> Writers ({@code insert}, {@code receive}'s slow path, {@code delete}, {@code gc},
 * cleanup) are {@code synchronized} on the table. Readers ({@code lookup}, {@code receive}'s fast path) take no
 * lock and allocate nothing:
 * <ol>
 * <li>Every entry is a seqlock: the writer makes {@code version} odd, release-fences, writes, and stores it even
 * with release; a reader retries until it reads the same even version before and after its field reads
 * (acquire-fenced). A reader therefore never sees a torn entry.</li>
 * <li>A slot match is only a hint: the reader re-checks the tuple and the live bit on the entry itself (the
 * kernel's {@code nf_ct_key_equal} after {@code refcount_inc_not_zero}). A torn slot or a reused entry can thus
 * never produce a wrong answer, so every <em>hit</em> is exact (linearised at the entry read).</li>
 * <li>Only <em>misses</em> can be wrong: a backward shift may move an entry from ahead of a probing reader to
 * behind it. Before moving an entry the writer makes the seqlock counter of the entry's home stripe (1024
 * slots) odd, and makes it even after the whole shift. A reader whose fast probe misses re-probes in
 * {@link #lookup}'s {@code lookupMissSlowPath}, validated against its key's home stripe counter, and retries
 * when it changed. Inserts never move entries, so a miss concurrent with an insert is simply ordered before it.</li>
 * </ol>
 * The hit path reads no shared counter, so a churning writer costs established lookups nothing but the cache
 * lines it actually writes. Readers spin while a version is odd (lock-free only while the writer runs).
 *
 * <p>{@code receive}'s fast path writes one field: {@code lastSeen}, with an opaque store and at most once per
 * {@value #REFRESH_GRANULARITY_NANOS} ns (a jiffy at HZ=1000), as the kernel's {@code nf_ct_refresh} writes
 * {@code ct->timeout} without a lock. A refresh racing with the writer's expiry decision may be lost, as in the
 * kernel. Expiry is {@code now - lastSeen > timeout(meta)}; an expired entry is a miss for readers and is
 * reclaimed by the next writer that meets it or by {@link #gc}.
 */
public final class ConntrackTable implements Conntrack {
    static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
    static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);

    static final int SLOT = 2;
    /** The low 40 bits of a slot's second long are the tuple's ports; the high 24 bits are {@code ref + 1}. */
    static final long PORTS_MASK = 0xFF_FFFF_FFFFL;
    static final int REF_SHIFT = 40;
    static final int MAX_CAPACITY = (1 << 23) - 1;
    static final int ENTRY = 8;
    static final int E_META = 1;
    static final int E_LAST_SEEN = 2;
    static final int E_ORIG = 3;
    static final int E_REPLY = 5;
    static final int E_STREAM_TS = 7;
    static final int STRIPE_SHIFT = 10;
    /** Stripe counters are 16 ints (64 bytes) apart, so readers of one stripe do not share a line with another. */
    static final int STRIPE_PAD = 16;
    static final long REFRESH_GRANULARITY_NANOS = 1_000_000L;
    private static final long NOT_THIS = Long.MIN_VALUE;

    final long[] slots;
    final int mask;
    final long[] entries;
    final int[] stripes;
    final long seed;
    final int capacity;
    final ConntrackTimeouts timeouts;
    private final ConntrackSlowPath slowPath;

    /** A table for {@code capacity} entries ({@code nf_conntrack_max}) with kube-proxy's timeouts. */
    public ConntrackTable(int capacity, long seed) {
        this(capacity, ConntrackTimeouts.kubeProxyDefaults(), seed);
    }

    /** A table for {@code capacity} entries; {@code seed} keys the hash ({@code nf_conntrack_hash_rnd}). */
    public ConntrackTable(int capacity, ConntrackTimeouts timeouts, long seed) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity must be in [1, 2^23 - 1]: " + capacity);
        }
        int n = Integer.highestOneBit((int) Math.max(16, (8L * capacity + 2) / 3 - 1)) << 1;
        this.slots = new long[n * SLOT];
        this.mask = n - 1;
        this.entries = new long[capacity * ENTRY];
        this.stripes = new int[Math.max(1, n >>> STRIPE_SHIFT) * STRIPE_PAD];
        this.seed = seed;
        this.capacity = capacity;
        this.timeouts = timeouts;
        this.slowPath = new ConntrackSlowPath(this, seed);
    }

    @Override
    public long lookup(FiveTuple pkt, long nowNanos, FiveTuple out) {
        if (!pkt.isV4()) {
            return ConntrackResult.MISS;
        }
        long addrs = TupleKey.addrs(pkt);
        long ports = TupleKey.ports(pkt);
        long r = find(addrs, ports, nowNanos, out);
        if (r == ConntrackResult.MISS) {
            r = lookupMissSlowPath(addrs, ports, nowNanos, out);
        }
        return r < 0 ? r : r & 0xFFFF_FFFFL;
    }

    @Override
    public long receive(FiveTuple pkt, int tcpFlags, long nowNanos, FiveTuple out) {
        if (!pkt.isV4()) {
            return ConntrackResult.MISS;
        }
        long addrs = TupleKey.addrs(pkt);
        long ports = TupleKey.ports(pkt);
        long r = find(addrs, ports, nowNanos, out);
        if (r == ConntrackResult.MISS) {
            r = lookupMissSlowPath(addrs, ports, nowNanos, out);
        }
        if (r < 0) {
            return r;
        }
        int ref = (int) r;
        if (ConntrackStateMachine.onlyRefreshes(r >>> 32, TupleKey.proto(ports), ref & 1, tcpFlags)) {
            int at = (ref >>> 1) * ENTRY + E_LAST_SEEN;
            long last = (long) LONGS.getOpaque(entries, at);
            if (nowNanos - last >= REFRESH_GRANULARITY_NANOS) {
                LONGS.setOpaque(entries, at, nowNanos);
            }
            return ref;
        }
        return receiveSlowPath(addrs, ports, tcpFlags, nowNanos, out);
    }

    /** The unvalidated probe: a hit is exact, a miss may be spurious under a concurrent backward shift. */
    private long find(long addrs, long ports, long now, FiveTuple out) {
        final long[] s = slots;
        final int m = mask;
        int i = TupleKey.hash(addrs, ports, seed) & m;
        for (int n = 0; n <= m; n++) {
            int b = i * SLOT;
            long tagged = s[b + 1];
            if (tagged == 0) {
                return ConntrackResult.MISS;
            }
            if ((tagged & PORTS_MASK) == ports && s[b] == addrs) {
                long r = readEntry((int) (tagged >>> REF_SHIFT) - 1, addrs, ports, now, out);
                if (r != NOT_THIS) {
                    return r;
                }
            }
            i = (i + 1) & m;
        }
        return ConntrackResult.MISS;
    }

    /**
     * Reads entry {@code ref} under its seqlock; returns {@code status << 32 | ref}, MISS if expired, or NOT_THIS.
     * The version is read plainly and ordered by {@link VarHandle#acquireFence()} (as {@code StampedLock.validate}
     * does), which compiles to no instruction on x86 and keeps the method small enough to inline.
     */
    private long readEntry(int ref, long addrs, long ports, long now, FiveTuple out) {
        final long[] e = entries;
        int base = (ref >>> 1) * ENTRY;
        int own = base + ((ref & 1) == 0 ? E_ORIG : E_REPLY);
        int other = base + ((ref & 1) == 0 ? E_REPLY : E_ORIG);
        long v = e[base];
        VarHandle.acquireFence();
        long meta = e[base + E_META];
        long last = e[base + E_LAST_SEEN];
        long ownAddrs = e[own];
        long ownPorts = e[own + 1];
        long otherAddrs = e[other];
        long otherPorts = e[other + 1];
        VarHandle.acquireFence();
        if ((v & 1) != 0 || e[base] != v) {
            return readEntrySlowPath(ref, addrs, ports, now, out);
        }
        if ((meta & ConntrackStateMachine.LIVE) == 0 || ownAddrs != addrs || ownPorts != ports) {
            return NOT_THIS;
        }
        if (now - last > ConntrackStateMachine.timeoutSeconds(meta) * 1_000_000_000L) {
            return ConntrackResult.MISS;
        }
        TupleKey.writeInverse(otherAddrs, otherPorts, out);
        return ((meta & 0xFFFFL) << 32) | ref;
    }

    /** The entry was being written: wait for an even version, then read it again. */
    private long readEntrySlowPath(int ref, long addrs, long ports, long now, FiveTuple out) {
        int base = (ref >>> 1) * ENTRY;
        while (((long) LONGS.getAcquire(entries, base) & 1) != 0) {
            Thread.onSpinWait();
        }
        return readEntry(ref, addrs, ports, now, out);
    }

    /** Re-probes a miss, validated against the home stripe's shift counter, so that a miss is never spurious. */
    private long lookupMissSlowPath(long addrs, long ports, long now, FiveTuple out) {
        int stripe = ((TupleKey.hash(addrs, ports, seed) & mask) >>> STRIPE_SHIFT) * STRIPE_PAD;
        for (;;) {
            int v = (int) INTS.getAcquire(stripes, stripe);
            if ((v & 1) != 0) {
                Thread.onSpinWait();
                continue;
            }
            long r = find(addrs, ports, now, out);
            if (r != ConntrackResult.MISS) {
                return r;
            }
            VarHandle.acquireFence();
            if ((int) INTS.getOpaque(stripes, stripe) == v) {
                return ConntrackResult.MISS;
            }
        }
    }

    private synchronized long receiveSlowPath(long addrs, long ports, int flags, long now, FiveTuple out) {
        return slowPath.receive(addrs, ports, flags, now, out);
    }

    @Override
    public synchronized long insert(FiveTuple pkt, int tcpFlags, int dnatIp, int dnatPort, int snatIp,
            long nowNanos, FiveTuple out) {
        if (!pkt.isV4()) {
            throw new IllegalArgumentException("ConntrackTable tracks IPv4 only: " + pkt);
        }
        return slowPath.insert(TupleKey.addrs(pkt), TupleKey.ports(pkt), tcpFlags, dnatIp, dnatPort, snatIp,
                nowNanos, out);
    }

    @Override
    public synchronized boolean delete(FiveTuple pkt) {
        return pkt.isV4() && slowPath.delete(TupleKey.addrs(pkt), TupleKey.ports(pkt));
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
        return slowPath.clearUdp(true, serviceIp, servicePort, endpointIp, null);
    }

    /** Deletes UDP entries to NodePort {@code nodePort} DNATed to {@code endpointIp}: {@code filterForPortNAT}. */
    public synchronized int clearStaleUdpNodePort(int nodePort, int endpointIp) {
        return slowPath.clearUdp(false, 0, nodePort, endpointIp, null);
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
        int n = slowPath.clearUdp(true, serviceIp, servicePort, 0, servingEndpointIps);
        return nodePort == 0 ? n : n + slowPath.clearUdp(false, 0, nodePort, 0, servingEndpointIps);
    }

    @Override
    public synchronized int size() {
        return slowPath.count();
    }

    /** The entry limit ({@code nf_conntrack_max}). */
    public int capacity() {
        return capacity;
    }

    /** The counters. */
    public synchronized ConntrackStats stats() {
        return slowPath.stats();
    }

    /** The protocol-independent state of the entry of reference {@code ref}. */
    public synchronized ConnState connState(long ref) {
        return ConntrackStateMachine.connState(entries[ConntrackResult.entry(ref) * ENTRY + E_META]);
    }

    /** The TCP state of the entry of reference {@code ref}. */
    public synchronized TcpState tcpState(long ref) {
        return TcpState.of(ConntrackStateMachine.tcpState(entries[ConntrackResult.entry(ref) * ENTRY + E_META]));
    }

    /** The current timeout, in seconds, of the entry of reference {@code ref}. */
    public synchronized long timeoutSeconds(long ref) {
        return ConntrackStateMachine.timeoutSeconds(entries[ConntrackResult.entry(ref) * ENTRY + E_META]);
    }
}
