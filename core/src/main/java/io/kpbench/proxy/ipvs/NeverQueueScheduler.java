package io.kpbench.proxy.ipvs;

/**
 * The {@code nq} scheduler: the first idle destination (no active connections), else the {@code sed} choice.
 *
 * <p>Source: Linux {@code ip_vs_nq.c}. O(destinations).
 */
final class NeverQueueScheduler extends IpvsScheduler {
    NeverQueueScheduler(VirtualServerTable vst, RealServerPool rs) {
        super("nq", vst, rs);
    }

    @Override
    int schedule(int v, int saddr, int sport, int daddr, long nowNanos) {
        int[] next = rs.next;
        int[] weight = rs.weight;
        int[] active = rs.activeConns;
        int least = -1;
        long loh = 0;
        for (int d = vst.firstDest[v]; d >= 0; d = next[d]) {
            if (weight[d] == 0) {
                continue;
            }
            long doh = active[d] + 1L;
            if (active[d] == 0) {
                return d;
            }
            if (least < 0 || loh * weight[d] > doh * weight[least]) {
                least = d;
                loh = doh;
            }
        }
        return least;
    }
}
