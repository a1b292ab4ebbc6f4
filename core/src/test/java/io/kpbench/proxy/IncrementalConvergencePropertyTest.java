package io.kpbench.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.net.Protocol;
import io.kpbench.proxy.ebpf.EbpfConfig;
import io.kpbench.proxy.ebpf.EbpfDataPlane;
import io.kpbench.proxy.userspace.UserspaceDataPlane;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * After any sequence of incremental syncs, the eBPF and userspace data planes render and classify exactly as a
 * fresh full sync of the final cluster does: random batches of rolling updates, scale-ups and scale-downs,
 * endpoints turning terminating, service creates and deletes, and port changes. The one documented difference is
 * the eBPF rev-NAT id, which Cilium keeps stable across syncs and a fresh agent numbers afresh: it is masked in the
 * rendered text. Endpoint choice is compared as endpoint text (backend ids differ for the same reason; slot
 * order and Maglev tables depend only on the backend set).
 */
class IncrementalConvergencePropertyTest {

    /** A mode under test: its name and how to make one on a node. */
    record Plane(String name, BiFunction<NodeConfig, IpFamily, DataPlane> make) {
        @Override
        public String toString() {
            return name;
        }
    }

    @Provide
    Arbitrary<Plane> planes() {
        return Arbitraries.of(
                new Plane("ebpf random", (n, f) -> new EbpfDataPlane(n, f, EbpfConfig.defaults())),
                new Plane("ebpf maglev", (n, f) -> new EbpfDataPlane(n, f, EbpfConfig.defaults().withMaglev(251))),
                new Plane("userspace", (n, f) -> new UserspaceDataPlane(n, f, 1024)));
    }

    @Property(tries = 200)
    void incrementalSyncsConvergeToAFreshFullSync(@ForAll("planes") Plane plane,
            @ForAll("knobs") GeneratedCluster.Knobs knobs, @ForAll @IntRange(min = 1, max = 12) int batches,
            @ForAll long seed) {
        GeneratedCluster g = GeneratedCluster.of(knobs);
        DataPlane incremental = plane.make().apply(g.node(), IpFamily.IPv4);
        incremental.sync(g.snapshot());
        ClusterSnapshot c = g.snapshot();
        Churn churn = new Churn(seed);
        for (int b = 0; b < batches; b++) {
            ChangeSet changes = churn.batch(c);
            c = c.apply(changes);
            incremental.sync(c, changes);
        }
        DataPlane fresh = plane.make().apply(g.node(), IpFamily.IPv4);
        fresh.sync(c);
        assertEquals(masked(fresh.render()), masked(incremental.render()), plane + " render after " + churn.log);
        List<Probe> probes = GeneratedCluster.probes(c, g.node());
        for (int i = 0; i < probes.size(); i++) {
            long random = 0x9E37_79B9L * (i + 1);
            long a = fresh.classify(probes.get(i).packet(), i, random);
            long b = incremental.classify(probes.get(i).packet(), i, random);
            assertEquals(describe(fresh, a), describe(incremental, b), plane + " " + probes.get(i) + " after "
                    + churn.log);
        }
    }

    @Provide
    Arbitrary<GeneratedCluster.Knobs> knobs() {
        return GeneratedCluster.knobs().filter(k -> k.services() >= 2);
    }

    private static String masked(String render) {
        return render.replaceAll("\\((\\d+)\\) \\((\\d+)\\)", "(rev) ($2)");
    }

    private static String describe(DataPlane p, long c) {
        return Classification.verdict(c) + " masq=" + Classification.masquerade(c) + " "
                + (Classification.verdict(c) == Verdict.DNAT ? p.endpoint(Classification.endpoint(c)) : "");
    }

    /** A seeded stream of control-plane changes, each batch one to three of them. */
    static final class Churn {
        private final SplittableRandom rng;
        private int pods;
        private int created;
        final List<String> log = new ArrayList<>();

        Churn(long seed) {
            this.rng = new SplittableRandom(seed);
        }

        ChangeSet batch(ClusterSnapshot c) {
            ChangeSet.Builder b = ChangeSet.builder();
            int n = 1 + rng.nextInt(3);
            ClusterSnapshot cur = c;
            for (int i = 0; i < n; i++) {
                ChangeSet one = one(cur);
                cur = cur.apply(one);
                one.changes().forEach(ch -> add(b, ch));
            }
            return b.build();
        }

        private static void add(ChangeSet.Builder b, ChangeSet.Change ch) {
            if (ch instanceof ChangeSet.ServiceChange s) {
                switch (s.op()) {
                    case ADD -> b.addService(s.service());
                    case UPDATE -> b.updateService(s.service());
                    case DELETE -> b.deleteService(s.ref());
                    default -> throw new AssertionError(s.op());
                }
            } else if (ch instanceof ChangeSet.SliceChange s) {
                switch (s.op()) {
                    case ADD -> b.addSlice(s.slice());
                    case UPDATE -> b.updateSlice(s.slice());
                    case DELETE -> b.deleteSlice(s.ref(), s.serviceRef());
                    default -> throw new AssertionError(s.op());
                }
            }
        }

        private ChangeSet one(ClusterSnapshot c) {
            List<EndpointSlice> slices = List.copyOf(c.slices().values());
            List<Service> services = List.copyOf(c.services().values());
            int kind = rng.nextInt(7);
            ChangeSet.Builder b = ChangeSet.builder();
            if (kind <= 3 && !slices.isEmpty()) {
                EndpointSlice s = slices.get(rng.nextInt(slices.size()));
                List<Endpoint> eps = new ArrayList<>(s.endpoints());
                switch (kind) {
                    case 0 -> {
                        log.add("rolling " + s.ref());
                        if (!eps.isEmpty()) {
                            eps.remove(0);
                        }
                        eps.add(pod(c));
                    }
                    case 1 -> {
                        log.add("scale-up " + s.ref());
                        eps.add(pod(c));
                    }
                    case 2 -> {
                        log.add("scale-down " + s.ref());
                        if (!eps.isEmpty()) {
                            eps.remove(eps.size() - 1);
                        }
                    }
                    default -> {
                        log.add("terminating " + s.ref());
                        if (!eps.isEmpty()) {
                            Endpoint e = eps.remove(0);
                            eps.add(new Endpoint(e.addresses(), false, true, true, e.nodeName(), e.zone(),
                                    e.zoneHints(), e.nodeHints(), e.hostname(), e.targetRef()));
                        }
                    }
                }
                return b.updateSlice(new EndpointSlice(s.ref(), s.serviceName(), s.addressType(), s.ports(), eps))
                        .build();
            }
            if (kind == 4 && services.size() > 1) {
                Service gone = services.get(rng.nextInt(services.size()));
                log.add("delete " + gone.ref());
                for (EndpointSlice s : c.slicesOf(gone.ref())) {
                    b.deleteSlice(s.ref(), gone.ref());
                }
                return b.deleteService(gone.ref()).build();
            }
            if (kind == 5 && !services.isEmpty()) {
                Service s = services.get(rng.nextInt(services.size()));
                log.add("port change " + s.ref());
                List<ServicePort> ports = new ArrayList<>();
                for (ServicePort p : s.ports()) {
                    ports.add(new ServicePort(p.name(), p.protocol(), p.port() + 1, p.targetPort(), p.nodePort()));
                }
                return b.updateService(new Service(s.ref(), s.type(), s.clusterIPs(), s.headless(), s.ipFamilies(),
                        ports, s.externalIPs(), s.ingress(), s.externalTrafficPolicy(), s.internalTrafficPolicy(),
                        s.sessionAffinity(), s.sessionAffinityTimeoutSeconds(), s.loadBalancerSourceRanges(),
                        s.healthCheckNodePort(), s.externalName(), s.selector())).build();
            }
            int k = created++;
            ObjectRef ref = ObjectRef.of("ns-churn", "created-" + k);
            log.add("create " + ref);
            b.addService(new Service(ref, ServiceType.ClusterIP, List.of(IpAddress.parse("10.110.0." + (1 + k))),
                    false, List.of(IpFamily.IPv4),
                    List.of(new ServicePort("", Protocol.TCP, 80, TargetPort.of(8080), 0)), List.of(), List.of(),
                    null, TrafficPolicy.Cluster, k % 2 == 0 ? SessionAffinity.None : SessionAffinity.ClientIP,
                    k % 2 == 0 ? 0 : 600, List.of(), 0, null, Map.of()));
            return b.addSlice(new EndpointSlice(ObjectRef.of("ns-churn", "created-" + k + "-1"), ref.name(),
                    IpFamily.IPv4, List.of(new EndpointPort("", Protocol.TCP, 8080)), List.of(pod(c), pod(c))))
                    .build();
        }

        /** A ready pod with a fresh address in a random node's pod CIDR. */
        private Endpoint pod(ClusterSnapshot c) {
            List<Node> nodes = List.copyOf(c.nodes().values());
            Node n = nodes.get(rng.nextInt(nodes.size()));
            IpAddress ip = n.podCIDRs().get(0).address(150 + pods++ % 80);
            return new Endpoint(List.of(ip), true, true, false, n.name(), null, List.of(), List.of(), null);
        }
    }
}
