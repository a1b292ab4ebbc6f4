package io.kpbench.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.kpbench.cluster.ChangeSet;
import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.Endpoint;
import io.kpbench.cluster.EndpointPort;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.Node;
import io.kpbench.cluster.ObjectRef;
import io.kpbench.cluster.Service;
import io.kpbench.cluster.ServicePort;
import io.kpbench.cluster.ServiceType;
import io.kpbench.cluster.SessionAffinity;
import io.kpbench.cluster.TargetPort;
import io.kpbench.cluster.TrafficPolicy;
import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.net.Protocol;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Service creates and deletes on {@link IncrementalFixture}'s 10,000-service cluster: service {@code k} is a new
 * ClusterIP service {@code ns-churn/created-k} at {@code 10.255.x.y:80} with {@value #PODS} ready pods at unused
 * addresses of the proxier's node.
 *
 * @param base the incremental fixture
 * @param used every endpoint address of the base cluster
 */
public record ServiceChurnFixture(IncrementalFixture base, Set<IpAddress> used) {
    /** Pods of each created service. */
    public static final int PODS = 2;

    /** The fixture on {@link IncrementalFixture#build}'s cluster. */
    public static ServiceChurnFixture build() {
        IncrementalFixture f = IncrementalFixture.build();
        Set<IpAddress> used = new HashSet<>();
        f.base().slices().values().forEach(x -> x.endpoints().forEach(e -> used.addAll(e.addresses())));
        return new ServiceChurnFixture(f, Set.copyOf(used));
    }

    private static ObjectRef ref(int k) {
        return ObjectRef.of("ns-churn", "created-" + k);
    }

    private static IpAddress clusterIP(int k) {
        return IpAddress.parse("10.255." + (k >> 8) + "." + (k & 0xFF));
    }

    /** The change that creates service {@code k} (the service and its slice). */
    public ChangeSet create(int k) {
        Node self = self();
        List<Endpoint> pods = new ArrayList<>();
        for (int i = 2 + 40 * k; pods.size() < PODS; i++) {
            IpAddress ip = self.podCIDRs().get(0).address(i);
            if (!used.contains(ip)) {
                pods.add(new Endpoint(List.of(ip), true, true, false, self.name(), null, List.of(), List.of(), null));
            }
        }
        Service s = new Service(ref(k), ServiceType.ClusterIP, List.of(clusterIP(k)), false, List.of(IpFamily.IPv4),
                List.of(new ServicePort("", Protocol.TCP, 80, TargetPort.of(8080), 0)), List.of(), List.of(), null,
                TrafficPolicy.Cluster, SessionAffinity.None, 0, List.of(), 0, null, Map.of());
        return ChangeSet.builder().addService(s).addSlice(new EndpointSlice(ObjectRef.of("ns-churn", "created-" + k
                + "-1"), ref(k).name(), IpFamily.IPv4, List.of(new EndpointPort("", Protocol.TCP, 8080)), pods))
                .build();
    }

    /** The change that deletes service {@code k} (its slice and the service). */
    public ChangeSet delete(int k) {
        return ChangeSet.builder().deleteSlice(ObjectRef.of("ns-churn", "created-" + k + "-1"), ref(k))
                .deleteService(ref(k)).build();
    }

    /** A packet from a pod of this node to service {@code k}. */
    public FiveTuple packetTo(int k) {
        return new FiveTuple().set(self().podCIDRs().get(0).address(3), 40000, clusterIP(k), 80, Protocol.TCP);
    }

    private Node self() {
        return base.base().nodes().values().iterator().next();
    }

    /**
     * Syncs {@code p} with the base cluster, then creates and deletes services {@code 0..rounds-1} in turn by
     * incremental syncs while another thread classifies packets to the rolling-update service of the base fixture
     * (whose entries never change); returns what the reader saw other than one of that service's endpoints, at
     * most 10. A delete publishes a copy of the service map and a create inserts in place: neither may hide a
     * live key from a reader.
     */
    public List<String> racingReader(DataPlane p, int rounds) throws InterruptedException {
        p.sync(base.base());
        Set<String> allowed = new HashSet<>(p.explain(base.packetToChanged()).endpoints());
        return base.whileReading(p, allowed, () -> {
            ClusterSnapshot c = base.base();
            for (int k = 0; k < rounds; k++) {
                ChangeSet add = create(k);
                c = c.apply(add);
                p.sync(c, add);
                ChangeSet del = delete(k);
                c = c.apply(del);
                p.sync(c, del);
            }
        });
    }

    /**
     * Creates service 0 on {@code p} (synced with the base cluster) and checks that it was an incremental sync of
     * {@code written} map elements after which a packet to the service is DNATed.
     */
    public void createsIncrementally(DataPlane p, int written) {
        ChangeSet add = create(0);
        SyncStats s = p.sync(base.base().apply(add), add);
        assertFalse(s.full(), "a create is an incremental sync");
        assertEquals(written, s.mapElements(), "the service's own entries");
        assertEquals(Verdict.DNAT, Classification.verdict(p.classify(packetTo(0), 0, 7)));
    }

    /**
     * Deletes service 0 from {@code p} and checks that it was an incremental sync of {@code written} map elements
     * after which a packet to the service is left alone and {@code p} renders {@code fullRender} again.
     */
    public void deletesIncrementally(DataPlane p, int written, String fullRender) {
        SyncStats d = p.sync(base.base(), delete(0));
        assertFalse(d.full(), "a delete is an incremental sync");
        assertEquals(written, d.mapElements(), "the service's own entries removed");
        assertEquals(Verdict.NONE, Classification.verdict(p.classify(packetTo(0), 1, 7)));
        assertEquals(fullRender, p.render(), "back to the full sync's tables, ids included");
    }
}
