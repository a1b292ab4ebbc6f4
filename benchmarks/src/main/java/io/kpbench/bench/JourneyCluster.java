package io.kpbench.bench;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.Endpoint;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.ObjectRef;
import io.kpbench.cluster.Service;
import io.kpbench.cluster.ServicePort;
import io.kpbench.cluster.ServiceType;
import io.kpbench.cluster.synthetic.SyntheticCluster;
import io.kpbench.cluster.synthetic.SyntheticSpec;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.path.CloudLoadBalancer;
import io.kpbench.path.ClusterNetwork;
import io.kpbench.path.ClusterNode;
import io.kpbench.path.ClusterPath;
import io.kpbench.path.JourneyResult;
import io.kpbench.path.LbListener;
import io.kpbench.path.PacketPath;
import io.kpbench.path.Pod;
import io.kpbench.proxy.ProxyMode;
import io.kpbench.proxy.ebpf.EbpfConfig;
import io.kpbench.proxy.ebpf.EbpfDataPlane;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The fixture of the whole-journey measurements ({@link JourneyBenchmark}, {@link OpenLoopLatency}): a seeded
 * synthetic cluster of {@code services} services (90% ClusterIP, 5% NodePort, 5% LoadBalancer, 10 endpoints each,
 * on 3 nodes that each run a proxier of one mode), its cloud load balancers, one {@link PacketPath}, and a seeded
 * request {@link Mix} per {@link Kind}. With {@code -Dbench.cluster} ({@link BenchInput}) and {@code services}
 * the cluster's count × a growth factor, it is that cluster, every node running a proxier; its requests go to
 * the services with a ready endpoint, and the node-port journey to any service's node port.
 *
 * <p>Every request is the FIRST packet of a new connection and its reply: the source port advances on every
 * request (1024-65535, so a tuple repeats only after lcm(64Ki, 64512) requests) and the clock advances
 * {@link PacketClock#STEP_NANOS} per request, so the SYN_RECV entries of earlier requests have expired (60 s) and
 * are reclaimed by later inserts. A request thus walks the whole path: LB pick and LB conntrack insert, node
 * conntrack miss, the proxier's classification and DNAT, the pod, and the reply un-NATed back. Not thread-safe.
 */
final class JourneyCluster {
    /** The type mix: NodePort and LoadBalancer services stay within the 2768 node ports up to 27k services. */
    static final String TYPES = "ClusterIP:90+NodePort:5+LoadBalancer:5";
    static final int NODES = 3;
    static final int ENDPOINTS = 10;
    static final int CONNTRACK_CAPACITY = 1 << 18;
    static final int MIX_SIZE = PacketMix.SIZE;
    static final int MIN_PORT = 1024;

    /** The three journeys, named as the benchmark methods. */
    enum Kind {
        /** A pod to a ClusterIP:port. */
        clusterIP,
        /** The outside client to a node IP:nodePort. */
        nodePort,
        /** The outside client to an LB address:port. */
        loadBalancer
    }

    /** A kind's requests: source IP, destination IP and {@code protocol << 16 | port}, with their cursor. */
    static final class Mix {
        final int[] src = new int[MIX_SIZE];
        final int[] dst = new int[MIX_SIZE];
        final int[] portProto = new int[MIX_SIZE];
        long cursor;
        int srcPort = MIN_PORT;
    }

    final PacketPath path;
    private final ClusterNetwork network;
    private final ClusterSnapshot snapshot;
    /** True on the {@code -Dbench.cluster} cluster ({@link BenchInput}) rather than the synthetic one. */
    private final boolean given;
    private long now = 1_000_000_000L;

    JourneyCluster(ProxyMode mode, int services) {
        BenchInput in = BenchInput.current();
        int factor = in.given() ? in.factorOf(services) : 0;
        given = factor != 0;
        snapshot = given ? in.at(factor) : SyntheticCluster.generate(SyntheticSpec.parse("services=" + services
                + ",endpoints=" + ENDPOINTS + ",nodes=" + NODES + ",seed=" + BenchCluster.SEED + ",types=" + TYPES));
        int lbMapMax = BenchCluster.ebpfLbMapMax(snapshot);
        network = new ClusterNetwork(snapshot, (node, family) -> mode == ProxyMode.EBPF
                ? new EbpfDataPlane(node, family, EbpfConfig.defaults().withLbMapMax(lbMapMax))
                : mode.create(node, family), CONNTRACK_CAPACITY);
        path = new PacketPath(network, new CloudLoadBalancer(network, true, CONNTRACK_CAPACITY), false);
    }

    /** The seeded, shuffled requests of {@code kind}: uniform over its targets and sources. */
    Mix mix(Kind kind) {
        List<long[]> targets = new ArrayList<>();
        Set<ObjectRef> served = served();
        for (Service s : snapshot.services().values()) {
            if (!served.contains(s.ref())) {
                continue;
            }
            for (ServicePort p : s.ports()) {
                int pp = p.protocol().number() << 16;
                if (kind == Kind.clusterIP && s.type() == ServiceType.ClusterIP && s.clusterIP(IpFamily.IPv4) != null) {
                    targets.add(new long[] {s.clusterIP(IpFamily.IPv4).v4(), pp | p.port()});
                } else if (kind == Kind.nodePort && (s.type() == ServiceType.NodePort || given) && p.nodePort() > 0) {
                    for (ClusterNode n : network.nodes()) {
                        targets.add(new long[] {n.ipV4(), pp | p.nodePort()});
                    }
                }
            }
        }
        if (kind == Kind.loadBalancer) {
            for (LbListener l : path.loadBalancer().listeners()) {
                if (!served.contains(l.service())) {
                    continue;
                }
                targets.add(new long[] {l.address().v4(), l.protocol().number() << 16 | l.port()});
            }
        }
        List<Integer> sources = new ArrayList<>();
        if (kind == Kind.clusterIP) {
            for (Pod p : network.pods()) {
                sources.add(p.ip().v4());
            }
        } else {
            sources.add(IpAddress.parse(ClusterPath.CLIENT_IP).v4());
        }
        if (targets.isEmpty() || sources.isEmpty()) {
            throw new IllegalStateException("no " + kind + " targets or sources in the journey cluster");
        }
        SplittableRandom r = new SplittableRandom(BenchCluster.SEED * 31 + kind.ordinal());
        Mix m = new Mix();
        for (int i = 0; i < MIX_SIZE; i++) {
            long[] t = targets.get(r.nextInt(targets.size()));
            m.src[i] = sources.get(r.nextInt(sources.size()));
            m.dst[i] = (int) t[0];
            m.portProto[i] = (int) t[1];
        }
        return m;
    }

    /**
     * The services with a ready IPv4 endpoint: a real cluster's others would be rejected, and a journey is a
     * request that is replied (the synthetic cluster's are all served).
     */
    private Set<ObjectRef> served() {
        Set<ObjectRef> out = new HashSet<>();
        for (EndpointSlice sl : snapshot.slices().values()) {
            for (Endpoint e : sl.endpoints()) {
                if (e.isReady() && e.address().isV4()) {
                    out.add(sl.serviceRef());
                }
            }
        }
        return out;
    }

    /** The next request of {@code m}, a new connection's first packet and its reply; allocation-free. */
    long next(Mix m) {
        long c = m.cursor++;
        int i = (int) c & (MIX_SIZE - 1);
        int port = m.srcPort;
        m.srcPort = port == 65535 ? MIN_PORT : port + 1;
        now += PacketClock.STEP_NANOS;
        int pp = m.portProto[i];
        return path.journey(m.src[i], port, m.dst[i], pp & 0xFFFF, pp >>> 16, now, c * 0x9E3779B97F4A7C15L);
    }

    /**
     * Runs {@code count} requests of {@code m} (or as many as fit in {@code budgetNanos}, at least 4096) and
     * throws unless each replied on the slow path: the check that every measured request is a first packet.
     */
    void primeAndCheck(Mix m, Kind kind, int count, long budgetNanos) {
        long deadline = System.nanoTime() + budgetNanos;
        for (int i = 0; i < count && (i < 4096 || System.nanoTime() - deadline < 0); i++) {
            long r = next(m);
            if (JourneyResult.outcome(r) != JourneyResult.Outcome.REPLIED || JourneyResult.has(r, JourneyResult.FAST_PATH)) {
                throw new IllegalStateException(kind + " request " + (m.cursor - 1) + ": " + JourneyResult.outcome(r)
                        + (JourneyResult.has(r, JourneyResult.FAST_PATH) ? " on the fast path" : "")
                        + ", expected a first packet that is replied");
            }
        }
    }
}
