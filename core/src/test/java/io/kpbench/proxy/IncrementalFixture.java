package io.kpbench.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.kpbench.cluster.ChangeSet;
import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.Endpoint;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.Node;
import io.kpbench.cluster.synthetic.SyntheticCluster;
import io.kpbench.cluster.synthetic.SyntheticSpec;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.cluster.Service;
import io.kpbench.net.FiveTuple;
import io.kpbench.net.Protocol;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The structural-incrementality fixture: 10,000 ClusterIP services of 10 ready endpoints each (the cluster of
 * {@code SyncBenchmark.partialSync}), a proxier on its first node, and one rolling-update step: one service's
 * first endpoint replaced by a new pod (an address no endpoint has).
 *
 * @param base the cluster
 * @param node the proxier's node
 * @param step the rolling-update step
 * @param after the cluster after the step
 * @param newPod the new pod's address and port text
 */
public record IncrementalFixture(ClusterSnapshot base, NodeConfig node, ChangeSet step, ClusterSnapshot after,
        String newPod) {
    /** Services in the cluster. */
    public static final int SERVICES = 10_000;
    /** Endpoints per service. */
    public static final int ENDPOINTS = 10;

    /** Builds the fixture. */
    public static IncrementalFixture build() {
        ClusterSnapshot base = SyntheticCluster.generate(SyntheticSpec.parse("services=" + SERVICES
                + ",endpoints=uniform:" + ENDPOINTS + "-" + ENDPOINTS + ",nodes=4,types=ClusterIP:1,affinity=0,"
                + "terminating=0,hints=0,udp=0,seed=16"));
        Node self = base.nodes().values().iterator().next();
        NodeConfig node = NodeConfig.of(self.name(), List.of(self.primaryIP(IpFamily.IPv4)));
        EndpointSlice s = base.slices().values().stream().filter(x -> x.endpoints().size() == ENDPOINTS)
                .skip(SERVICES / 2).findFirst().orElseThrow();
        List<Endpoint> eps = new ArrayList<>(s.endpoints().subList(1, ENDPOINTS));
        Endpoint first = s.endpoints().get(0);
        Set<IpAddress> used = new HashSet<>();
        base.slices().values().forEach(x -> x.endpoints().forEach(e -> used.addAll(e.addresses())));
        IpAddress ip = self.podCIDRs().get(0).address(1);
        for (int k = 2; used.contains(ip); k++) {
            ip = self.podCIDRs().get(0).address(k);
        }
        eps.add(new Endpoint(List.of(ip), true, true, false, first.nodeName(), first.zone(), List.of(), List.of(),
                null));
        ChangeSet step = ChangeSet.builder().updateSlice(new EndpointSlice(s.ref(), s.serviceName(),
                s.addressType(), s.ports(), eps)).build();
        return new IncrementalFixture(base, node, step, base.apply(step),
                ip.withPort(s.ports().get(0).port()));
    }

    /**
     * Takes the step on {@code p} (synced with the base cluster) and checks that it was an incremental sync that
     * wrote {@code written} map elements ({@code what}) into the generation {@code published} reads, which stays
     * the same object (nothing rebuilt); returns that generation.
     */
    public <T> T stepInPlace(DataPlane p, Supplier<T> published, int written, String what) {
        T before = published.get();
        SyncStats s = p.sync(after, step);
        assertFalse(s.full(), "the step is an incremental sync");
        assertEquals(written, s.mapElements(), what);
        T kept = published.get();
        assertSame(before, kept, "the published generation is kept, not rebuilt");
        return kept;
    }

    /**
     * Syncs {@code p} with the base cluster, then flips the changed service between its two endpoint sets by
     * {@code flips} incremental syncs while another thread classifies packets to it; returns what the reader saw
     * that belongs to neither whole set (a verdict other than DNAT, or an endpoint of neither set), at most 10.
     */
    public List<String> racingReader(DataPlane p, int flips) throws InterruptedException {
        ChangeSet back = back();
        FiveTuple packet = packetToChanged();
        p.sync(base);
        Set<String> allowed = new HashSet<>(p.explain(packet).endpoints());
        p.sync(after, step);
        allowed.addAll(p.explain(packet).endpoints());
        return whileReading(p, allowed, () -> {
            for (int i = 0; i < flips; i++) {
                if (i % 2 == 0) {
                    p.sync(base, back);
                } else {
                    p.sync(after, step);
                }
            }
        });
    }

    /** The step back from {@link #after} to the base cluster. */
    public ChangeSet back() {
        ChangeSet.SliceChange change = (ChangeSet.SliceChange) step.changes().get(0);
        return ChangeSet.builder().updateSlice(base.slices().get(change.ref())).build();
    }

    /** A packet from a pod of the proxier's node to the service the step changes. */
    public FiveTuple packetToChanged() {
        ChangeSet.SliceChange change = (ChangeSet.SliceChange) step.changes().get(0);
        Service svc = base.service(change.serviceRef());
        Node self = base.nodes().values().iterator().next();
        return new FiveTuple().set(self.podCIDRs().get(0).address(3), 40000, svc.clusterIP(),
                svc.ports().get(0).port(), Protocol.TCP);
    }

    /**
     * Runs {@code writes} while another thread classifies {@link #packetToChanged} on {@code p}; returns what the
     * reader saw other than a DNAT to one of {@code allowed}, at most 10.
     */
    public List<String> whileReading(DataPlane p, Set<String> allowed, Runnable writes) throws InterruptedException {
        List<String> bad = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean done = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            FiveTuple mine = packetToChanged();
            for (long i = 0; !done.get() && bad.size() < 10; i++) {
                long c = p.classify(mine, i, i * 0x9E37_79B9_7F4A_7C15L);
                String ep = Classification.verdict(c) == Verdict.DNAT ? p.endpoint(Classification.endpoint(c)) : "";
                if (!allowed.contains(ep)) {
                    bad.add(Classification.verdict(c) + " " + ep);
                }
            }
        });
        reader.start();
        try {
            writes.run();
        } finally {
            done.set(true);
            reader.join();
        }
        return List.copyOf(bad);
    }

    /**
     * Flips the changed service back and forth on {@code p} (synced with the base cluster) by {@code syncs}
     * incremental syncs, past the room the full sync reserved, and checks that none was a full sync, that a
     * compacted generation replaced {@code published}'s, and that {@code p} renders as the full sync did.
     */
    public void compactsPastTheRoom(DataPlane p, Supplier<?> published, int syncs) {
        String fullRender = p.render();
        Object first = published.get();
        ChangeSet back = back();
        for (int i = 0; i < syncs; i++) {
            SyncStats s = i % 2 == 0 ? p.sync(after, step) : p.sync(base, back);
            assertFalse(s.full(), "sync " + i + " is incremental");
        }
        assertNotSame(first, published.get(), "the room ran out: a compacted generation was published");
        assertEquals(fullRender, p.render(), "the same maps as the full sync");
    }
}
