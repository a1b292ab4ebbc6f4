package io.kpbench.proxy.ipvs.sched;

import io.kpbench.proxy.ipvs.kernel.IpvsScheduler;
import io.kpbench.proxy.ipvs.kernel.RealServerPool;
import io.kpbench.proxy.ipvs.kernel.VirtualServerTable;

/**
 * The shared table of the {@code sh} and {@code dh} schedulers: 256 buckets filled in destination-list order,
 * wrapping until all are filled. Under sh each destination takes as many consecutive buckets as its weight;
 * under dh each takes one bucket per turn whatever its weight, so weights do not skew dh's table.
 *
 * <p>Source: Linux 6.12 {@code ip_vs_sh.c} {@code ip_vs_sh_reassign} (moves to the next destination once
 * {@code ++d_count >= weight}) and {@code ip_vs_dh.c} {@code ip_vs_dh_reassign} (moves to the next destination
 * after every bucket; it never reads the weight), {@code IP_VS_SH_TAB_BITS = IP_VS_DH_TAB_BITS = 8}. A weight-0
 * destination still takes one bucket, and packets hashed to it find no server ({@code ip_vs_dh_schedule} and
 * {@code ip_vs_sh_get} refuse a weight of 0; no fallback: kube-proxy sets no fallback flag).
 */
public abstract class BucketFillScheduler extends IpvsScheduler {
    /** {@code CONFIG_IP_VS_SH_TAB_BITS} / {@code CONFIG_IP_VS_DH_TAB_BITS}. */
    static final int TAB_BITS = 8;
    static final int TAB_SIZE = 1 << TAB_BITS;

    int[][] tables = new int[0][];
    /** sh: a destination fills as many buckets as its weight; dh: one bucket per destination per turn. */
    private final boolean byWeight;

    protected BucketFillScheduler(String name, VirtualServerTable vst, RealServerPool rs, boolean byWeight) {
        super(name, vst, rs);
        this.byWeight = byWeight;
    }

    @Override
    public void ensureCapacity(int n) {
        if (tables.length < n) {
            tables = java.util.Arrays.copyOf(tables, Math.max(n, tables.length * 2));
        }
    }

    @Override
    public void initService(int v) {
        if (tables[v] == null) {
            tables[v] = new int[TAB_SIZE];
        }
        reassign(v);
    }

    @Override
    public void destsChanged(int v) {
        reassign(v);
    }

    private void reassign(int v) {
        int[] t = tables[v];
        int first = vst.firstDest[v];
        if (first < 0) {
            java.util.Arrays.fill(t, -1);
            return;
        }
        int p = first;
        int count = 0;
        for (int i = 0; i < TAB_SIZE; i++) {
            if (p < 0) {
                p = first;
            }
            t[i] = p;
            if (!byWeight || ++count >= rs.weight[p]) {
                p = rs.next[p];
                count = 0;
            }
        }
    }

    /** The destination in bucket {@code b}, or -1 when it is absent or quiesced. */
    final int pick(int v, int b) {
        int d = tables[v][b];
        return d < 0 || rs.weight[d] <= 0 ? -1 : d;
    }

    /** The table bucket a packet hashes to. */
    abstract int bucket(int v, int saddr, int sport, int daddr);

    @Override
    public int schedule(int v, int saddr, int sport, int daddr, long nowNanos) {
        return pick(v, bucket(v, saddr, sport, daddr));
    }

    @Override
    public int candidates(int v, int saddr, int sport, int daddr, int[] out) {
        int d = pick(v, bucket(v, saddr, sport, daddr));
        if (d < 0 || out.length == 0) {
            return 0;
        }
        out[0] = d;
        return 1;
    }
}
