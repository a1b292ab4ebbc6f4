package io.kpbench.proxy.ipvs.sched;

import io.kpbench.proxy.ipvs.kernel.IpvsScheduler;
import io.kpbench.proxy.ipvs.kernel.RealServerPool;
import io.kpbench.proxy.ipvs.kernel.VirtualServerTable;

/**
 * The {@code lblc} scheduler: a cache from destination address to one real server, refilled with the weighted
 * least-connection choice when the cached server is gone, quiesced, or overloaded (more active connections
 * than its weight while some server has fewer than half its weight).
 *
 * <p>Source: Linux {@code ip_vs_lblc.c} ({@code ip_vs_lblc_schedule}, {@code is_overloaded}). Every packet to
 * one IPVS virtual server carries the same destination address (the VIP), so the per-service cache holds
 * exactly one entry: under kube-proxy, lblc sends a VIP's traffic to one pod until it is overloaded. The
 * 24 h cache expiry is not modelled.
 */
public final class LocalityBasedLeastConnectionScheduler extends IpvsScheduler {
    private int[] cached = new int[0];

    public LocalityBasedLeastConnectionScheduler(VirtualServerTable vst, RealServerPool rs) {
        super("lblc", vst, rs);
    }

    @Override
    public void ensureCapacity(int n) {
        cached = grow(cached, n, -1);
    }

    @Override
    public void initService(int v) {
        cached[v] = -1;
    }

    @Override
    public int schedule(int v, int saddr, int sport, int daddr, long nowNanos) {
        int d = cached[v];
        if (d >= 0 && rs.vs[d] == v && rs.weight[d] > 0 && !overloaded(rs, vst, v, d)) {
            return d;
        }
        d = leastOverhead(v, 0);
        if (d >= 0) {
            cached[v] = d;
        }
        return d;
    }

    /** The cached server of {@code v}, or -1 (tests). */
    int cachedDest(int v) {
        return cached[v];
    }

    /** {@code is_overloaded}: more active connections than weight while a server is under half its weight. */
    static boolean overloaded(RealServerPool rs, VirtualServerTable vst, int v, int d) {
        if (rs.activeConns[d] > rs.weight[d]) {
            for (int x = vst.firstDest[v]; x >= 0; x = rs.next[x]) {
                if (rs.activeConns[x] * 2 < rs.weight[x]) {
                    return true;
                }
            }
        }
        return false;
    }
}
