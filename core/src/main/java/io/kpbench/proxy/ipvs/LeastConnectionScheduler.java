package io.kpbench.proxy.ipvs;

/**
 * The {@code lc} scheduler: the first destination with weight above 0 and the least connection overhead
 * ({@code activeconns * 256 + inactconns}), ties to the earlier one in list order.
 *
 * <p>Source: Linux {@code ip_vs_lc.c}; the overhead is {@code ip_vs_dest_conn_overhead}. O(destinations).
 */
final class LeastConnectionScheduler extends IpvsScheduler {
    LeastConnectionScheduler(VirtualServerTable vst, RealServerPool rs) {
        super("lc", vst, rs);
    }

    @Override
    int schedule(int v, int saddr, int sport, int daddr, long nowNanos) {
        int[] next = rs.next;
        int[] weight = rs.weight;
        int least = -1;
        int loh = 0;
        for (int d = vst.firstDest[v]; d >= 0; d = next[d]) {
            if (weight[d] == 0) {
                continue;
            }
            int doh = rs.overhead(d);
            if (least < 0 || doh < loh) {
                least = d;
                loh = doh;
            }
        }
        return least;
    }
}
