package io.kpbench.proxy.ipvs.sched;

import io.kpbench.proxy.ipvs.kernel.IpvsScheduler;
import io.kpbench.proxy.ipvs.kernel.RealServerPool;
import io.kpbench.proxy.ipvs.kernel.VirtualServerTable;

/**
 * The {@code lblcr} scheduler: a cache from destination address to a set of real servers; the least loaded
 * member serves unless overloaded, in which case the weighted least-connection server joins the set; after
 * {@code lblcr_expiration} (24 h) without a change, the most loaded member of a multi-server set is dropped.
 *
 * <p>Source: Linux {@code ip_vs_lblcr.c} ({@code ip_vs_lblcr_schedule}, {@code ip_vs_dest_set_min},
 * {@code ip_vs_dest_set_max}, {@code ip_vs_dest_set_insert} adding at the list head). As with lblc, one
 * virtual server sees one destination address, so there is one set per virtual server.
 */
public final class LocalityBasedLeastConnectionReplicationScheduler extends IpvsScheduler {
    /** {@code DEFAULT_EXPIRATION}: 24 h. */
    static final long EXPIRATION_NANOS = 24L * 3600 * 1_000_000_000L;

    private int[][] sets = new int[0][];
    private int[] sizes = new int[0];
    private long[] lastMod = new long[0];

    public LocalityBasedLeastConnectionReplicationScheduler(VirtualServerTable vst, RealServerPool rs) {
        super("lblcr", vst, rs);
    }

    @Override
    public void ensureCapacity(int n) {
        if (sets.length < n) {
            int m = Math.max(n, sets.length * 2);
            sets = java.util.Arrays.copyOf(sets, m);
            sizes = java.util.Arrays.copyOf(sizes, m);
            lastMod = java.util.Arrays.copyOf(lastMod, m);
        }
    }

    @Override
    public void initService(int v) {
        sizes[v] = -1;
        if (sets[v] == null) {
            sets[v] = new int[4];
        }
    }

    /** The current set of {@code v} (tests). */
    int[] set(int v) {
        return sizes[v] < 0 ? new int[0] : java.util.Arrays.copyOf(sets[v], sizes[v]);
    }

    @Override
    public int schedule(int v, int saddr, int sport, int daddr, long nowNanos) {
        if (sizes[v] < 0) {
            int d = leastOverhead(v, 0);
            if (d < 0) {
                return -1;
            }
            sets[v][0] = d;
            sizes[v] = 1;
            lastMod[v] = nowNanos;
            return d;
        }
        prune(v);
        int dest = setMin(v);
        if (sizes[v] > 1 && nowNanos - lastMod[v] > EXPIRATION_NANOS) {
            int m = setMax(v);
            if (m >= 0) {
                erase(v, m);
            }
        }
        if (dest >= 0 && !LocalityBasedLeastConnectionScheduler.overloaded(rs, vst, v, dest)) {
            return dest;
        }
        dest = leastOverhead(v, 0);
        if (dest < 0) {
            return -1;
        }
        insert(v, dest, nowNanos);
        return dest;
    }

    private void prune(int v) {
        int[] s = sets[v];
        int n = sizes[v];
        int w = 0;
        for (int i = 0; i < n; i++) {
            if (rs.vs[s[i]] == v) {
                s[w++] = s[i];
            }
        }
        sizes[v] = w;
    }

    private int setMin(int v) {
        int[] s = sets[v];
        int n = sizes[v];
        int least = -1;
        long loh = 0;
        for (int i = 0; i < n; i++) {
            int d = s[i];
            if (least < 0) {
                if (rs.weight[d] > 0) {
                    least = d;
                    loh = rs.overhead(d);
                }
            } else {
                long doh = rs.overhead(d);
                if (loh * rs.weight[d] > doh * rs.weight[least]) {
                    least = d;
                    loh = doh;
                }
            }
        }
        return least;
    }

    private int setMax(int v) {
        int[] s = sets[v];
        int n = sizes[v];
        int most = -1;
        long moh = 0;
        for (int i = 0; i < n; i++) {
            int d = s[i];
            if (most < 0) {
                if (rs.weight[d] > 0) {
                    most = d;
                    moh = rs.overhead(d);
                }
            } else {
                long doh = rs.overhead(d);
                if (moh * rs.weight[d] < doh * rs.weight[most] && rs.weight[d] > 0) {
                    most = d;
                    moh = doh;
                }
            }
        }
        return most;
    }

    private void insert(int v, int d, long nowNanos) {
        int n = sizes[v];
        for (int i = 0; i < n; i++) {
            if (sets[v][i] == d) {
                return;
            }
        }
        if (n == sets[v].length) {
            sets[v] = java.util.Arrays.copyOf(sets[v], n * 2);
        }
        System.arraycopy(sets[v], 0, sets[v], 1, n);
        sets[v][0] = d;
        sizes[v] = n + 1;
        lastMod[v] = nowNanos;
    }

    private void erase(int v, int d) {
        int[] s = sets[v];
        int n = sizes[v];
        for (int i = 0; i < n; i++) {
            if (s[i] == d) {
                System.arraycopy(s, i + 1, s, i, n - i - 1);
                sizes[v] = n - 1;
                return;
            }
        }
    }
}
