package io.kpbench.proxy.ipvs.sched;

import io.kpbench.proxy.ipvs.kernel.IpvsHash;
import io.kpbench.proxy.ipvs.kernel.RealServerPool;
import io.kpbench.proxy.ipvs.kernel.VirtualServerTable;

/**
 * The {@code dh} scheduler: bucket {@code (daddr * 2654435761) & 255} of the weight-filled table. Every packet
 * to one kube-proxy virtual server has the same destination (the VIP), so dh sends all of a VIP's traffic to
 * one real server.
 *
 * <p>Source: Linux {@code ip_vs_dh.c} ({@code ip_vs_dh_hashkey}). O(1).
 */
public final class DestinationHashingScheduler extends BucketFillScheduler {
    public DestinationHashingScheduler(VirtualServerTable vst, RealServerPool rs) {
        super("dh", vst, rs);
    }

    @Override
    public int bucket(int v, int saddr, int sport, int daddr) {
        return IpvsHash.knuth(daddr, TAB_SIZE - 1);
    }
}
