package io.kpbench.proxy.ipvs.kernel;

import static io.kpbench.table.PrimitiveArrays.grow;

import io.kpbench.table.Chains;
import java.util.Arrays;

/**
 * The IPVS connection table ({@code ip_vs_conn_tab}): 2^conn_tab_bits chained buckets keyed by
 * (protocol, client address, client port), holding connections and persistence templates in a preallocated
 * pool of primitive arrays.
 *
 * <p>Source: Linux {@code ip_vs_conn.c} ({@code ip_vs_conn_hashkey}, {@code __ip_vs_conn_in_get},
 * {@code ip_vs_ct_in_get}, {@code ip_vs_bind_dest}: a new connection counts as inactive, because
 * {@code ip_vs_ctl.c __ip_vs_update_dest} puts {@code IP_VS_CONN_F_INACTIVE} into every destination's
 * {@code conn_flags}, and a template as persistent) and {@code ip_vs_proto_tcp.c set_tcp_state} (only a move to
 * ESTABLISHED makes a connection active; timeouts SYN_RECV 60 s, ESTABLISHED 900 s, TIME_WAIT 120 s; UDP 300 s).
 * {@code ip_vs_proto_udp.c} has no such state change, so a UDP connection is inactive for its whole life and
 * weighs 1, not 256, in {@code ip_vs_dest_conn_overhead}; sed and nq, which count active connections only, see
 * a destination with only UDP connections as idle. All as in Linux 6.12.
 * Lookups are lock-free, as the kernel's RCU walks are. Inserts and removals take this table's one monitor, which is
 * coarser than the kernel: {@code ip_vs_conn_hash} and {@code ip_vs_conn_unhash} take one of 32 cache-aligned
 * spinlocks ({@code __ip_vs_conntbl_lock_array}, {@code CT_LOCKARRAY_BITS} 5, chosen by the bucket's hash), so two
 * CPUs inserting into different stripes do not wait for each other. The model serialises every first packet of
 * two threads here (its two-thread figure in {@code scaling.csv}, 0.67-0.77x, is therefore this model's, not the
 * kernel's); striping it would also need the entry pool and {@link TemplateControl}, which a template's entries in
 * other buckets update, to take the same stripes.
 * Expired entries are skipped by lookups and reclaimed when an insert walks their chain, or by
 * {@link #expire}. A full pool grows in {@link #growSlowPath}.
 *
 * <p>A persistence template stays findable while it controls a live connection, as in Linux 6.12:
 * {@code ip_vs_ct_in_get} checks no expiry (an entry is findable until its timer unhashes it), and
 * {@code ip_vs_conn_expire} re-arms a template that still controls connections for {@link #REARM} (60 s) instead
 * of freeing it, and sets its timeout to 60 s, so a later use ({@code ip_vs_sched_persist} then
 * {@code ip_vs_conn_put}) extends it by 60 s, not by the service's persistence timeout. Timers are evaluated
 * lazily: each template keeps a list of the entries it controls ({@link TemplateControl}), and {@link #expired}
 * walks the 60 s re-arm grid from the template's timer to the last of their expiries; freeing a controlled entry
 * folds its expiry into the template's timer.
 *
 * <p>This is per-packet state that the kernel mutates in place: every first packet of a flow inserts an entry
 * (that insert is part of the measured first-packet cost, by design), so it is kept apart from the tables the
 * sync compiles. Both families use one path: the int address arrays hold each address's {@link IpvsHash#word}
 * (the IPv4 address itself), and an IPv6 table (its pool's {@link AddressBook} is IPv6) also keeps the full
 * client and virtual addresses in four long arrays, compared after the words match, and hashes with
 * {@link IpvsHash#conn6} instead of {@link IpvsHash#conn}.
 */
public final class ConnectionTable {
    /** Entry flag: a persistence template. */
    public static final int F_TEMPLATE = 0x1;
    /** Entry flag: counted as inactive (every new connection, UDP always, TCP before ESTABLISHED or closing). */
    public static final int F_INACTIVE = 0x2;
    /** Entry flag: a template {@code ip_vs_conn_expire} re-armed, whose timeout is now {@link #REARM}. */
    public static final int F_REARMED = 0x4;
    /** Nanoseconds per second. */
    public static final long NANOS = 1_000_000_000L;
    /** TCP SYN_RECV timeout. */
    public static final long TCP_SYN_RECV = 60 * NANOS;
    /** TCP ESTABLISHED timeout. */
    public static final long TCP_ESTABLISHED = 900 * NANOS;
    /** TCP TIME_WAIT timeout. */
    public static final long TCP_TIME_WAIT = 120 * NANOS;
    /** UDP timeout. */
    public static final long UDP_NORMAL = 300 * NANOS;
    /** {@code ip_vs_conn_expire}: a template that still controls connections is re-armed for 60 s. */
    public static final long REARM = 60 * NANOS;

    private final RealServerPool rs;
    private final boolean v6;
    private final int mask;
    private final int rnd;
    private final int[] bucket;
    private int[] proto;
    private int[] caddr;
    private int[] cport;
    private int[] vaddr;
    /** Each entry's virtual port; -1 retires a template from lookups. */
    public int[] vport;
    private long[] caddrHi;
    private long[] caddrLo;
    private long[] vaddrHi;
    private long[] vaddrLo;
    /** Each entry's destination id. */
    public int[] dest;
    private int[] flags;
    private final TemplateControl control = new TemplateControl();
    private long[] expires;
    private int[] next;
    private int highWater;
    private int freeHead = -1;
    private int live;

    /** An empty table of {@code 2^bits} buckets whose entries count on {@code rs}'s destinations. */
    public ConnectionTable(RealServerPool rs, int bits, int rnd, int poolSize) {
        this.rs = rs;
        this.v6 = rs.book().v6();
        this.mask = (1 << bits) - 1;
        this.rnd = rnd;
        this.bucket = new int[1 << bits];
        Arrays.fill(bucket, -1);
        allocate(poolSize);
    }

    private void allocate(int cap) {
        proto = grow(proto, cap);
        caddr = grow(caddr, cap);
        cport = grow(cport, cap);
        vaddr = grow(vaddr, cap);
        vport = grow(vport, cap);
        dest = grow(dest, cap);
        flags = grow(flags, cap);
        expires = grow(expires, cap);
        next = grow(next, cap);
        control.allocate(cap);
        if (v6) {
            caddrHi = grow(caddrHi, cap);
            caddrLo = grow(caddrLo, cap);
            vaddrHi = grow(vaddrHi, cap);
            vaddrLo = grow(vaddrLo, cap);
        }
    }

    /** Live entries (connections and templates). */
    public int size() {
        return live;
    }

    /** The bucket count. */
    public int buckets() {
        return bucket.length;
    }

    /**
     * Entry {@code c}'s timer has freed it by {@code now}: its expiry has passed and, for a template, no entry it
     * controls outlived the last 60 s re-arm ({@code ip_vs_conn_expire}).
     */
    private boolean expired(int c, long now) {
        return now - expires[c] > 0 && (control.count(c) == 0 || now - lastFiring(c) > 0);
    }

    /** When template {@code c}'s timer fires with nothing left to control: the re-arm grid past its entries. */
    private long lastFiring(int c) {
        long last = expires[c];
        for (int k = control.first(c); k >= 0; k = control.next(k)) {
            if (expires[k] - last > 0) {
                last = expires[k];
            }
        }
        return firingAtOrAfter(expires[c], last);
    }

    /** The first time on the 60 s re-arm grid from {@code armed} that is not before {@code t}. */
    private static long firingAtOrAfter(long armed, long t) {
        long late = t - armed;
        return late <= 0 ? armed : armed + (late + REARM - 1) / REARM * REARM;
    }

    /** The bucket of (protocol, client address, client port): {@code ip_vs_conn_hashkey} for the family. */
    private int hash(int protocol, long hi, long lo, int word, int port) {
        return v6 ? IpvsHash.conn6(protocol, hi, lo, port, rnd, mask) : IpvsHash.conn(protocol, word, port, rnd, mask);
    }

    /**
     * {@code __ip_vs_conn_in_get}: the live connection (not template) of a 5-tuple of either family.
     *
     * @param cWord {@link IpvsHash#word} of the client address; {@code vWord} likewise of the virtual address
     * @return {@code visited << 32 | (entry + 1)}, 0 in the low half on a miss
     */
    public long lookup(int protocol, long cHi, long cLo, int cWord, int clientPort, long vHi, long vLo, int vWord,
            int vipPort, long now) {
        int[] nx = next;
        long[] cHis = caddrHi;
        long visited = 0;
        for (int c = bucket[hash(protocol, cHi, cLo, cWord, clientPort)]; c >= 0; c = nx[c]) {
            visited++;
            if (cport[c] == clientPort && caddr[c] == cWord && vport[c] == vipPort && vaddr[c] == vWord
                    && proto[c] == protocol && (flags[c] & F_TEMPLATE) == 0 && !expired(c, now)
                    && (cHis == null || sameAddresses(c, cHi, cLo, vHi, vLo))) {
                return (visited << 32) | (c + 1);
            }
        }
        return visited << 32;
    }

    /**
     * {@code ip_vs_ct_in_get}: the persistence template of (client, VIP:port), packed as {@link #lookup}; found while
     * its timer (re-armed every 60 s while it controls a live connection) has not freed it.
     */
    public long lookupTemplate(int protocol, long cHi, long cLo, int cWord, long vHi, long vLo, int vWord,
            int vipPort, long now) {
        int[] nx = next;
        long[] cHis = caddrHi;
        long visited = 0;
        for (int c = bucket[hash(protocol, cHi, cLo, cWord, 0)]; c >= 0; c = nx[c]) {
            visited++;
            if ((flags[c] & F_TEMPLATE) != 0 && caddr[c] == cWord && vport[c] == vipPort && vaddr[c] == vWord
                    && proto[c] == protocol && !expired(c, now)
                    && (cHis == null || sameAddresses(c, cHi, cLo, vHi, vLo))) {
                return (visited << 32) | (c + 1);
            }
        }
        return visited << 32;
    }

    /** An IPv6 entry's full client and virtual addresses equal the packet's. */
    private boolean sameAddresses(int c, long cHi, long cLo, long vHi, long vLo) {
        return caddrLo[c] == cLo && caddrHi[c] == cHi && vaddrLo[c] == vLo && vaddrHi[c] == vHi;
    }

    /**
     * {@code ip_vs_conn_new} + {@code ip_vs_bind_dest}: a new entry bound to {@code d}; returns its index.
     *
     * @param entryFlags {@link #F_TEMPLATE} and/or {@link #F_INACTIVE}
     * @param template the controlling template, or -1
     */
    public synchronized int create(int protocol, long cHi, long cLo, int cWord, int clientPort, long vHi, long vLo,
            int vWord, int vipPort, int d, int entryFlags, long now, long timeoutNanos, int template) {
        int b = hash(protocol, cHi, cLo, cWord, clientPort);
        int c = take(b, now);
        proto[c] = protocol;
        caddr[c] = cWord;
        cport[c] = clientPort;
        vaddr[c] = vWord;
        vport[c] = vipPort;
        if (v6) {
            caddrHi[c] = cHi;
            caddrLo[c] = cLo;
            vaddrHi[c] = vHi;
            vaddrLo[c] = vLo;
        }
        bindDest(c, d, entryFlags);
        expires[c] = now + timeoutNanos;
        control.bind(c, template);
        next[c] = bucket[b];
        bucket[b] = c;
        live++;
        return c;
    }

    /** Reaps bucket {@code b} and takes a free entry. */
    private int take(int b, long now) {
        reapChain(b, now);
        int c = freeHead;
        if (c >= 0) {
            freeHead = next[c];
        } else {
            if (highWater == proto.length) {
                growSlowPath();
            }
            c = highWater++;
        }
        return c;
    }

    /** {@code ip_vs_bind_dest}: entry {@code c} goes to destination {@code d} and counts on it by its flags. */
    private void bindDest(int c, int d, int entryFlags) {
        dest[c] = d;
        flags[c] = entryFlags;
        if ((entryFlags & F_TEMPLATE) != 0) {
            rs.persistConns[d]++;
        } else if ((entryFlags & F_INACTIVE) != 0) {
            rs.inactConns[d]++;
        } else {
            rs.activeConns[d]++;
        }
    }

    /** Doubles the pool: the only allocation on the connection path. */
    private void growSlowPath() {
        allocate(proto.length * 2);
    }

    /** Unlinks and frees the expired entries of bucket {@code b} (the chain an insert walks anyway). */
    private void reapChain(int b, long now) {
        int prev = -1;
        for (int c = bucket[b]; c >= 0;) {
            int n = next[c];
            if (expired(c, now)) {
                Chains.unlink(bucket, next, b, prev, c);
                free(c, true);
            } else {
                prev = c;
            }
            c = n;
        }
    }

    /** Marks connection {@code c} ESTABLISHED (TCP) : inactive -> active, timeout 900 s. */
    public synchronized void establish(int c, long now) {
        if ((flags[c] & F_INACTIVE) != 0) {
            flags[c] &= ~F_INACTIVE;
            rs.inactConns[dest[c]]--;
            rs.activeConns[dest[c]]++;
        }
        expires[c] = now + TCP_ESTABLISHED;
    }

    /** Marks connection {@code c} closing (TIME_WAIT): active -> inactive, timeout 120 s. */
    public synchronized void close(int c, long now) {
        if ((flags[c] & F_INACTIVE) == 0) {
            flags[c] |= F_INACTIVE;
            rs.activeConns[dest[c]]--;
            rs.inactConns[dest[c]]++;
        }
        expires[c] = now + TCP_TIME_WAIT;
    }

    /** Refreshes an entry's timer ({@code ip_vs_conn_put} re-arms it). */
    public void touch(int c, long expiresAt) {
        expires[c] = expiresAt;
    }

    /**
     * {@code ip_vs_conn_put} on a template {@link #lookupTemplate} found ({@code ip_vs_sched_persist}): re-arms its
     * timer with its timeout, the service's persistence timeout until {@code ip_vs_conn_expire} first re-armed it,
     * 60 s after that.
     */
    public void holdTemplate(int t, long now, long persistenceNanos) {
        if (now - expires[t] > 0) {
            flags[t] |= F_REARMED;
        }
        expires[t] = now + ((flags[t] & F_REARMED) != 0 ? REARM : persistenceNanos);
    }

    /** Frees every expired entry and every entry whose destination is no longer linked; returns how many. */
    public int expire(long now) {
        return sweep(now, true);
    }

    /** Frees the entries whose destination was deleted ({@code expire_nodest_conn = 1}); returns how many. */
    public int dropOrphans() {
        return sweep(0L, false);
    }

    private synchronized int sweep(long now, boolean byTime) {
        int freed = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (int b = 0; b < bucket.length; b++) {
                int prev = -1;
                for (int c = bucket[b]; c >= 0;) {
                    int n = next[c];
                    boolean orphan = !rs.linked(dest[c]);
                    boolean templ = (flags[c] & F_TEMPLATE) != 0;
                    // pass 0 frees connections, pass 1 templates (after their controlled connections went)
                    boolean ours = pass == 0 ? !templ : templ;
                    boolean timedOut = ours && byTime && expired(c, now);
                    if (ours && (orphan && control.count(c) == 0 || timedOut)) {
                        Chains.unlink(bucket, next, b, prev, c);
                        free(c, timedOut);
                        freed++;
                    } else {
                        prev = c;
                    }
                    c = n;
                }
            }
        }
        return freed;
    }

    /**
     * Releases entry {@code c}. A controlled entry leaves its template's list; when its timer expired it
     * ({@code timedOut}), the template's timer first moves along the re-arm grid past its expiry, as the kernel's
     * fired and re-armed while it lived. A template's remaining (expired) entries are detached.
     */
    private void free(int c, boolean timedOut) {
        int d = dest[c];
        if (d >= 0 && d < rs.vs.length && rs.vs[d] != -1) {
            if ((flags[c] & F_TEMPLATE) != 0) {
                rs.persistConns[d]--;
            } else if ((flags[c] & F_INACTIVE) != 0) {
                rs.inactConns[d]--;
            } else {
                rs.activeConns[d]--;
            }
        }
        int t = control.template(c);
        if (t >= 0 && timedOut) {
            long fired = firingAtOrAfter(expires[t], expires[c]);
            if (fired != expires[t]) {
                expires[t] = fired;
                flags[t] |= F_REARMED;
            }
        }
        control.release(c);
        flags[c] = 0;
        next[c] = freeHead;
        freeHead = c;
        live--;
    }

    /** The chain length of every bucket (cost model). */
    public int[] chainLengths() {
        return Chains.lengths(bucket, next);
    }
}
