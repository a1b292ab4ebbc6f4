package io.kpbench.proxy.ipvs;

/**
 * The {@code wlc} scheduler: the destination with the least overhead/weight, compared as
 * {@code loh * w_d > doh * w_least} so no division is needed; ties to the earlier one in list order.
 *
 * <p>Source: Linux {@code ip_vs_wlc.c}. O(destinations).
 */
final class WeightedLeastConnectionScheduler extends IpvsScheduler {
    WeightedLeastConnectionScheduler(VirtualServerTable vst, RealServerPool rs) {
        super("wlc", vst, rs);
    }

    @Override
    int schedule(int v, int saddr, int sport, int daddr, long nowNanos) {
        return weightedLeast(v);
    }
}
