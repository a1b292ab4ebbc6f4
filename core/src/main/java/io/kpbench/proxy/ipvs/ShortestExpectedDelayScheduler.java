package io.kpbench.proxy.ipvs;

/**
 * The {@code sed} scheduler: the destination with the least {@code (activeconns + 1) / weight}; inactive
 * connections do not count.
 *
 * <p>Source: Linux {@code ip_vs_sed.c} ({@code ip_vs_sed_dest_overhead}). O(destinations).
 */
final class ShortestExpectedDelayScheduler extends IpvsScheduler {
    ShortestExpectedDelayScheduler(VirtualServerTable vst, RealServerPool rs) {
        super("sed", vst, rs);
    }

    @Override
    int schedule(int v, int saddr, int sport, int daddr, long nowNanos) {
        int[] next = rs.next;
        int[] weight = rs.weight;
        int[] active = rs.activeConns;
        int least = -1;
        long loh = 0;
        int d = vst.firstDest[v];
        for (; d >= 0; d = next[d]) {
            if (weight[d] > 0) {
                least = d;
                loh = active[d] + 1L;
                break;
            }
        }
        if (least < 0) {
            return -1;
        }
        for (d = next[d]; d >= 0; d = next[d]) {
            long doh = active[d] + 1L;
            if (loh * weight[d] > doh * weight[least]) {
                least = d;
                loh = doh;
            }
        }
        return least;
    }
}
