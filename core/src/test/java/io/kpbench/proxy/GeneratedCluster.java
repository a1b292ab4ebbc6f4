package io.kpbench.proxy;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.Node;
import io.kpbench.cluster.Service;
import io.kpbench.cluster.ServicePort;
import io.kpbench.cluster.ServiceType;
import io.kpbench.cluster.TrafficPolicy;
import io.kpbench.cluster.synthetic.SyntheticCluster;
import io.kpbench.cluster.synthetic.SyntheticSpec;
import io.kpbench.net.Cidr;
import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.net.Protocol;
import io.kpbench.proxy.Probe.Dst;
import io.kpbench.proxy.Probe.Src;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * A small {@link SyntheticCluster} with the features the generator leaves out added by a seeded post-pass
 * (externalIPs, loadBalancerSourceRanges, internalTrafficPolicy Local), the config of a proxier on its first node,
 * and every packet worth sending to it: each address of each service port from each kind of source.
 *
 * @param spec the synthetic spec text
 * @param snapshot the cluster
 * @param node the config of a proxier on {@code node-1}, with a secondary IP
 * @param probes the packets
 */
public record GeneratedCluster(String spec, ClusterSnapshot snapshot, NodeConfig node, List<Probe> probes) {
    /** The source range the post-pass gives LoadBalancers, and a client inside it. */
    public static final Cidr SOURCE_RANGE = Cidr.parse("198.18.0.0/24");
    static final IpAddress CLIENT_IN_RANGE = IpAddress.parse("198.18.0.7");
    static final IpAddress CLIENT = IpAddress.parse("198.19.5.5");
    /** A node address that is not the primary one: iptables accepts NodePorts on it, nftables does not. */
    public static final IpAddress SECONDARY_NODE_IP = IpAddress.parse("192.168.77.1");
    static final IpAddress LOCALHOST = IpAddress.parse("127.0.0.1");
    static final IpAddress UNRELATED = IpAddress.parse("192.0.2.80");
    static final Cidr SERVICE_CIDR = Cidr.parse("10.96.0.0/12");
    static final Cidr POD_CIDR = Cidr.parse("10.244.0.0/16");
    static final int WRONG_PORT = 1;

    /**
     * The knobs of one generated cluster.
     *
     * @param services the number of services
     * @param nodes the number of nodes
     * @param maxEndpoints endpoints per service are uniform in 0..maxEndpoints
     * @param local the eTP=Local share of NodePort and LoadBalancer services
     * @param terminating the terminating share of endpoints
     * @param extras the share of services given an externalIP, source ranges or iTP=Local (each drawn apart)
     * @param seed the seed of the generator and of the post-pass
     * @param masquerade the node's local-traffic detector and masquerade flags
     */
    public record Knobs(int services, int nodes, int maxEndpoints, double local, double terminating, double extras,
            long seed, Masquerade masquerade) {
        /** Knobs with a local-traffic detector and without masquerade-all. */
        public Knobs(int services, int nodes, int maxEndpoints, double local, double terminating, double extras,
                long seed) {
            this(services, nodes, maxEndpoints, local, terminating, extras, seed, Masquerade.DETECTOR);
        }

        /** The synthetic spec text. */
        public String spec() {
            return "services=" + services + ",endpoints=uniform:0-" + maxEndpoints + ",nodes=" + nodes
                    + ",types=ClusterIP:50+NodePort:25+LoadBalancer:25,local=" + local + ",affinity=0.2"
                    + ",terminating=" + terminating + ",hints=0.2,udp=0.2,seed=" + seed;
        }
    }

    /** The node flags that decide masquerading: kube-proxy's {@code --cluster-cidr} and {@code --masquerade-all}. */
    public enum Masquerade {
        /** {@code --cluster-cidr} set: the pod-CIDR local-traffic detector. */
        DETECTOR,
        /** No {@code --cluster-cidr}: the NoOp detector. */
        NO_DETECTOR,
        /** The detector and {@code --masquerade-all}. */
        MASQUERADE_ALL
    }

    /** Knobs for 1-40 services on 1-4 nodes; shrinks towards one service on one node without extras. */
    public static Arbitrary<Knobs> knobs() {
        Arbitrary<Double> share = Arbitraries.of(0.0, 0.3, 0.5, 1.0);
        return Combinators.combine(Arbitraries.integers().between(1, 40), Arbitraries.integers().between(1, 4),
                Arbitraries.integers().between(0, 4), share, share, share, Arbitraries.longs().between(0, 1L << 40),
                Arbitraries.of(Masquerade.class)).as(Knobs::new);
    }

    /** Generated clusters drawn from {@link #knobs()}. */
    public static Arbitrary<GeneratedCluster> clusters() {
        return knobs().map(GeneratedCluster::of);
    }

    /** The cluster of {@code k}. */
    public static GeneratedCluster of(Knobs k) {
        String spec = k.spec() + (k.masquerade() == Masquerade.DETECTOR ? "" : " (" + k.masquerade() + ")");
        ClusterSnapshot base = SyntheticCluster.generate(SyntheticSpec.parse(k.spec()));
        SplittableRandom rng = new SplittableRandom(k.seed() ^ 0x5DEECE66DL);
        List<Service> services = new ArrayList<>();
        int i = 0;
        for (Service s : base.services().values()) {
            services.add(decorate(s, i++, k.extras(), rng));
        }
        ClusterSnapshot snapshot = ClusterSnapshot.of(services, base.slices().values(), base.nodes().values());
        Node self = snapshot.nodes().values().iterator().next();
        NodeConfig cfg = new NodeConfig(self.name(), List.of(self.primaryIP(IpFamily.IPv4), SECONDARY_NODE_IP),
                self.zone(), k.masquerade() == Masquerade.NO_DETECTOR ? List.of() : List.of(POD_CIDR),
                k.masquerade() == Masquerade.MASQUERADE_ALL, NodeConfig.DEFAULT_MASQUERADE_BIT, List.of(), true,
                List.of(SERVICE_CIDR), true);
        return new GeneratedCluster(spec, snapshot, cfg, probes(snapshot, cfg));
    }

    private static Service decorate(Service s, int i, double extras, SplittableRandom rng) {
        List<IpAddress> external = rng.nextDouble() < extras
                ? List.of(IpAddress.parse("198.51.100." + (1 + i % 250))) : List.of();
        List<Cidr> ranges = List.of();
        if (s.type() == ServiceType.LoadBalancer && rng.nextDouble() < extras) {
            ranges = rng.nextBoolean() ? List.of(SOURCE_RANGE) : List.of(SOURCE_RANGE, Cidr.parse("172.18.0.0/16"));
        }
        TrafficPolicy itp = rng.nextDouble() < extras / 2 ? TrafficPolicy.Local : TrafficPolicy.Cluster;
        return new Service(s.ref(), s.type(), s.clusterIPs(), s.headless(), s.ipFamilies(), s.ports(), external,
                s.ingress(), s.externalTrafficPolicy(), itp, s.sessionAffinity(), s.sessionAffinityTimeoutSeconds(),
                ranges, s.healthCheckNodePort(), s.externalName(), s.selector());
    }

    /** Every destination of every service port of {@code c} from every kind of source, and two stray addresses. */
    static List<Probe> probes(ClusterSnapshot c, NodeConfig cfg) {
        IpAddress nodeIP = cfg.primaryIP(IpFamily.IPv4);
        List<Node> nodes = List.copyOf(c.nodes().values());
        Node self = nodes.get(0);
        IpAddress localPod = self.podCIDRs().get(0).address(250);
        IpAddress remotePod = nodes.size() > 1 ? nodes.get(1).podCIDRs().get(0).address(250) : null;
        IpAddress otherNode = nodes.size() > 1 ? nodes.get(1).primaryIP(IpFamily.IPv4) : null;
        List<Probe> out = new ArrayList<>();
        Set<IpAddress> clusterIPs = new HashSet<>();
        for (Service s : c.services().values()) {
            clusterIPs.add(s.clusterIP());
            List<ServicePortInfo> infos = ServicePortInfo.of(s, IpFamily.IPv4);
            var eps = EndpointsMap.of(c, s.ref(), IpFamily.IPv4, cfg.nodeName());
            for (int j = 0; j < s.ports().size(); j++) {
                ServicePort p = s.ports().get(j);
                ServicePortInfo info = infos.get(j);
                List<EndpointInfo> all = eps.getOrDefault(info.name(), List.of());
                Topology.Categorized cat = Topology.categorize(all, info, cfg.nodeName(), cfg.zone(),
                        cfg.preferSameNode());
                IpAddress hairpin = all.stream()
                        .filter(EndpointInfo::local).findFirst()
                        .map(EndpointInfo::ip).orElse(null);
                List<Object[]> dsts = new ArrayList<>();
                dsts.add(new Object[] {Dst.CLUSTER_IP, s.clusterIP(), p.port()});
                dsts.add(new Object[] {Dst.CLUSTER_IP_WRONG_PORT, s.clusterIP(), WRONG_PORT});
                if (p.nodePort() != 0) {
                    dsts.add(new Object[] {Dst.NODE_PORT, nodeIP, p.nodePort()});
                    dsts.add(new Object[] {Dst.NODE_PORT_SECONDARY_IP, SECONDARY_NODE_IP, p.nodePort()});
                    dsts.add(new Object[] {Dst.NODE_PORT_LOCALHOST, LOCALHOST, p.nodePort()});
                }
                if (s.healthCheckNodePort() != 0 && j == 0) {
                    dsts.add(new Object[] {Dst.HEALTH_CHECK_NODE_PORT, nodeIP, s.healthCheckNodePort()});
                }
                s.ingress().forEach(in -> dsts.add(new Object[] {Dst.LOAD_BALANCER, in.ip(), p.port()}));
                s.externalIPs().forEach(ip -> dsts.add(new Object[] {Dst.EXTERNAL_IP, ip, p.port()}));
                for (Object[] d : dsts) {
                    Dst dst = (Dst) d[0];
                    Protocol proto = dst == Dst.HEALTH_CHECK_NODE_PORT ? Protocol.TCP : p.protocol();
                    for (Src src : Src.values()) {
                        IpAddress from = switch (src) {
                            case LOCAL_POD -> localPod;
                            case REMOTE_POD -> remotePod;
                            case ENDPOINT_ITSELF -> hairpin;
                            case THIS_NODE -> nodeIP;
                            case LOCALHOST -> LOCALHOST;
                            case OTHER_NODE -> otherNode;
                            case EXTERNAL_IN_RANGE -> CLIENT_IN_RANGE;
                            case EXTERNAL -> CLIENT;
                        };
                        boolean needsOtherNode = src == Src.REMOTE_POD || src == Src.OTHER_NODE;
                        if (from == null || (src == Src.LOCALHOST) != (dst == Dst.NODE_PORT_LOCALHOST)
                                || needsOtherNode && nodes.size() == 1) {
                            continue;
                        }
                        out.add(new Probe(dst, src, s, p, all, cat,
                                new FiveTuple().set(from, 40000, (IpAddress) d[1], (Integer) d[2], proto)));
                    }
                }
            }
        }
        IpAddress unallocated = SERVICE_CIDR.address((1L << 20) - 2);
        for (int n = 3; clusterIPs.contains(unallocated); n++) {
            unallocated = SERVICE_CIDR.address((1L << 20) - n);
        }
        Topology.Categorized none = Topology.categorize(List.of(), null, cfg.nodeName(), null, false);
        for (Src src : List.of(Src.LOCAL_POD, Src.THIS_NODE, Src.EXTERNAL)) {
            IpAddress from = src == Src.LOCAL_POD ? localPod : src == Src.THIS_NODE ? nodeIP : CLIENT;
            out.add(new Probe(Dst.UNALLOCATED_SERVICE_IP, src, null, null, List.of(), none,
                    new FiveTuple().set(from, 40000, unallocated, 80, Protocol.TCP)));
            out.add(new Probe(Dst.UNRELATED, src, null, null, List.of(), none,
                    new FiveTuple().set(from, 40000, UNRELATED, 80, Protocol.TCP)));
        }
        return List.copyOf(out);
    }

    /** The EndpointSlices of the cluster (for change sets). */
    public List<EndpointSlice> slices() {
        return List.copyOf(snapshot.slices().values());
    }

    @Override
    public String toString() {
        return spec + " (" + probes.size() + " probes)";
    }
}
