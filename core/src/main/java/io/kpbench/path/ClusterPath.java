package io.kpbench.path;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.ObjectRef;
import io.kpbench.net.IpAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The cluster facade of the path model: nodes with their proxiers and conntrack tables, the cloud LBs, cluster
 * and public DNS, and {@link #walk} from a client, pod or node to a URL, name or address, there and back.
 *
 * <p>Originators: {@code client} is an outside host, {@value #CLIENT_IP}, resolving through public DNS only;
 * {@code pod/NS/NAME} is a pod of {@link ClusterNetwork#pods()} using cluster DNS with its namespace's search
 * path; {@code node/NAME} uses cluster DNS without a search path. Not thread-safe.
 */
public final class ClusterPath {
    /** The outside client's address (TEST-NET-3). */
    public static final String CLIENT_IP = "203.0.113.50";
    private static final long START_NANOS = 1_000_000_000L;
    private static final long PACKET_GAP_NANOS = 1_000_000L;

    private final String mode;
    private final ClusterNetwork network;
    private final CloudLoadBalancer lb;
    private final ClusterDns dns;
    private final PacketPath engine;
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
        this.mode = mode;
        this.network = new ClusterNetwork(cluster, factory, conntrackCapacity);
        this.lb = new CloudLoadBalancer(network, crossZone, conntrackCapacity);
        this.dns = new ClusterDns(cluster, new PublicDns(lb.hostnames()));
        this.engine = new PacketPath(network, lb, overlay);
    }

    /** The nodes and pods. */
    public ClusterNetwork network() {
        return network;
    }

    /** The cloud load balancers. */
    public CloudLoadBalancer loadBalancer() {
        return lb;
    }

    /** Cluster DNS (and, through it, public DNS). */
    public ClusterDns dns() {
        return dns;
    }

    /** The allocation-free engine, for benchmarks. */
    public PacketPath engine() {
        return engine;
    }

    /** An originator: its label, address, DNS namespace (null: none) and whether it is outside the cluster. */
    public record Origin(String label, IpAddress ip, String namespace, boolean external) {
    }

    /** Parses {@code client}, {@code pod/NS/NAME} or {@code node/NAME}; {@link IllegalArgumentException} if unknown. */
    public Origin origin(String from) {
        String f = from.trim();
        if (f.equals("client")) {
            return new Origin("client", IpAddress.parse(CLIENT_IP), null, true);
        }
        if (f.startsWith("pod/")) {
            String[] parts = f.split("/", -1);
            Pod p = parts.length == 3 ? network.pod(ObjectRef.of(parts[1], parts[2])) : null;
            if (p == null) {
                List<String> known = new ArrayList<>();
                network.pods().forEach(x -> known.add(x.label()));
                throw new IllegalArgumentException("--from: unknown pod '" + f + "' (known: "
                        + String.join(", ", known.subList(0, Math.min(8, known.size())))
                        + (known.size() > 8 ? ", ..." : "") + ")");
            }
            return new Origin(p.label(), p.ip(), p.ref().namespace(), false);
        }
        if (f.startsWith("node/")) {
            ClusterNode n = network.node(f.substring(5));
            if (n == null) {
                throw new IllegalArgumentException("--from: unknown node '" + f.substring(5) + "'");
            }
            return new Origin("node/" + n.name(), n.ip(), null, false);
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
        Origin o = origin(from);
        Destination d = Destination.parse(to);
        List<Hop> dnsHops = new ArrayList<>();
        IpAddress dst = d.ip();
        String dnsToken = null;
        if (dst == null) {
            DnsAnswer a = dns.resolve(d.host(), DnsType.A, o.namespace(), o.external());
            dst = lastA(a);
            if (dst == null) {
                throw new IllegalArgumentException("--to: cannot resolve '" + d.host() + "' from " + o.label()
                        + ": " + a.status() + " (" + a.server() + ")");
            }
            boolean lbName = lb.hostnames().containsKey(a.question().substring(0, a.question().length() - 1));
            dnsToken = lbName ? "Load Balancer DNS" : a.server().startsWith("cluster") ? "Cluster DNS" : "DNS";
            for (DnsRecord r : a.answers()) {
                dnsHops.add(new Hop(HopKind.RESOLVE, o.label(), r.toString().replace('\t', ' '),
                        (lbName ? "load balancer DNS name" : a.server()) + ", asked " + String.join(" ", a.tried())));
            }
        }
        if (!dst.isV4()) {
            throw new IllegalArgumentException("--to: '" + to + "': the path model is IPv4 only");
        }
        SplittableRandom random = new SplittableRandom(seed);
        int srcPort = 32768 + random.nextInt(28232);
        List<Walk.PacketWalk> out = new ArrayList<>();
        for (int i = 1; i <= packets; i++) {
            WalkRecorder rec = new WalkRecorder(engine, mode, o.label(), i == 1 ? dnsToken : null);
            long r = engine.run(o.ip().v4(), srcPort, dst.v4(), d.port(), d.protocol().number(), now,
                    random.nextLong(), rec);
            now += PACKET_GAP_NANOS;
            out.add(rec.result(i, r));
        }
        return new Walk(o.label(), to, mode, dnsHops, out);
    }

    private static IpAddress lastA(DnsAnswer a) {
        for (DnsRecord r : a.answers()) {
            if (r.type() == DnsType.A) {
                return IpAddress.parse(r.data());
            }
        }
        return null;
    }
}
