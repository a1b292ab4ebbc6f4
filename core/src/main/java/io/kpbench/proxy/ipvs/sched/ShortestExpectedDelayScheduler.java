package io.kpbench.proxy.ipvs.sched;

import io.kpbench.proxy.ipvs.kernel.IpvsScheduler;
import io.kpbench.proxy.ipvs.kernel.RealServerPool;
import io.kpbench.proxy.ipvs.kernel.VirtualServerTable;

/**
 * The {@code sed} scheduler: the destination with the least {@code (activeconns + 1) / weight}; inactive
 * connections do not count.
 *
 * <p>Source: Linux {@code ip_vs_sed.c} ({@code ip_vs_sed_dest_overhead}). O(destinations).
 */
public final class ShortestExpectedDelayScheduler extends IpvsScheduler {
    public ShortestExpectedDelayScheduler(VirtualServerTable vst, RealServerPool rs) {
        super("sed", vst, rs);
    }

    @Override
    public int schedule(int v, int saddr, int sport, int daddr, long nowNanos) {
        return leastOverhead(v, SED_OVERHEAD);
    }
}
