package io.kpbench.path;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.ObjectRef;
import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The cluster facade of the path model: nodes with their proxiers and conntrack tables, the cloud LBs, cluster
 * and public DNS, and {@link #walk} from a client, pod or node to a URL, name or address, there and back.
 *
 * <p>Originators: {@code client} is an outside host, {@value #CLIENT_IP} and {@value #CLIENT_IP6}, resolving through
 * public DNS only; {@code pod/NS/NAME} is a pod of {@link ClusterNetwork#pods()} using cluster DNS with its
 * namespace's search path; {@code node/NAME} uses cluster DNS without a search path. Either family walks the same
 * way ({@link PacketPath}); a name resolves as {@link WalkTarget} says. The outside client reaches a node's
 * InternalIP over a private route (a VPN or peering), so that reply does not cross the provider's NAT; it reaches
 * an ExternalIP through that NAT both ways ({@link NodeAddresses}). Not thread-safe.
 */
public final class ClusterPath {
    /** The outside client's address (TEST-NET-3). */
    public static final String CLIENT_IP = "203.0.113.50";
    /** The outside client's IPv6 address (RFC 3849's documentation prefix). */
    public static final String CLIENT_IP6 = "2001:db8:113::50";
    private static final long START_NANOS = 1_000_000_000L;
    private static final long PACKET_GAP_NANOS = 1_000_000L;

    private final String mode;
    private final ClusterDns dns;
    private final PacketPath engine;
    /** For the walk's text only: built by the first walk, so that the engine's and DNS's users never pay for it. */
    private AddressKinds kinds;
    private long now = START_NANOS;

    /**
     * The model of {@code cluster}: every node runs a proxier of {@code factory} (named {@code mode} in output).
     *
     * @param crossZone whether the LBs send flows to healthy nodes of every zone (else: of one zone per client)
     * @param overlay whether pod traffic between nodes is VXLAN-encapsulated (an extra hop)
     * @param conntrackCapacity each node's (and the LBs') conntrack table size
     */
    public ClusterPath(ClusterSnapshot cluster, ProxyFactory factory, String mode, boolean crossZone,
            boolean overlay, int conntrackCapacity) {
        this(cluster, factory, mode, crossZone, overlay, conntrackCapacity, List.of());
    }

    /** As above, every node's kube-proxy running with {@code --nodeport-addresses} (empty: its default). */
    public ClusterPath(ClusterSnapshot cluster, ProxyFactory factory, String mode, boolean crossZone,
            boolean overlay, int conntrackCapacity, List<Cidr> nodePortAddresses) {
        ClusterNetwork network = new ClusterNetwork(cluster, factory, conntrackCapacity, nodePortAddresses);
        CloudLoadBalancer lb = new CloudLoadBalancer(network, crossZone, conntrackCapacity);
        this.mode = mode;
        this.dns = new ClusterDns(cluster, PublicDns.of(network, lb));
        this.engine = new PacketPath(network, lb, overlay);
    }

    /** The nodes and pods. */
    public ClusterNetwork network() {
        return engine.network();
    }

    /** The cloud load balancers. */
    public CloudLoadBalancer loadBalancer() {
        return engine.loadBalancer();
    }

    /** Cluster DNS (and, through it, public DNS). */
    public ClusterDns dns() {
        return dns;
    }

    /** The allocation-free engine, for benchmarks. */
    public PacketPath engine() {
        return engine;
    }

    /**
     * An originator: its label, addresses (null for a family it has none of), DNS namespace (null: none) and whether
     * it is outside the cluster.
     */
    public record Origin(String label, IpAddress ip, IpAddress ip6, String namespace, boolean external) {
        /** The address of {@code family}, or null. */
        public IpAddress ip(IpFamily family) {
            return family == IpFamily.IPv4 ? ip : ip6;
        }
    }

    /** Parses {@code client}, {@code pod/NS/NAME} or {@code node/NAME}; {@link IllegalArgumentException} if unknown. */
    public Origin origin(String from) {
        String f = from.trim();
        if (f.equals("client")) {
            return new Origin("client", IpAddress.parse(CLIENT_IP), IpAddress.parse(CLIENT_IP6), null, true);
        }
        if (f.startsWith("pod/")) {
            String[] parts = f.split("/", -1);
            Pod p = parts.length == 3 ? network().pod(ObjectRef.of(parts[1], parts[2])) : null;
            if (p == null) {
                List<String> known = new ArrayList<>();
                network().pods().forEach(x -> known.add(x.label()));
                throw new IllegalArgumentException("--from: unknown pod '" + f + "' (known: "
                        + String.join(", ", known.subList(0, Math.min(8, known.size())))
                        + (known.size() > 8 ? ", ..." : "") + ")");
            }
            return new Origin(p.label(), p.ip(), p.ip6(), p.ref().namespace(), false);
        }
        if (f.startsWith("node/")) {
            ClusterNode n = network().node(f.substring(5));
            if (n == null) {
                throw new IllegalArgumentException("--from: unknown node '" + f.substring(5) + "'");
            }
            return new Origin("node/" + n.name(), n.ip(), n.ip6(), null, false);
        }
        throw new IllegalArgumentException("--from: '" + from + "' is not client, pod/NS/NAME or node/NAME");
    }

    /** Resolves {@code name} as {@code from} would, for {@code kpbench dns}. */
    public DnsAnswer resolve(String name, DnsType type, String from) {
        Origin o = origin(from);
        return dns.resolve(name, type, o.namespace(), o.external());
    }

    /**
     * Sends {@code packets} packets of one connection from {@code from} to {@code to} and back; the endpoint
     * choice is seeded by {@code seed}. Throws {@link IllegalArgumentException} (one line) for bad input.
     */
    public Walk walk(String from, String to, int packets, long seed) {
        return walk(from, to, packets, seed, null);
    }

    /**
     * As {@link #walk(String, String, int, long)}, resolving a name to {@code family} only ({@code curl -4/-6});
     * null: either, IPv6 first ({@link WalkTarget}). An IPv6 load balancer address is refused with the reason: the
     * cloud LB model is IPv4.
     */
    public Walk walk(String from, String to, int packets, long seed, IpFamily family) {
        Origin o = origin(from);
        Destination d = Destination.parse(to);
        WalkTarget t = WalkTarget.of(dns, loadBalancer(), o, d, family);
        IpAddress dst = t.address();
        WalkTarget.checkNotIpv6LoadBalancer(network(), dst);
        IpAddress src = o.ip(dst.family());
        SplittableRandom random = new SplittableRandom(seed);
        int srcPort = 32768 + random.nextInt(28232);
        List<Walk.PacketWalk> out = new ArrayList<>();
        for (int i = 1; i <= packets; i++) {
            WalkRecorder rec = new WalkRecorder(this, o.label(), i == 1 ? t.dnsToken() : null);
            long r = engine.run(src.hi(), src.lo(), srcPort, dst.hi(), dst.lo(), d.port(), d.protocol().number(),
                    now, random.nextLong(), rec);
            now += PACKET_GAP_NANOS;
            out.add(rec.result(i, r));
        }
        return new Walk(o.label(), to, mode, t.dns(), out);
    }

    /** The proxy mode's name, as output shows it. */
    String mode() {
        return mode;
    }

    /** What kind of Service address each destination is, built on first use. */
    AddressKinds kinds() {
        if (kinds == null) {
            kinds = new AddressKinds(network(), loadBalancer());
        }
        return kinds;
    }
}
