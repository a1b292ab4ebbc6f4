package io.kpbench.proxy.ipvs.sched;

import io.kpbench.proxy.ipvs.kernel.IpvsScheduler;
import io.kpbench.proxy.ipvs.kernel.RealServerPool;
import io.kpbench.proxy.ipvs.kernel.VirtualServerTable;

/**
 * The {@code wrr} scheduler: passes over the destination list with a falling weight threshold, from the
 * maximum weight down to 1 in steps of the weights' gcd, picking every destination whose weight reaches it.
 *
 * <p>Source: Linux {@code ip_vs_wrr.c} ({@code mw = max - (di - 1)}, {@code cw} reset and the
 * {@code last_pass}/{@code stop} logic of {@code ip_vs_wrr_schedule}; {@code ip_vs_wrr_dest_changed}).
 * With weights w_i the sequence repeats every sum(w_i)/gcd picks.
 */
public final class WeightedRoundRobinScheduler extends IpvsScheduler {
    private int[] cl = new int[0];
    private int[] cw = new int[0];
    private int[] mw = new int[0];
    private int[] di = new int[0];

    public WeightedRoundRobinScheduler(VirtualServerTable vst, RealServerPool rs) {
        super("wrr", vst, rs);
    }

    @Override
    public void ensureCapacity(int n) {
        cl = grow(cl, n, -1);
        cw = grow(cw, n, 0);
        mw = grow(mw, n, 0);
        di = grow(di, n, 1);
    }

    @Override
    public void initService(int v) {
        cl[v] = -1;
        di[v] = gcdWeight(v);
        mw[v] = maxWeight(v) - (di[v] - 1);
        cw[v] = mw[v];
    }

    @Override
    public void destsChanged(int v) {
        cl[v] = -1;
        di[v] = gcdWeight(v);
        mw[v] = maxWeight(v) - (di[v] - 1);
        if (cw[v] > mw[v] || cw[v] == 0) {
            cw[v] = mw[v];
        } else if (di[v] > 1) {
            cw[v] = (cw[v] / di[v]) * di[v] + 1;
        }
    }

    @Override
    public void destRemoving(int v, int d) {
        if (cl[v] == d) {
            cl[v] = -1;
        }
    }

    private int gcdWeight(int v) {
        int g = 0;
        for (int d = vst.firstDest[v]; d >= 0; d = rs.next[d]) {
            int w = rs.weight[d];
            if (w > 0) {
                g = g > 0 ? gcd(w, g) : w;
            }
        }
        return g > 0 ? g : 1;
    }

    private int maxWeight(int v) {
        int m = 0;
        for (int d = vst.firstDest[v]; d >= 0; d = rs.next[d]) {
            m = Math.max(m, rs.weight[d]);
        }
        return m;
    }

    static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    @Override
    public int schedule(int v, int saddr, int sport, int daddr, long nowNanos) {
        int[] next = rs.next;
        int[] weight = rs.weight;
        int first = vst.firstDest[v];
        int maxW = mw[v];
        int step = di[v];
        if (maxW == 0) {
            return -1;
        }
        int d = cl[v];
        int last = d;
        int stop = -2;
        int w = cw[v];
        boolean lastPass = false;
        boolean restarted = false;
        while (true) {
            for (int x = d < 0 ? first : next[d]; x >= 0; x = next[x]) {
                if (weight[x] >= w) {
                    cl[v] = x;
                    cw[v] = w;
                    return x;
                }
                if (x == stop) {
                    cl[v] = x;
                    cw[v] = w;
                    return -1;
                }
            }
            d = -1;
            w -= step;
            if (w <= 0) {
                w = maxW;
                if (lastPass || last < 0) {
                    cl[v] = -1;
                    cw[v] = w;
                    return -1;
                }
                restarted = true;
            }
            lastPass = w <= step;
            if (lastPass && restarted && last >= 0) {
                stop = last;
            }
        }
    }
}
