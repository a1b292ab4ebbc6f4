package io.kpbench.bench;

import io.kpbench.cluster.ChangeSet;
import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.Endpoint;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.ObjectRef;
import io.kpbench.net.IpAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One step of a rolling update: a service's first endpoint replaced by a new pod (a new address, the same node
 * and conditions), as the EndpointSlice controller writes it, and the step back; precomputed for a seeded
 * choice of services so that a benchmark can alternate between the base cluster and one changed cluster
 * without drifting.
 *
 * @param changed the cluster after the step
 * @param forward the change from the base cluster to {@code changed}
 * @param back the change from {@code changed} back to the base cluster
 */
record RollingUpdate(ClusterSnapshot changed, ChangeSet forward, ChangeSet back) {
    /** {@code count} steps on distinct seeded services of {@code base} that have at least one endpoint. */
    static RollingUpdate[] steps(ClusterSnapshot base, int count, long seed) {
        List<EndpointSlice> slices = new ArrayList<>();
        for (EndpointSlice s : base.slices().values()) {
            if (!s.endpoints().isEmpty() && s.endpoints().get(0).address().isV4()) {
                slices.add(s);
            }
        }
        slices.sort((a, b) -> a.ref().compareTo(b.ref()));
        if (slices.isEmpty()) {
            throw new IllegalArgumentException("the cluster has no IPv4 endpoint to replace");
        }
        int[] pick = PacketMix.permutation(slices.size(), new SplittableRandom(seed));
        RollingUpdate[] out = new RollingUpdate[Math.min(count, slices.size())];
        for (int i = 0; i < out.length; i++) {
            EndpointSlice before = slices.get(pick[i]);
            EndpointSlice after = replaceFirst(before);
            ChangeSet forward = ChangeSet.builder().updateSlice(after).build();
            out[i] = new RollingUpdate(base.apply(forward), forward, ChangeSet.builder().updateSlice(before).build());
        }
        return out;
    }

    /** The slice with its first endpoint moved to a new pod address (bit 14 flipped: same /16, new pod). */
    private static EndpointSlice replaceFirst(EndpointSlice s) {
        List<Endpoint> eps = new ArrayList<>(s.endpoints());
        Endpoint e = eps.get(0);
        IpAddress next = IpAddress.ofV4(e.address().v4() ^ 0x4000);
        eps.set(0, new Endpoint(List.of(next), e.ready(), e.serving(), e.terminating(), e.nodeName(), e.zone(),
                e.zoneHints(), e.nodeHints(), e.hostname()));
        return new EndpointSlice(s.ref(), s.serviceName(), s.addressType(), s.ports(), eps);
    }

    /** The owning service of the changed slice. */
    ObjectRef service() {
        return forward.touchedServices().iterator().next();
    }
}
