package io.kpbench.proxy.ipvs.sched;

import io.kpbench.proxy.ipvs.kernel.IpvsScheduler;
import io.kpbench.proxy.ipvs.kernel.RealServerPool;
import io.kpbench.proxy.ipvs.kernel.VirtualServerTable;

/**
 * The {@code rr} scheduler: the next destination with weight above 0 after the last one picked, wrapping once.
 *
 * <p>Source: Linux {@code ip_vs_rr.c} ({@code ip_vs_rr_schedule}, {@code ip_vs_rr_del_dest}). The cursor is
 * the last destination picked (or the list head); a removed cursor moves to its predecessor. O(1) per pick
 * unless destinations are quiesced (weight 0).
 */
public final class RoundRobinScheduler extends IpvsScheduler {
    private int[] cursor = new int[0];

    public RoundRobinScheduler(VirtualServerTable vst, RealServerPool rs) {
        super("rr", vst, rs);
    }

    @Override
    public void ensureCapacity(int n) {
        cursor = grow(cursor, n, -1);
    }

    @Override
    public void initService(int v) {
        cursor[v] = -1;
    }

    @Override
    public void destRemoving(int v, int d) {
        if (cursor[v] == d) {
            cursor[v] = rs.previous(vst, d);
        }
    }

    @Override
    public int schedule(int v, int saddr, int sport, int daddr, long nowNanos) {
        int[] next = rs.next;
        int[] weight = rs.weight;
        int first = vst.firstDest[v];
        int last = cursor[v];
        int d = last < 0 ? first : next[last];
        int pass = 0;
        while (true) {
            for (; d >= 0; d = next[d]) {
                if (weight[d] > 0) {
                    cursor[v] = d;
                    return d;
                }
                if (d == last) {
                    return -1;
                }
            }
            pass++;
            if (pass >= 2 || last < 0) {
                return -1;
            }
            d = first;
        }
    }
}
