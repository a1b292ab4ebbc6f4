package io.kpbench.proxy.ipvs.sched;

import io.kpbench.proxy.ipvs.kernel.IpvsScheduler;
import io.kpbench.proxy.ipvs.kernel.RealServerPool;
import io.kpbench.proxy.ipvs.kernel.VirtualServerTable;

/**
 * The {@code nq} scheduler: the first idle destination (no active connections), else the {@code sed} choice.
 *
 * <p>Source: Linux {@code ip_vs_nq.c}. O(destinations).
 */
public final class NeverQueueScheduler extends IpvsScheduler {
    public NeverQueueScheduler(VirtualServerTable vst, RealServerPool rs) {
        super("nq", vst, rs);
    }

    @Override
    public int schedule(int v, int saddr, int sport, int daddr, long nowNanos) {
        return leastOverhead(v, SED_OVERHEAD | IDLE_FIRST);
    }
}
