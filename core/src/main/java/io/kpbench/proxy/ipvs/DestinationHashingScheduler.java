package io.kpbench.proxy.ipvs;

/**
 * The {@code dh} scheduler: bucket {@code (daddr * 2654435761) & 255} of the weight-filled table. Every packet
 * to one kube-proxy virtual server has the same destination (the VIP), so dh sends all of a VIP's traffic to
 * one real server.
 *
 * <p>Source: Linux {@code ip_vs_dh.c} ({@code ip_vs_dh_hashkey}). O(1).
 */
final class DestinationHashingScheduler extends BucketFillScheduler {
    DestinationHashingScheduler(VirtualServerTable vst, RealServerPool rs) {
        super("dh", vst, rs);
    }

    @Override
    int bucket(int v, int saddr, int sport, int daddr) {
        return IpvsHash.knuth(daddr, TAB_SIZE - 1);
    }
}
