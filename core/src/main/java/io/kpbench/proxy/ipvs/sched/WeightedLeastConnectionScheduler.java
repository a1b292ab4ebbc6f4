package io.kpbench.proxy.ipvs.sched;

import io.kpbench.proxy.ipvs.kernel.IpvsScheduler;
import io.kpbench.proxy.ipvs.kernel.RealServerPool;
import io.kpbench.proxy.ipvs.kernel.VirtualServerTable;

/**
 * The {@code wlc} scheduler: the destination with the least overhead/weight, compared as
 * {@code loh * w_d > doh * w_least} so no division is needed; ties to the earlier one in list order.
 *
 * <p>Source: Linux {@code ip_vs_wlc.c}. O(destinations).
 */
public final class WeightedLeastConnectionScheduler extends IpvsScheduler {
    public WeightedLeastConnectionScheduler(VirtualServerTable vst, RealServerPool rs) {
        super("wlc", vst, rs);
    }

    @Override
    public int schedule(int v, int saddr, int sport, int daddr, long nowNanos) {
        return leastOverhead(v, 0);
    }
}
