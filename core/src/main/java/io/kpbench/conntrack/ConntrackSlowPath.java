package io.kpbench.conntrack;

import static io.kpbench.conntrack.ConntrackHash.E_META;

import io.kpbench.net.FiveTuple;
import java.util.Arrays;

/**
 * The writer side of {@link ConntrackTable}, for either family: flow creation with NAT port selection, early drop,
 * the protocol state machine for state-changing packets, deletion, expiry and stale-UDP cleanup, on the chains of
 * {@link ConntrackHash}. Called under the table's monitor. Tuples are built in two scratch keys ({@link TupleKey}'s
 * short or long form); addresses are handled as 128-bit halves, IPv4 as {@code ::ffff:a.b.c.d}, so one code path
 * serves both families.
 *
 * <p>Source: Linux 6.12 {@code nf_conntrack_core.c} ({@code __nf_conntrack_alloc} with {@code early_drop} over
 * {@code NF_CT_EVICTION_RANGE} = 8 buckets and {@code early_drop_list}, {@code nf_ct_gc_expired},
 * {@code gc_worker}, {@code __nf_conntrack_hash_insert}: original then reply tuple, each at its chain's head) and
 * {@code nf_nat_core.c nf_nat_l4proto_unique_tuple} (through {@link NatPortSelector}).
 */
final class ConntrackSlowPath {
    /**
     * Entries one {@link #gc} pass looks at when an insert finds no free entry. The kernel's {@code gc_worker} runs
     * on a timer and keeps a table clear of expired entries, so that a full table holds live ones and
     * {@code early_drop} is the last resort; this model's tables have no timer of their own, so the pass runs when
     * the room runs out, before early drop. Without it a table filled with expired entries that no lookup walked
     * past, and an insert whose 8 {@code early_drop} buckets happened to be empty was refused (TABLE_FULL) while
     * most of the table had long expired. A bounded walk on the insert slow path; lookups are untouched.
     */
    static final int GC_ON_FULL = 4096;
    /** The kernel's {@code NF_CT_EVICTION_RANGE}: {@code early_drop} looks at up to this many buckets. */
    static final int EVICTION_RANGE = 8;

    private final ConntrackTable table;
    private final ConntrackHash hash;
    private final long[] entries;
    private final int words;
    private final int lastSeenAt;
    private final int streamTsAt;
    private final int capacity;
    private final int[] freeEntries;
    /** The bucket count ({@code nf_conntrack_htable_size}). */
    private final int buckets;
    /** The references of the tuples of one bucket, collected by {@link #earlyDropList} (scratch, grows). */
    private int[] chain = new int[16];
    private int freeTop;
    private final NatPortSelector portSelector;
    /** The tuple a packet is looked up or inserted under (scratch). */
    private final long[] orig = new long[TupleKey.LONG];
    /** The reply tuple being built by an insert; {@link #portSelector} varies its ports word (scratch). */
    private final long[] reply = new long[TupleKey.LONG];
    private int gcCursor;
    private long inserted;
    private long insertFailed;
    private long drop;
    private long earlyDrop;
    private long invalid;
    private long expired;
    private long deleted;

    ConntrackSlowPath(ConntrackTable table) {
        this.table = table;
        this.hash = table.hash;
        this.entries = hash.entries;
        this.words = hash.words;
        this.lastSeenAt = hash.lastSeenAt;
        this.streamTsAt = hash.streamTsAt;
        this.capacity = table.capacity;
        this.freeEntries = new int[capacity];
        for (int i = 0; i < capacity; i++) {
            freeEntries[i] = capacity - 1 - i;
        }
        this.freeTop = capacity;
        this.buckets = (int) hash.buckets;
        this.portSelector = new NatPortSelector(table.seed) {
            @Override
            boolean taken(long unusedAddrs, long ports, long now) {
                reply[words - 1] = ports;
                return ConntrackSlowPath.this.taken(reply, now);
            }
        };
    }

    int count() {
        return capacity - freeTop;
    }

    ConntrackStats stats() {
        return new ConntrackStats(count(), inserted, insertFailed, drop, earlyDrop, invalid, expired, deleted);
    }

    /** The reference of the node holding the packet's tuple (packed into {@link #orig}), or -1. */
    private int findRef(FiveTuple p) {
        return hash.find(packed(p), 0);
    }

    /** The kernel's {@code nf_conntrack_tuple_taken}; an expired holder is reclaimed on the way. */
    private boolean taken(long[] key, long now) {
        int ref = hash.find(key, 0);
        return ref >= 0 && !reclaimIfExpired(ref >>> 1, now);
    }

    /** Creates the flow of {@code p}, NAT targets as 128-bit halves ({@code (0, 0)}: none). */
    long insert(FiveTuple p, int flags, long dnatHi, long dnatLo, int dnatPort, long snatHi, long snatLo, long now,
            FiveTuple out) {
        if (taken(packed(p), now)) {
            insertFailed++;
            return ConntrackResult.INSERT_FAILED;
        }
        int proto = p.protocol();
        long meta = ConntrackStateMachine.initial(proto, flags, table.timeouts);
        if (meta < 0) {
            invalid++;
            return ConntrackResult.INVALID;
        }
        if (freeTop == 0) {
            gc(now, GC_ON_FULL);
        }
        if (freeTop == 0 && !earlyDrop(hash.bucketOf(orig, 0), now)) {
            drop++;
            return ConntrackResult.TABLE_FULL;
        }
        boolean dnat = (dnatHi | dnatLo) != 0;
        boolean snat = (snatHi | snatLo) != 0;
        long replySrcHi = dnat ? dnatHi : p.dstHi();
        long replySrcLo = dnat ? dnatLo : p.dstLo();
        long replyDstHi = snat ? snatHi : p.srcHi();
        long replyDstLo = snat ? snatLo : p.srcLo();
        int replySport = dnat ? dnatPort : p.dstPort();
        TupleKey.pack(replySrcHi, replySrcLo, replyDstHi, replyDstLo, 0L, reply, 0, words);
        int replyDport = portSelector.select(reply[0], proto, replySport, p.srcPort(), snat, now);
        if (replyDport < 0) {
            insertFailed++;
            return ConntrackResult.INSERT_FAILED;
        }
        reply[words - 1] = TupleKey.ports(proto, replySport, replyDport);
        if (replySrcHi != p.dstHi() || replySrcLo != p.dstLo() || replySport != p.dstPort()) {
            meta |= ConntrackStateMachine.DST_NAT;
        }
        if (replyDstHi != p.srcHi() || replyDstLo != p.srcLo() || replyDport != p.srcPort()) {
            meta |= ConntrackStateMachine.SRC_NAT;
        }
        int e = freeEntries[--freeTop];
        writeEntry(e, meta, now);
        hash.link(e << 1);
        hash.link((e << 1) | 1);
        inserted++;
        TupleKey.writeInverse(reply, 0, words, out);
        return (long) e << 1;
    }

    private long[] packed(FiveTuple p) {
        TupleKey.pack(p, orig, 0, words);
        return orig;
    }

    /** Writes a whole entry (but not its links) from {@link #orig} and {@link #reply} under its seqlock. */
    private void writeEntry(int e, long meta, long now) {
        final long[] en = entries;
        int base = ConntrackHash.base(e);
        hash.beginWrite(e);
        en[base + E_META] = meta;
        ConntrackHash.writeOpaque(en, base + lastSeenAt, now);
        System.arraycopy(orig, 0, en, hash.node(e << 1) + 1, words);
        System.arraycopy(reply, 0, en, hash.node((e << 1) | 1) + 1, words);
        en[base + streamTsAt] = now + ConntrackStateMachine.UDP_STREAM_DELAY_NANOS;
        hash.endWrite(e);
    }

    /** Writes an entry's meta (and, when {@code now} is not {@code Long.MIN_VALUE}, its lastSeen) under its seqlock. */
    private void writeMeta(int e, long meta, long now) {
        int base = ConntrackHash.base(e);
        hash.beginWrite(e);
        entries[base + E_META] = meta;
        if (now != Long.MIN_VALUE) {
            ConntrackHash.writeOpaque(entries, base + lastSeenAt, now);
        }
        hash.endWrite(e);
    }

    /** The bucket of {@code p}'s tuple. */
    int bucketOf(FiveTuple p) {
        return hash.bucketOf(packed(p), 0);
    }

    /**
     * Linux 6.12 {@code nf_conntrack_core.c early_drop}: from the new tuple's bucket, up to
     * {@link #EVICTION_RANGE} consecutive buckets (wrapping), until one yields a drop; then true if there is room.
     *
     * <p>One difference: when the buckets held only expired entries, the kernel reclaims them but still refuses
     * this packet (it returns false on zero drops); here the reclaimed room admits it. An expired entry in this
     * model is one the kernel's {@code gc_worker} would normally have freed already, before the table filled.
     */
    private boolean earlyDrop(int bucket, long now) {
        int b = bucket;
        int drops = 0;
        for (int i = 0; i < EVICTION_RANGE && drops == 0; i++) {
            drops = earlyDropList(b, now);
            b = b + 1 == buckets ? 0 : b + 1;
        }
        earlyDrop += drops;
        return freeTop > 0;
    }

    /**
     * Linux 6.12 {@code early_drop_list} on bucket {@code b}: reclaims each expired entry of the chain
     * ({@code nf_ct_gc_expired}), skips assured ones, and drops <em>every</em> other one; returns the drops.
     */
    private int earlyDropList(int b, long now) {
        int n = chainOf(b);
        int drops = 0;
        for (int k = 0; k < n; k++) {
            int e = chain[k] >>> 1;
            long meta = entries[ConntrackHash.base(e) + E_META];
            if ((meta & ConntrackStateMachine.LIVE) == 0 || reclaimIfExpired(e, now)
                    || (meta & ConntrackStateMachine.ASSURED) != 0) {
                continue; // already gone through its other tuple, just reclaimed, or assured
            }
            remove(e);
            drops++;
        }
        return drops;
    }

    /**
     * Collects into {@link #chain} the references of the nodes of bucket {@code b}'s chain, head first (references,
     * since the drops that follow unlink nodes).
     */
    private int chainOf(int b) {
        int n = 0;
        for (int ref = hash.heads[b]; ref >= 0; ref = (int) entries[hash.node(ref)]) {
            if (n == chain.length) {
                chain = Arrays.copyOf(chain, 2 * n);
            }
            chain[n++] = ref;
        }
        return n;
    }

    long receive(FiveTuple p, int flags, long now, FiveTuple out) {
        int ref = findRef(p);
        if (ref < 0) {
            return ConntrackResult.MISS;
        }
        int e = ref >>> 1;
        if (reclaimIfExpired(e, now)) {
            return ConntrackResult.MISS;
        }
        int base = ConntrackHash.base(e);
        long next = ConntrackStateMachine.next(entries[base + E_META], p.protocol(), ref & 1, flags, now,
                entries[base + streamTsAt], table.timeouts);
        if (next == ConntrackStateMachine.INVALID) {
            invalid++;
            return ConntrackResult.INVALID;
        }
        if (next == ConntrackStateMachine.REOPEN) {
            remove(e);
            deleted++;
            return ConntrackResult.MISS;
        }
        TupleKey.writeInverse(entries, hash.node(ref ^ 1) + 1, words, out);
        if (next == ConntrackStateMachine.KILL) {
            remove(e);
            deleted++;
        } else if (next != ConntrackStateMachine.IGNORE) {
            writeMeta(e, next, now);
        }
        return ref;
    }

    boolean delete(FiveTuple p) {
        int ref = findRef(p);
        if (ref < 0) {
            return false;
        }
        remove(ref >>> 1);
        deleted++;
        return true;
    }

    int gc(long now, int budget) {
        int reclaimed = 0;
        int n = Math.min(budget, capacity);
        for (int k = 0; k < n; k++) {
            int e = gcCursor;
            gcCursor = e + 1 == capacity ? 0 : e + 1;
            long meta = entries[ConntrackHash.base(e) + E_META];
            if ((meta & ConntrackStateMachine.LIVE) != 0 && reclaimIfExpired(e, now)) {
                reclaimed++;
            }
        }
        return reclaimed;
    }

    /**
     * Deletes live UDP entries whose original destination port is {@code port} (and, when {@code matchIp}, whose
     * original destination is {@code ip}) and whose reply source is {@code endpoint} (when {@code servingV4} is
     * null) or is not one of the IPv4 addresses {@code servingV4}. Addresses are 128-bit halves.
     */
    int clearUdp(boolean matchIp, long ipHi, long ipLo, int port, long endpointHi, long endpointLo, int[] servingV4) {
        final long[] en = entries;
        final int w = words;
        int cleared = 0;
        for (int e = 0; e < capacity; e++) {
            if ((en[ConntrackHash.base(e) + E_META] & ConntrackStateMachine.LIVE) == 0) {
                continue;
            }
            int o = hash.node(e << 1) + 1;
            int r = hash.node((e << 1) | 1) + 1;
            long origPorts = en[o + w - 1];
            if (TupleKey.proto(origPorts) != ConntrackStateMachine.UDP || TupleKey.dport(origPorts) != port
                    || matchIp && (TupleKey.dstHi(en, o, w) != ipHi || TupleKey.dstLo(en, o, w) != ipLo)) {
                continue;
            }
            long srcHi = TupleKey.srcHi(en, r, w);
            long srcLo = TupleKey.srcLo(en, r, w);
            if (servingV4 == null ? srcHi == endpointHi && srcLo == endpointLo : !servedBy(servingV4, srcHi, srcLo)) {
                remove(e);
                deleted++;
                cleared++;
            }
        }
        return cleared;
    }

    private static boolean servedBy(int[] ips, long hi, long lo) {
        for (int ip : ips) {
            if (hi == 0 && lo == TupleKey.mapped(ip)) {
                return true;
            }
        }
        return false;
    }

    private boolean reclaimIfExpired(int e, long now) {
        int base = ConntrackHash.base(e);
        long last = ConntrackHash.readOpaque(entries, base + lastSeenAt);
        if (now - last <= ConntrackStateMachine.timeoutSeconds(entries[base + E_META]) * 1_000_000_000L) {
            return false;
        }
        remove(e);
        expired++;
        return true;
    }

    /** Unlinks both nodes of entry {@code e} ({@code hlist_nulls_del_rcu}), then marks it dead and frees it. */
    private void remove(int e) {
        hash.unlink(e << 1);
        hash.unlink((e << 1) | 1);
        writeMeta(e, 0L, Long.MIN_VALUE);
        freeEntries[freeTop++] = e;
    }
}
