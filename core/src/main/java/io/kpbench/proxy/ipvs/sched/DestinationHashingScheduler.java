package io.kpbench.proxy.ipvs.sched;

import io.kpbench.proxy.ipvs.kernel.IpvsHash;
import io.kpbench.proxy.ipvs.kernel.RealServerPool;
import io.kpbench.proxy.ipvs.kernel.VirtualServerTable;

/**
 * The {@code dh} scheduler: bucket {@code (daddr * 2654435761) & 255} of a table that gives every destination
 * one bucket per turn, whatever its weight. Every packet to one kube-proxy virtual server has the same
 * destination (the VIP), so dh sends all of a VIP's traffic to one real server, and a weight changes which one
 * only when it is 0 (then that VIP's traffic finds no server).
 *
 * <p>Source: Linux 6.12 {@code ip_vs_dh.c} ({@code ip_vs_dh_hashkey}; {@code ip_vs_dh_reassign} ignores
 * weights, unlike {@code ip_vs_sh_reassign}). O(1).
 */
public final class DestinationHashingScheduler extends BucketFillScheduler {
    public DestinationHashingScheduler(VirtualServerTable vst, RealServerPool rs) {
        super("dh", vst, rs, false);
    }

    @Override
    public int bucket(int v, int saddr, int sport, int daddr) {
        return IpvsHash.knuth(daddr, TAB_SIZE - 1);
    }
}
