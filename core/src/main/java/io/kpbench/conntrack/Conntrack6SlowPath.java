package io.kpbench.conntrack;

import static io.kpbench.conntrack.Conntrack6Table.E6_ORIG;
import static io.kpbench.conntrack.Conntrack6Table.E6_REPLY;
import static io.kpbench.conntrack.Conntrack6Table.E6_STREAM_TS;
import static io.kpbench.conntrack.Conntrack6Table.ENTRY6;
import static io.kpbench.conntrack.ConntrackTable.E_LAST_SEEN;
import static io.kpbench.conntrack.ConntrackTable.E_META;
import static io.kpbench.conntrack.ConntrackTable.LONGS;
import static io.kpbench.conntrack.ConntrackTable.REF_SHIFT;
import static io.kpbench.conntrack.ConntrackTable.TAG_MASK;

import io.kpbench.net.FiveTuple;

/**
 * The writer side of {@link Conntrack6Table}: {@link ConntrackSlowPath}'s rules (insert with NAT port selection,
 * early drop, state changes, expiry, stale-UDP cleanup) on 128-bit tuples. Called under the table's monitor.
 *
 * <p>Source: as {@link ConntrackSlowPath}: Linux {@code nf_conntrack_core.c} and {@code nf_nat_core.c}.
 */
final class Conntrack6SlowPath {
    private final Conntrack6Table table;
    private final long[] entries;
    private final long[] slots;
    private final int mask;
    private final SeqlockWriter writer;
    private final NatPortSelector portSelector;
    private final int[] freeEntries;
    private int freeTop;
    private int gcCursor;
    /** The reply addresses {@link #portSelector} tests ports for (its {@code addrs} argument is unused here). */
    private final long[] replyAddrs = new long[4];
    private long inserted;
    private long insertFailed;
    private long drop;
    private long earlyDrop;
    private long invalid;
    private long expired;
    private long deleted;

    Conntrack6SlowPath(Conntrack6Table table, long seed) {
        this.table = table;
        this.entries = table.entries;
        this.slots = table.slots;
        this.mask = table.mask;
        this.writer = new SeqlockWriter(table.slots, table.entries, table.stripes, table.mask, seed, ENTRY6);
        this.freeEntries = new int[table.capacity];
        for (int i = 0; i < table.capacity; i++) {
            freeEntries[i] = table.capacity - 1 - i;
        }
        this.freeTop = table.capacity;
        this.portSelector = new NatPortSelector(seed) {
            @Override
            boolean taken(long unused, long ports, long now) {
                long[] a = replyAddrs;
                return Conntrack6SlowPath.this.taken(a[0], a[1], a[2], a[3], ports, now);
            }
        };
    }

    int count() {
        return table.capacity - freeTop;
    }

    ConntrackStats stats() {
        return new ConntrackStats(count(), inserted, insertFailed, drop, earlyDrop, invalid, expired, deleted);
    }

    private long tag(long sh, long sl, long dh, long dl, long ports) {
        return TupleKey.hash6(sh, sl, dh, dl, ports, table.seed) & TAG_MASK;
    }

    /** The slot of the tuple, or -1: a tag match confirmed on the entry. */
    private int findSlot(long sh, long sl, long dh, long dl, long ports) {
        long tag = tag(sh, sl, dh, dl, ports);
        for (int i = (int) tag & mask;; i = (i + 1) & mask) {
            long tagged = slots[i];
            if (tagged == 0) {
                return -1;
            }
            if ((tagged & TAG_MASK) == tag) {
                int ref = (int) (tagged >>> REF_SHIFT) - 1;
                int at = (ref >>> 1) * ENTRY6 + E6_ORIG + (ref & 1) * (E6_REPLY - E6_ORIG);
                if (entries[at] == sh && entries[at + 1] == sl && entries[at + 2] == dh && entries[at + 3] == dl
                        && entries[at + 4] == ports) {
                    return i;
                }
            }
        }
    }

    private int findSlot(FiveTuple p) {
        return findSlot(p.srcHi(), p.srcLo(), p.dstHi(), p.dstLo(), TupleKey.ports(p));
    }

    private boolean taken(long sh, long sl, long dh, long dl, long ports, long now) {
        int slot = findSlot(sh, sl, dh, dl, ports);
        return slot >= 0 && !reclaimIfExpired(writer.refAt(slot) >>> 1, now);
    }

    long insert(FiveTuple p, int flags, long dnatHi, long dnatLo, int dnatPort, long snatHi, long snatLo, long now,
            FiveTuple out) {
        int slot = findSlot(p);
        if (slot >= 0 && !reclaimIfExpired(writer.refAt(slot) >>> 1, now)) {
            insertFailed++;
            return ConntrackResult.INSERT_FAILED;
        }
        int proto = p.protocol();
        long meta = ConntrackStateMachine.initial(proto, flags, table.timeouts);
        if (meta < 0) {
            invalid++;
            return ConntrackResult.INVALID;
        }
        long ports = TupleKey.ports(p);
        if (freeTop == 0 && !earlyDrop(tag(p.srcHi(), p.srcLo(), p.dstHi(), p.dstLo(), ports), now)) {
            drop++;
            return ConntrackResult.TABLE_FULL;
        }
        boolean dnat = (dnatHi | dnatLo) != 0;
        boolean snat = (snatHi | snatLo) != 0;
        long[] a = replyAddrs;
        a[0] = dnat ? dnatHi : p.dstHi();
        a[1] = dnat ? dnatLo : p.dstLo();
        a[2] = snat ? snatHi : p.srcHi();
        a[3] = snat ? snatLo : p.srcLo();
        int replySport = dnat ? dnatPort : p.dstPort();
        int replyDport = portSelector.select(0L, proto, replySport, p.srcPort(), snat, now);
        if (replyDport < 0) {
            insertFailed++;
            return ConntrackResult.INSERT_FAILED;
        }
        long replyPorts = TupleKey.ports(proto, replySport, replyDport);
        if (a[0] != p.dstHi() || a[1] != p.dstLo() || replySport != p.dstPort()) {
            meta |= ConntrackStateMachine.DST_NAT;
        }
        if (a[2] != p.srcHi() || a[3] != p.srcLo() || replyDport != p.srcPort()) {
            meta |= ConntrackStateMachine.SRC_NAT;
        }
        int e = freeEntries[--freeTop];
        int base = e * ENTRY6;
        writer.beginWrite(e);
        entries[base + E_META] = meta;
        LONGS.setOpaque(entries, base + E_LAST_SEEN, now);
        set(base + E6_ORIG, p.srcHi(), p.srcLo(), p.dstHi(), p.dstLo(), ports);
        set(base + E6_REPLY, a[0], a[1], a[2], a[3], replyPorts);
        entries[base + E6_STREAM_TS] = now + ConntrackStateMachine.UDP_STREAM_DELAY_NANOS;
        writer.endWrite(e);
        writer.putTag(tag(p.srcHi(), p.srcLo(), p.dstHi(), p.dstLo(), ports), e << 1);
        writer.putTag(tag(a[0], a[1], a[2], a[3], replyPorts), (e << 1) | 1);
        inserted++;
        writeInverse(base + E6_REPLY, out);
        return (long) e << 1;
    }

    private void set(int at, long sh, long sl, long dh, long dl, long ports) {
        entries[at] = sh;
        entries[at + 1] = sl;
        entries[at + 2] = dh;
        entries[at + 3] = dl;
        entries[at + 4] = ports;
    }

    private void writeInverse(int at, FiveTuple out) {
        long ports = entries[at + 4];
        out.set(entries[at + 2], entries[at + 3], TupleKey.dport(ports), entries[at], entries[at + 1],
                TupleKey.sport(ports), TupleKey.proto(ports));
    }

    private boolean earlyDrop(long tag, long now) {
        int i = (int) tag & mask;
        int seen = 0;
        for (int n = 0; n < ConntrackSlowPath.EARLY_DROP_MAX_SLOTS && seen < ConntrackSlowPath.EARLY_DROP_TUPLES;
                n++, i = (i + 1) & mask) {
            int ref = writer.refAt(i);
            if (ref < 0) {
                continue;
            }
            seen++;
            int e = ref >>> 1;
            if (reclaimIfExpired(e, now)) {
                return true;
            }
            if ((entries[e * ENTRY6 + E_META] & ConntrackStateMachine.ASSURED) == 0) {
                remove(e);
                earlyDrop++;
                return true;
            }
        }
        return false;
    }

    long receive(FiveTuple p, int flags, long now, FiveTuple out) {
        int slot = findSlot(p);
        if (slot < 0) {
            return ConntrackResult.MISS;
        }
        int ref = writer.refAt(slot);
        int e = ref >>> 1;
        if (reclaimIfExpired(e, now)) {
            return ConntrackResult.MISS;
        }
        int base = e * ENTRY6;
        long next = ConntrackStateMachine.next(entries[base + E_META], p.protocol(), ref & 1, flags, now,
                entries[base + E6_STREAM_TS], table.timeouts);
        if (next == ConntrackStateMachine.INVALID) {
            invalid++;
            return ConntrackResult.INVALID;
        }
        if (next == ConntrackStateMachine.REOPEN) {
            remove(e);
            deleted++;
            return ConntrackResult.MISS;
        }
        writeInverse(base + ((ref & 1) == 0 ? E6_REPLY : E6_ORIG), out);
        if (next == ConntrackStateMachine.KILL) {
            remove(e);
            deleted++;
        } else if (next != ConntrackStateMachine.IGNORE) {
            writer.writeMeta(e, next, now);
        }
        return ref;
    }

    boolean delete(FiveTuple p) {
        int slot = findSlot(p);
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
            if ((entries[e * ENTRY6 + E_META] & ConntrackStateMachine.LIVE) != 0 && reclaimIfExpired(e, now)) {
                reclaimed++;
            }
        }
        return reclaimed;
    }

    /** As {@link ConntrackSlowPath#clearUdp} with one endpoint: UDP, orig dport (and dst), reply source. */
    int clearUdp(boolean matchIp, long ipHi, long ipLo, int port, long endpointHi, long endpointLo) {
        int cleared = 0;
        for (int e = 0; e < table.capacity; e++) {
            int base = e * ENTRY6;
            if ((entries[base + E_META] & ConntrackStateMachine.LIVE) == 0) {
                continue;
            }
            int o = base + E6_ORIG;
            long origPorts = entries[o + 4];
            if (TupleKey.proto(origPorts) != ConntrackStateMachine.UDP || TupleKey.dport(origPorts) != port
                    || matchIp && (entries[o + 2] != ipHi || entries[o + 3] != ipLo)) {
                continue;
            }
            int r = base + E6_REPLY;
            if (entries[r] == endpointHi && entries[r + 1] == endpointLo) {
                remove(e);
                deleted++;
                cleared++;
            }
        }
        return cleared;
    }

    private boolean reclaimIfExpired(int e, long now) {
        int base = e * ENTRY6;
        long last = (long) LONGS.getOpaque(entries, base + E_LAST_SEEN);
        if (now - last <= ConntrackStateMachine.timeoutSeconds(entries[base + E_META]) * 1_000_000_000L) {
            return false;
        }
        remove(e);
        expired++;
        return true;
    }

    private void remove(int e) {
        int o = e * ENTRY6 + E6_ORIG;
        int r = e * ENTRY6 + E6_REPLY;
        writer.removeAt(findSlot(entries[o], entries[o + 1], entries[o + 2], entries[o + 3], entries[o + 4]));
        writer.removeAt(findSlot(entries[r], entries[r + 1], entries[r + 2], entries[r + 3], entries[r + 4]));
        writer.writeMeta(e, 0L, Long.MIN_VALUE);
        freeEntries[freeTop++] = e;
    }
}
