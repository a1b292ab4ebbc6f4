package io.kpbench.conntrack;

import static io.kpbench.conntrack.ConntrackTable.E_LAST_SEEN;
import static io.kpbench.conntrack.ConntrackTable.E_META;
import static io.kpbench.conntrack.ConntrackTable.E_ORIG;
import static io.kpbench.conntrack.ConntrackTable.E_REPLY;
import static io.kpbench.conntrack.ConntrackTable.E_STREAM_TS;
import static io.kpbench.conntrack.ConntrackTable.ENTRY;
import static io.kpbench.conntrack.ConntrackTable.LONGS;

import io.kpbench.net.FiveTuple;

/**
 * The writer side of {@link ConntrackTable}: flow creation with NAT port selection, early drop, the protocol state
 * machine for state-changing packets, deletion, expiry and stale-UDP cleanup. Called under the table's monitor.
 *
 * <p>Source: Linux {@code nf_conntrack_core.c} ({@code __nf_conntrack_alloc} with {@code early_drop} over
 * {@code NF_CT_EVICTION_RANGE} = 8 chains, {@code nf_ct_gc_expired}, {@code gc_worker}) and {@code nf_nat_core.c
 * nf_nat_l4proto_unique_tuple} (through {@link NatPortSelector}).
 */
final class ConntrackSlowPath {
    /** Occupied slots early_drop examines: the kernel's 8 chains × 2 tuples per chain at nf_conntrack_max. */
    static final int EARLY_DROP_TUPLES = 16;
    static final int EARLY_DROP_MAX_SLOTS = 64;

    private final ConntrackTable table;
    private final long[] entries;
    private final int mask;
    private final SeqlockWriter writer;
    private final int[] freeEntries;
    private int freeTop;
    private final NatPortSelector portSelector;
    private int gcCursor;
    private long inserted;
    private long insertFailed;
    private long drop;
    private long earlyDrop;
    private long invalid;
    private long expired;
    private long deleted;

    ConntrackSlowPath(ConntrackTable table, long seed) {
        this.table = table;
        this.entries = table.entries;
        this.mask = table.mask;
        this.writer = new SeqlockWriter(table);
        this.freeEntries = new int[table.capacity];
        for (int i = 0; i < table.capacity; i++) {
            freeEntries[i] = table.capacity - 1 - i;
        }
        this.freeTop = table.capacity;
        this.portSelector = new NatPortSelector(seed) {
            @Override
            boolean taken(long addrs, long ports, long now) {
                return ConntrackSlowPath.this.taken(addrs, ports, now);
            }
        };
    }

    int count() {
        return table.capacity - freeTop;
    }

    ConntrackStats stats() {
        return new ConntrackStats(count(), inserted, insertFailed, drop, earlyDrop, invalid, expired, deleted);
    }

    long insert(long addrs, long ports, int flags, int dnatIp, int dnatPort, int snatIp, long now, FiveTuple out) {
        int slot = writer.findSlot(addrs, ports);
        if (slot >= 0) {
            if (!reclaimIfExpired(writer.refAt(slot) >>> 1, now)) {
                insertFailed++;
                return ConntrackResult.INSERT_FAILED;
            }
        }
        int proto = TupleKey.proto(ports);
        long meta = ConntrackStateMachine.initial(proto, flags, table.timeouts);
        if (meta < 0) {
            invalid++;
            return ConntrackResult.INVALID;
        }
        if (freeTop == 0 && !earlyDrop(addrs, ports, now)) {
            drop++;
            return ConntrackResult.TABLE_FULL;
        }
        int origDst = TupleKey.dst(addrs);
        int origDport = TupleKey.dport(ports);
        int replySrc = dnatIp != 0 ? dnatIp : origDst;
        int replySport = dnatIp != 0 ? dnatPort : origDport;
        int replyDst = snatIp != 0 ? snatIp : TupleKey.src(addrs);
        long replyAddrs = TupleKey.addrs(replySrc, replyDst);
        int replyDport = portSelector.select(replyAddrs, proto, replySport, TupleKey.sport(ports), snatIp != 0, now);
        if (replyDport < 0) {
            insertFailed++;
            return ConntrackResult.INSERT_FAILED;
        }
        long replyPorts = TupleKey.ports(proto, replySport, replyDport);
        if (replySrc != origDst || replySport != origDport) {
            meta |= ConntrackStateMachine.DST_NAT;
        }
        if (replyDst != TupleKey.src(addrs) || replyDport != TupleKey.sport(ports)) {
            meta |= ConntrackStateMachine.SRC_NAT;
        }
        int e = freeEntries[--freeTop];
        writer.writeEntry(e, addrs, ports, replyAddrs, replyPorts, meta, now,
                now + ConntrackStateMachine.UDP_STREAM_DELAY_NANOS);
        writer.put(addrs, ports, e << 1);
        writer.put(replyAddrs, replyPorts, (e << 1) | 1);
        inserted++;
        TupleKey.writeInverse(replyAddrs, replyPorts, out);
        return (long) e << 1;
    }

    /** The kernel's {@code nf_conntrack_tuple_taken}; an expired holder is reclaimed on the way. */
    private boolean taken(long addrs, long ports, long now) {
        int slot = writer.findSlot(addrs, ports);
        return slot >= 0 && !reclaimIfExpired(writer.refAt(slot) >>> 1, now);
    }

    /** Frees one slot near the new tuple's home: an expired entry, else the first non-assured one. */
    private boolean earlyDrop(long addrs, long ports, long now) {
        int i = writer.home(addrs, ports);
        int seen = 0;
        for (int n = 0; n < EARLY_DROP_MAX_SLOTS && seen < EARLY_DROP_TUPLES; n++, i = (i + 1) & mask) {
            int ref = writer.refAt(i);
            if (ref < 0) {
                continue;
            }
            seen++;
            int e = ref >>> 1;
            if (reclaimIfExpired(e, now)) {
                return true;
            }
            if ((entries[e * ENTRY + E_META] & ConntrackStateMachine.ASSURED) == 0) {
                remove(e);
                earlyDrop++;
                return true;
            }
        }
        return false;
    }

    long receive(long addrs, long ports, int flags, long now, FiveTuple out) {
        int slot = writer.findSlot(addrs, ports);
        if (slot < 0) {
            return ConntrackResult.MISS;
        }
        int ref = writer.refAt(slot);
        int e = ref >>> 1;
        if (reclaimIfExpired(e, now)) {
            return ConntrackResult.MISS;
        }
        int base = e * ENTRY;
        long next = ConntrackStateMachine.next(entries[base + E_META], TupleKey.proto(ports), ref & 1, flags, now,
                entries[base + E_STREAM_TS], table.timeouts);
        if (next == ConntrackStateMachine.INVALID) {
            invalid++;
            return ConntrackResult.INVALID;
        }
        if (next == ConntrackStateMachine.REOPEN) {
            remove(e);
            deleted++;
            return ConntrackResult.MISS;
        }
        int other = base + ((ref & 1) == 0 ? E_REPLY : E_ORIG);
        TupleKey.writeInverse(entries[other], entries[other + 1], out);
        if (next == ConntrackStateMachine.KILL) {
            remove(e);
            deleted++;
        } else if (next != ConntrackStateMachine.IGNORE) {
            writer.writeMeta(e, next, now);
        }
        return ref;
    }

    boolean delete(long addrs, long ports) {
        int slot = writer.findSlot(addrs, ports);
        if (slot < 0) {
            return false;
        }
        remove(writer.refAt(slot) >>> 1);
        deleted++;
        return true;
    }

    int gc(long now, int budget) {
        int reclaimed = 0;
        int n = Math.min(budget, table.capacity);
        for (int k = 0; k < n; k++) {
            int e = gcCursor;
            gcCursor = e + 1 == table.capacity ? 0 : e + 1;
            if ((entries[e * ENTRY + E_META] & ConntrackStateMachine.LIVE) != 0 && reclaimIfExpired(e, now)) {
                reclaimed++;
            }
        }
        return reclaimed;
    }

    /**
     * Deletes live UDP entries whose original destination port is {@code port} (and, when {@code matchIp}, whose
     * original destination is {@code ip}) and whose reply source is {@code endpointIp} (when {@code serving} is
     * null) or is not one of {@code serving}.
     */
    int clearUdp(boolean matchIp, int ip, int port, int endpointIp, int[] serving) {
        int cleared = 0;
        for (int e = 0; e < table.capacity; e++) {
            int base = e * ENTRY;
            if ((entries[base + E_META] & ConntrackStateMachine.LIVE) == 0) {
                continue;
            }
            long origAddrs = entries[base + E_ORIG];
            long origPorts = entries[base + E_ORIG + 1];
            if (TupleKey.proto(origPorts) != ConntrackStateMachine.UDP || TupleKey.dport(origPorts) != port
                    || matchIp && TupleKey.dst(origAddrs) != ip) {
                continue;
            }
            int replySrc = TupleKey.src(entries[base + E_REPLY]);
            if (serving == null ? replySrc == endpointIp : !contains(serving, replySrc)) {
                remove(e);
                deleted++;
                cleared++;
            }
        }
        return cleared;
    }

    private static boolean contains(int[] ips, int ip) {
        for (int x : ips) {
            if (x == ip) {
                return true;
            }
        }
        return false;
    }

    private boolean reclaimIfExpired(int e, long now) {
        int base = e * ENTRY;
        long last = (long) LONGS.getOpaque(entries, base + E_LAST_SEEN);
        if (now - last <= ConntrackStateMachine.timeoutSeconds(entries[base + E_META]) * 1_000_000_000L) {
            return false;
        }
        remove(e);
        expired++;
        return true;
    }

    /** Unhashes both tuples of entry {@code e}, then marks it dead under its seqlock and frees it. */
    private void remove(int e) {
        int base = e * ENTRY;
        writer.removeAt(writer.findSlot(entries[base + E_ORIG], entries[base + E_ORIG + 1]));
        writer.removeAt(writer.findSlot(entries[base + E_REPLY], entries[base + E_REPLY + 1]));
        writer.writeMeta(e, 0L, Long.MIN_VALUE);
        freeEntries[freeTop++] = e;
    }
}
