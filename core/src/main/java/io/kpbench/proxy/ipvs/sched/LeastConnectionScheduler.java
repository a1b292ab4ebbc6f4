package io.kpbench.proxy.ipvs.sched;

import io.kpbench.proxy.ipvs.kernel.IpvsScheduler;
import io.kpbench.proxy.ipvs.kernel.RealServerPool;
import io.kpbench.proxy.ipvs.kernel.VirtualServerTable;

/**
 * The least-connection family, one module per kernel file, all one walk of the destination list
 * ({@link IpvsScheduler#leastOverhead}), ties to the earlier destination in list order:
 * <ul>
 *   <li>{@code lc}: the least {@code activeconns * 256 + inactconns} ({@code ip_vs_lc.c});</li>
 *   <li>{@code wlc}: the least of that overhead / weight ({@code ip_vs_wlc.c});</li>
 *   <li>{@code sed}: the least {@code (activeconns + 1) / weight}, inactive connections not counted
 *       ({@code ip_vs_sed.c}, {@code ip_vs_sed_dest_overhead});</li>
 *   <li>{@code nq}: the first idle destination (no active connections), else the {@code sed} choice
 *       ({@code ip_vs_nq.c}).</li>
 * </ul>
 * Weighted loads compare as {@code loh * w_d > doh * w_least}, so no division is needed. O(destinations).
 */
public final class LeastConnectionScheduler extends IpvsScheduler {
    private final int how;

    private LeastConnectionScheduler(String name, int how, VirtualServerTable vst, RealServerPool rs) {
        super(name, vst, rs);
        this.how = how;
    }

    /** {@code lc}. */
    public static LeastConnectionScheduler lc(VirtualServerTable vst, RealServerPool rs) {
        return new LeastConnectionScheduler("lc", UNWEIGHTED, vst, rs);
    }

    /** {@code wlc}. */
    public static LeastConnectionScheduler wlc(VirtualServerTable vst, RealServerPool rs) {
        return new LeastConnectionScheduler("wlc", 0, vst, rs);
    }

    /** {@code sed}. */
    public static LeastConnectionScheduler sed(VirtualServerTable vst, RealServerPool rs) {
        return new LeastConnectionScheduler("sed", SED_OVERHEAD, vst, rs);
    }

    /** {@code nq}. */
    public static LeastConnectionScheduler nq(VirtualServerTable vst, RealServerPool rs) {
        return new LeastConnectionScheduler("nq", SED_OVERHEAD | IDLE_FIRST, vst, rs);
    }

    @Override
    public int schedule(int v, int saddr, int sport, int daddr, long nowNanos) {
        return leastOverhead(v, how);
    }
}
