package io.kpbench.conntrack;

import io.kpbench.net.FiveTuple;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Baseline: the same conntrack semantics as {@link ConntrackTable} on a {@link ConcurrentHashMap} from a boxed
 * tuple key to a shared flow object, the way a straightforward Java implementation would hold it.
 *
 * <p>Source: {@code java.util.concurrent.ConcurrentHashMap} (lock-free {@code get}, per-bin locking writes);
 * the flow semantics are {@link ConntrackStateMachine}'s and {@link NatPortSelector}'s, shared with the table.
 * Costs that the table avoids: a key object per lookup (unless escape analysis removes it), a pointer chase to
 * the node, the key and the flow, and volatile reads of the flow's state. Not modelled here: early drop (a
 * full baseline refuses new flows with {@link ConntrackResult#TABLE_FULL}).
 */
public final class ConcurrentHashMapConntrack implements Conntrack {
    /** A packed tuple as a map key. */
    record Key(long addrs, long ports) {
    }

    /** One tracked flow, reachable from both of its keys. */
    static final class Flow {
        final Key orig;
        final Key reply;
        final long streamTs;
        final int id;
        volatile long meta;
        volatile long lastSeen;

        Flow(int id, Key orig, Key reply, long meta, long now) {
            this.id = id;
            this.orig = orig;
            this.reply = reply;
            this.meta = meta;
            this.lastSeen = now;
            this.streamTs = now + ConntrackStateMachine.UDP_STREAM_DELAY_NANOS;
        }

        boolean expired(long now) {
            return now - lastSeen > ConntrackStateMachine.timeoutSeconds(meta) * 1_000_000_000L;
        }
    }

    private final ConcurrentHashMap<Key, Flow> map;
    private final int capacity;
    private final ConntrackTimeouts timeouts;
    private final NatPortSelector portSelector;
    private int count;
    private int nextId;

    /** A baseline for {@code capacity} flows with kube-proxy's timeouts. */
    public ConcurrentHashMapConntrack(int capacity, long seed) {
        this.map = new ConcurrentHashMap<>(4 * capacity);
        this.capacity = capacity;
        this.timeouts = ConntrackTimeouts.kubeProxyDefaults();
        this.portSelector = new NatPortSelector(seed) {
            @Override
            boolean taken(long addrs, long ports, long now) {
                Flow f = map.get(new Key(addrs, ports));
                if (f != null && f.expired(now)) {
                    remove(f);
                    return false;
                }
                return f != null;
            }
        };
    }

    @Override
    public long lookup(FiveTuple pkt, long nowNanos, FiveTuple out) {
        if (!pkt.isV4()) {
            return ConntrackResult.MISS;
        }
        Key k = new Key(TupleKey.addrs(pkt), TupleKey.ports(pkt));
        return translate(map.get(k), k, nowNanos, out);
    }

    private static long translate(Flow f, Key k, long now, FiveTuple out) {
        if (f == null || f.expired(now)) {
            return ConntrackResult.MISS;
        }
        boolean original = f.orig.equals(k);
        Key other = original ? f.reply : f.orig;
        TupleKey.writeInverse(other.addrs(), other.ports(), out);
        return ((long) f.id << 1) | (original ? 0 : 1);
    }

    @Override
    public long receive(FiveTuple pkt, int tcpFlags, long nowNanos, FiveTuple out) {
        if (!pkt.isV4()) {
            return ConntrackResult.MISS;
        }
        Key k = new Key(TupleKey.addrs(pkt), TupleKey.ports(pkt));
        Flow f = map.get(k);
        long r = translate(f, k, nowNanos, out);
        if (r < 0) {
            return r;
        }
        int dir = ConntrackResult.direction(r);
        if (ConntrackStateMachine.onlyRefreshes(f.meta, pkt.protocol(), dir, tcpFlags)) {
            f.lastSeen = nowNanos;
            return r;
        }
        synchronized (this) {
            long next = ConntrackStateMachine.next(f.meta, pkt.protocol(), dir, tcpFlags, nowNanos, f.streamTs,
                    timeouts);
            if (next == ConntrackStateMachine.INVALID) {
                return ConntrackResult.INVALID;
            }
            if (next == ConntrackStateMachine.REOPEN || next == ConntrackStateMachine.KILL) {
                remove(f);
                return next == ConntrackStateMachine.KILL ? r : ConntrackResult.MISS;
            }
            if (next != ConntrackStateMachine.IGNORE) {
                f.meta = next;
                f.lastSeen = nowNanos;
            }
            return r;
        }
    }

    @Override
    public synchronized long insert(FiveTuple pkt, int tcpFlags, int dnatIp, int dnatPort, int snatIp,
            long nowNanos, FiveTuple out) {
        Key orig = new Key(TupleKey.addrs(pkt), TupleKey.ports(pkt));
        Flow existing = map.get(orig);
        if (existing != null) {
            if (!existing.expired(nowNanos)) {
                return ConntrackResult.INSERT_FAILED;
            }
            remove(existing);
        }
        int proto = pkt.protocol();
        long meta = ConntrackStateMachine.initial(proto, tcpFlags, timeouts);
        if (meta < 0) {
            return ConntrackResult.INVALID;
        }
        if (count >= capacity) {
            return ConntrackResult.TABLE_FULL;
        }
        int replySrc = dnatIp != 0 ? dnatIp : pkt.dstV4();
        int replySport = dnatIp != 0 ? dnatPort : pkt.dstPort();
        long replyAddrs = TupleKey.addrs(replySrc, snatIp != 0 ? snatIp : pkt.srcV4());
        int port = portSelector.select(replyAddrs, proto, replySport, pkt.srcPort(), snatIp != 0, nowNanos);
        if (port < 0) {
            return ConntrackResult.INSERT_FAILED;
        }
        Key reply = new Key(replyAddrs, TupleKey.ports(proto, replySport, port));
        Flow f = new Flow(nextId++ & 0x3FFF_FFFF, orig, reply, meta, nowNanos);
        map.put(orig, f);
        map.put(reply, f);
        count++;
        TupleKey.writeInverse(reply.addrs(), reply.ports(), out);
        return (long) f.id << 1;
    }

    @Override
    public synchronized boolean delete(FiveTuple pkt) {
        Flow f = map.get(new Key(TupleKey.addrs(pkt), TupleKey.ports(pkt)));
        if (f == null) {
            return false;
        }
        remove(f);
        return true;
    }

    private void remove(Flow f) {
        if (map.remove(f.orig, f)) {
            count--;
        }
        map.remove(f.reply, f);
    }

    @Override
    public synchronized int gc(long nowNanos, int budget) {
        int reclaimed = 0;
        int seen = 0;
        for (Iterator<Flow> it = map.values().iterator(); it.hasNext() && seen < 2 * budget; seen++) {
            Flow f = it.next();
            if (f.expired(nowNanos) && map.remove(f.orig, f)) {
                map.remove(f.reply, f);
                count--;
                reclaimed++;
            }
        }
        return reclaimed;
    }

    @Override
    public synchronized int size() {
        return count;
    }
}
