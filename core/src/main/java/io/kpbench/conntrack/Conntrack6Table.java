package io.kpbench.conntrack;

import io.kpbench.net.FiveTuple;
import java.lang.invoke.VarHandle;

/**
 * An IPv6 conntrack table: {@link ConntrackTable}'s mechanism (one-long tagged slots, seqlocked entries, stripe
 * counters for backward shift, lock-free readers) with 128-bit addresses, so 16-long entries.
 *
 * <p>Source: Linux {@code nf_conntrack_core.c}, which keeps both families in one table with {@code l3num} in the
 * tuple; kube-proxy runs one proxier and one conntrack cleanup per family, so one table per family is faithful.
 * Entry layout: {@code version, meta, lastSeen, orig (srcHi, srcLo, dstHi, dstLo, ports), reply (same),
 * streamTs, 2 spare}. NAT targets are passed as address halves, {@code (0, 0)} meaning none.
 */
public final class Conntrack6Table {
    static final int ENTRY6 = 16;
    static final int E6_ORIG = 3;
    static final int E6_REPLY = 8;
    static final int E6_STREAM_TS = 13;
    private static final long NOT_THIS = Long.MIN_VALUE;
    private static final long RETRY = Long.MIN_VALUE + 1;

    final long[] slots;
    final int mask;
    final long[] entries;
    final int[] stripes;
    final long seed;
    final int capacity;
    final ConntrackTimeouts timeouts;
    private final Conntrack6SlowPath slowPath;

    /** A table for {@code capacity} IPv6 entries with kube-proxy's timeouts. */
    public Conntrack6Table(int capacity, long seed) {
        this(capacity, ConntrackTimeouts.kubeProxyDefaults(), seed);
    }

    /** A table for {@code capacity} IPv6 entries; {@code seed} keys the hash. */
    public Conntrack6Table(int capacity, ConntrackTimeouts timeouts, long seed) {
        if (capacity < 1 || capacity > ConntrackTable.MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity must be in [1, 2^23 - 1]: " + capacity);
        }
        int n = Integer.highestOneBit((int) Math.max(16, (8L * capacity + 2) / 3 - 1)) << 1;
        this.slots = new long[n];
        this.mask = n - 1;
        this.entries = new long[capacity * ENTRY6];
        this.stripes = new int[Math.max(1, n >>> ConntrackTable.STRIPE_SHIFT) * ConntrackTable.STRIPE_PAD];
        this.seed = seed;
        this.capacity = capacity;
        this.timeouts = timeouts;
        this.slowPath = new Conntrack6SlowPath(this, seed);
    }

    /** As {@link Conntrack#lookup}: finds the flow of an IPv6 packet and writes its translation into {@code out}. */
    public long lookup(FiveTuple pkt, long nowNanos, FiveTuple out) {
        if (pkt.isV4()) {
            return ConntrackResult.MISS;
        }
        long r = find(pkt, nowNanos, out);
        if (r == ConntrackResult.MISS) {
            r = lookupMissSlowPath(pkt, nowNanos, out);
        }
        return r < 0 ? r : r & 0xFFFF_FFFFL;
    }

    /** As {@link Conntrack#receive}: lookup, then a lock-free timer refresh or the locked state machine. */
    public long receive(FiveTuple pkt, int tcpFlags, long nowNanos, FiveTuple out) {
        if (pkt.isV4()) {
            return ConntrackResult.MISS;
        }
        long r = find(pkt, nowNanos, out);
        if (r == ConntrackResult.MISS) {
            r = lookupMissSlowPath(pkt, nowNanos, out);
        }
        if (r < 0) {
            return r;
        }
        int ref = (int) r;
        if (ConntrackStateMachine.onlyRefreshes(r >>> 32, pkt.protocol(), ref & 1, tcpFlags)) {
            int at = (ref >>> 1) * ENTRY6 + ConntrackTable.E_LAST_SEEN;
            if (nowNanos - (long) ConntrackTable.LONGS.getOpaque(entries, at)
                    >= ConntrackTable.REFRESH_GRANULARITY_NANOS) {
                ConntrackTable.LONGS.setOpaque(entries, at, nowNanos);
            }
            return ref;
        }
        return receiveSlowPath(pkt, tcpFlags, nowNanos, out);
    }

    private long find(FiveTuple pkt, long now, FiveTuple out) {
        final long[] s = slots;
        final int m = mask;
        long ports = TupleKey.ports(pkt);
        long tag = TupleKey.hash6(pkt.srcHi(), pkt.srcLo(), pkt.dstHi(), pkt.dstLo(), ports, seed)
                & ConntrackTable.TAG_MASK;
        int i = (int) tag & m;
        for (int n = 0; n <= m; n++) {
            long tagged = s[i];
            if (tagged == 0) {
                return ConntrackResult.MISS;
            }
            if ((tagged & ConntrackTable.TAG_MASK) == tag) {
                int ref = (int) (tagged >>> ConntrackTable.REF_SHIFT) - 1;
                long r = readEntry(ref, pkt, ports, now, out);
                while (r == RETRY) {
                    Thread.onSpinWait();
                    r = readEntry(ref, pkt, ports, now, out);
                }
                if (r != NOT_THIS) {
                    return r;
                }
            }
            i = (i + 1) & m;
        }
        return ConntrackResult.MISS;
    }

    /** One seqlocked read of entry {@code ref}: {@code status << 32 | ref}, MISS if expired, NOT_THIS or RETRY. */
    private long readEntry(int ref, FiveTuple pkt, long ports, long now, FiveTuple out) {
        final long[] e = entries;
        int base = (ref >>> 1) * ENTRY6;
        int flip = (ref & 1) * (E6_REPLY - E6_ORIG);
        int own = base + E6_ORIG + flip;
        int other = base + E6_REPLY - flip;
        long v = e[base];
        VarHandle.acquireFence();
        long meta = e[base + ConntrackTable.E_META];
        long last = e[base + ConntrackTable.E_LAST_SEEN];
        boolean same = e[own] == pkt.srcHi() && e[own + 1] == pkt.srcLo() && e[own + 2] == pkt.dstHi()
                && e[own + 3] == pkt.dstLo() && e[own + 4] == ports;
        long srcHi = e[other];
        long srcLo = e[other + 1];
        long dstHi = e[other + 2];
        long dstLo = e[other + 3];
        long otherPorts = e[other + 4];
        VarHandle.acquireFence();
        if ((v & 1) != 0 || (long) ConntrackTable.LONGS.getOpaque(e, base) != v) {
            return RETRY;
        }
        if ((meta & ConntrackStateMachine.LIVE) == 0 || !same) {
            return NOT_THIS;
        }
        if (now - last > ConntrackStateMachine.timeoutSeconds(meta) * 1_000_000_000L) {
            return ConntrackResult.MISS;
        }
        out.set(dstHi, dstLo, TupleKey.dport(otherPorts), srcHi, srcLo, TupleKey.sport(otherPorts),
                TupleKey.proto(otherPorts));
        return ((meta & 0xFFFFL) << 32) | ref;
    }

    private long lookupMissSlowPath(FiveTuple pkt, long now, FiveTuple out) {
        long h = TupleKey.hash6(pkt.srcHi(), pkt.srcLo(), pkt.dstHi(), pkt.dstLo(), TupleKey.ports(pkt), seed);
        int stripe = (((int) h & mask) >>> ConntrackTable.STRIPE_SHIFT) * ConntrackTable.STRIPE_PAD;
        for (;;) {
            int v = (int) ConntrackTable.INTS.getAcquire(stripes, stripe);
            if ((v & 1) != 0) {
                Thread.onSpinWait();
                continue;
            }
            long r = find(pkt, now, out);
            if (r != ConntrackResult.MISS) {
                return r;
            }
            VarHandle.acquireFence();
            if ((int) ConntrackTable.INTS.getOpaque(stripes, stripe) == v) {
                return ConntrackResult.MISS;
            }
        }
    }

    private synchronized long receiveSlowPath(FiveTuple pkt, int flags, long now, FiveTuple out) {
        return slowPath.receive(pkt, flags, now, out);
    }

    /**
     * As {@link Conntrack#insert} for IPv6: DNAT to {@code [dnatHi, dnatLo]:dnatPort} and masquerade to
     * {@code [snatHi, snatLo]} with a fully random port; {@code (0, 0)} means no such NAT.
     */
    public synchronized long insert(FiveTuple pkt, int tcpFlags, long dnatHi, long dnatLo, int dnatPort,
            long snatHi, long snatLo, long nowNanos, FiveTuple out) {
        if (pkt.isV4()) {
            throw new IllegalArgumentException("Conntrack6Table tracks IPv6 only: " + pkt);
        }
        return slowPath.insert(pkt, tcpFlags, dnatHi, dnatLo, dnatPort, snatHi, snatLo, nowNanos, out);
    }

    /** Deletes the flow {@code pkt} belongs to (either direction); true when there was one. */
    public synchronized boolean delete(FiveTuple pkt) {
        return !pkt.isV4() && slowPath.delete(pkt);
    }

    /** Reclaims expired entries, examining at most {@code budget}; returns how many were reclaimed. */
    public synchronized int gc(long nowNanos, int budget) {
        return slowPath.gc(nowNanos, budget);
    }

    /** kube-proxy's {@code filterForIPPortNAT}: UDP flows to {@code service:port} DNATed to {@code endpoint}. */
    public synchronized int clearStaleUdp(long serviceHi, long serviceLo, int servicePort, long endpointHi,
            long endpointLo) {
        return slowPath.clearUdp(true, serviceHi, serviceLo, servicePort, endpointHi, endpointLo);
    }

    /** kube-proxy's {@code filterForPortNAT}: UDP flows to NodePort {@code nodePort} DNATed to {@code endpoint}. */
    public synchronized int clearStaleUdpNodePort(int nodePort, long endpointHi, long endpointLo) {
        return slowPath.clearUdp(false, 0, 0, nodePort, endpointHi, endpointLo);
    }

    /** The number of entries. */
    public synchronized int size() {
        return slowPath.count();
    }

    /** The counters. */
    public synchronized ConntrackStats stats() {
        return slowPath.stats();
    }

    /** The protocol-independent state of the entry of reference {@code ref}. */
    public synchronized ConnState connState(long ref) {
        return ConntrackStateMachine.connState(entries[ConntrackResult.entry(ref) * ENTRY6 + ConntrackTable.E_META]);
    }
}
