package io.kpbench.proxy.ipvs.sched;

import io.kpbench.proxy.ipvs.kernel.IpvsScheduler;
import io.kpbench.proxy.ipvs.kernel.RealServerPool;
import io.kpbench.proxy.ipvs.kernel.VirtualServerTable;

/**
 * The {@code lc} scheduler: the first destination with weight above 0 and the least connection overhead
 * ({@code activeconns * 256 + inactconns}), ties to the earlier one in list order.
 *
 * <p>Source: Linux {@code ip_vs_lc.c}; the overhead is {@code ip_vs_dest_conn_overhead}. O(destinations).
 */
public final class LeastConnectionScheduler extends IpvsScheduler {
    public LeastConnectionScheduler(VirtualServerTable vst, RealServerPool rs) {
        super("lc", vst, rs);
    }

    @Override
    public int schedule(int v, int saddr, int sport, int daddr, long nowNanos) {
        return leastOverhead(v, UNWEIGHTED);
    }
}
