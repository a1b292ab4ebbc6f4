package io.kpbench.proxy.ipvs.sched;

import io.kpbench.proxy.ipvs.kernel.IpvsHash;
import io.kpbench.proxy.ipvs.kernel.RealServerPool;
import io.kpbench.proxy.ipvs.kernel.VirtualServerTable;

/**
 * The {@code sh} scheduler: bucket {@code hash_32(port + saddr, 8)} of the weight-filled table, the port only
 * when the service has the {@code sh-port} flag (kube-proxy sets it only for mh). A client sticks to one
 * server while the destination list is unchanged.
 *
 * <p>Source: Linux {@code ip_vs_sh.c} ({@code ip_vs_sh_hashkey}, {@code ip_vs_sh_get}). O(1).
 */
public final class SourceHashingScheduler extends BucketFillScheduler {
    public SourceHashingScheduler(VirtualServerTable vst, RealServerPool rs) {
        super("sh", vst, rs, true);
    }

    @Override
    public int bucket(int v, int saddr, int sport, int daddr) {
        int port = (vst.flags[v] & VirtualServerTable.F_SCHED_PORT) != 0 ? sport : 0;
        return IpvsHash.sh(saddr, port, 0, TAB_BITS);
    }
}
