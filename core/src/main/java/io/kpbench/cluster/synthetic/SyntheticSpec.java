package io.kpbench.cluster.synthetic;

import io.kpbench.net.Cidr;
import io.kpbench.net.IpFamily;
import io.kpbench.net.Ports;

/**
 * The parameters of a seeded synthetic cluster, written {@code key=value,key=value} over the defaults; the
 * defaults follow kubeadm (service CIDR), flannel and kind (pod CIDR, node network).
 *
 * <table>
 * <caption>Keys</caption>
 * <tr><th>key</th><th>default</th><th>meaning</th></tr>
 * <tr><td>services</td><td>100</td><td>the number of services</td></tr>
 * <tr><td>endpoints</td><td>3</td><td>endpoints per service: {@code 10}, {@code uniform:1-100} or
 *     {@code zipf:1-1000:1.2} (see {@link CountDistribution})</td></tr>
 * <tr><td>nodes</td><td>3</td><td>the number of nodes, {@code node-0001}...</td></tr>
 * <tr><td>zones</td><td>3 (at most nodes)</td><td>zones {@code zone-a}, {@code zone-b}... given to nodes round robin (0: no zone
 *     label); at most {@code nodes}</td></tr>
 * <tr><td>namespaces</td><td>10</td><td>namespaces {@code ns-01}...; services go to them round robin</td></tr>
 * <tr><td>types</td><td>ClusterIP:1</td><td>the type mix, {@code ClusterIP:70+NodePort:20+LoadBalancer:10}
 *     ({@code +} between entries; see {@link TypeMix})</td></tr>
 * <tr><td>ports</td><td>1</td><td>ports per service, 1..100</td></tr>
 * <tr><td>local</td><td>0</td><td>share of NodePort and LoadBalancer services with externalTrafficPolicy
 *     Local</td></tr>
 * <tr><td>affinity</td><td>0</td><td>share of services with ClientIP session affinity (timeout 10800 s)</td></tr>
 * <tr><td>terminating</td><td>0</td><td>share of endpoints that are terminating (ready false, serving true)</td></tr>
 * <tr><td>hints</td><td>0</td><td>share of services whose endpoints carry a zone hint for their own zone</td></tr>
 * <tr><td>udp</td><td>0.1</td><td>share of service ports that are UDP (the rest are TCP)</td></tr>
 * <tr><td>seed</td><td>1</td><td>the random seed (any long)</td></tr>
 * <tr><td>serviceCidr</td><td>10.96.0.0/12</td><td>kube-apiserver's {@code --service-cluster-ip-range}, at most
 *     a /12</td></tr>
 * <tr><td>podCidr</td><td>10.244.0.0/16</td><td>the cluster's pod CIDR; widened when the pods do not fit</td></tr>
 * <tr><td>nodeCidr</td><td>172.18.0.0/16</td><td>the node network (kind's docker bridge); nodes from .2</td></tr>
 * <tr><td>lbCidr</td><td>auto</td><td>the LoadBalancer IP pool; auto is 203.0.113.0/24, or 100.64.0.0/10 past 254
 *     load balancers</td></tr>
 * <tr><td>nodePortRange</td><td>30000-32767</td><td>kube-apiserver's {@code --service-node-port-range}</td></tr>
 * </table>
 *
 * <p>The constructor checks everything that can be checked before generating, and every message starts with
 * the key at fault: {@code services: 2000000 services do not fit serviceCidr 10.96.0.0/12 (1048573 addresses)}.
 *
 * @param services the number of services
 * @param endpoints endpoints per service
 * @param nodes the number of nodes
 * @param zones the number of zones
 * @param namespaces the number of namespaces
 * @param types the service type mix
 * @param ports ports per service
 * @param local share of NodePort and LoadBalancer services with externalTrafficPolicy Local
 * @param affinity share of services with ClientIP affinity
 * @param terminating share of terminating endpoints
 * @param hints share of services with zone hints
 * @param udp share of UDP service ports
 * @param seed the random seed
 * @param serviceCidr the service CIDR
 * @param podCidr the pod CIDR, before widening
 * @param nodeCidr the node network
 * @param lbCidr the LoadBalancer pool, or null for auto
 * @param nodePortRange the node-port range
 */
public record SyntheticSpec(
        int services,
        CountDistribution endpoints,
        int nodes,
        int zones,
        int namespaces,
        TypeMix types,
        int ports,
        double local,
        double affinity,
        double terminating,
        double hints,
        double udp,
        long seed,
        Cidr serviceCidr,
        Cidr podCidr,
        Cidr nodeCidr,
        Cidr lbCidr,
        Ports.Range nodePortRange) {

    /** The smallest service CIDR prefix kube-apiserver accepts for IPv4 (its bitmap holds 2^20 addresses). */
    public static final int MIN_SERVICE_PREFIX = 12;
    /** The LoadBalancer pool while it suffices: TEST-NET-3 (RFC 5737). */
    public static final Cidr SMALL_LB_POOL = Cidr.parse("203.0.113.0/24");
    /** The LoadBalancer pool past 254 load balancers: shared address space (RFC 6598). */
    public static final Cidr LARGE_LB_POOL = Cidr.parse("100.64.0.0/10");

    /** Validates the parameters; messages name the key at fault. */
    public SyntheticSpec {
        require(services >= 0, "services", "must not be negative, got " + services);
        require(nodes >= 1, "nodes", "must be at least 1, got " + nodes);
        require(zones >= 0 && zones <= nodes, "zones", "must be in 0..nodes (" + nodes + "), got " + zones);
        require(namespaces >= 1 && namespaces <= 100_000, "namespaces", "must be in 1..100000, got " + namespaces);
        require(ports >= 1 && ports <= 100, "ports", "must be in 1..100, got " + ports);
        share("local", local);
        share("affinity", affinity);
        share("terminating", terminating);
        share("hints", hints);
        share("udp", udp);
        require(endpoints != null, "endpoints", "must be given");
        require(types != null, "types", "must be given");
        require(nodePortRange != null, "nodePortRange", "must be given");
        ipv4("serviceCidr", serviceCidr);
        ipv4("podCidr", podCidr);
        ipv4("nodeCidr", nodeCidr);
        require(lbCidr == null || lbCidr.family() == IpFamily.IPv4, "lbCidr", "must be an IPv4 CIDR or auto");
        require(serviceCidr.prefix() >= MIN_SERVICE_PREFIX, "serviceCidr",
                serviceCidr + " is larger than the /12 kube-apiserver accepts for IPv4");
        require(services <= usable(serviceCidr, 3), "services", services + " services do not fit serviceCidr "
                + serviceCidr + " (" + usable(serviceCidr, 3) + " addresses)");
        require(nodes <= usable(nodeCidr, 3), "nodes", nodes + " nodes do not fit nodeCidr " + nodeCidr + " ("
                + usable(nodeCidr, 3) + " addresses)");
        disjoint("podCidr", podCidr, "serviceCidr", serviceCidr);
        disjoint("nodeCidr", nodeCidr, "serviceCidr", serviceCidr);
        disjoint("nodeCidr", nodeCidr, "podCidr", podCidr);
        int[] byType = types.apportion(services);
        long nodePortsNeeded = (long) (byType[1] + byType[2]) * ports;
        require(nodePortsNeeded <= nodePortRange.size(), "types", (byType[1] + byType[2]) + " NodePort and "
                + "LoadBalancer services with " + ports + " port(s) each need " + nodePortsNeeded
                + " node ports, more than the " + nodePortRange.size() + " in " + nodePortRange);
        Cidr pool = lbPool(lbCidr, byType[2]);
        require(byType[2] <= usable(pool, 2), lbCidr == null ? "services" : "lbCidr", byType[2]
                + " LoadBalancer services do not fit the LoadBalancer pool " + pool);
        disjoint("lbCidr", pool, "serviceCidr", serviceCidr);
        disjoint("lbCidr", pool, "podCidr", podCidr);
        disjoint("lbCidr", pool, "nodeCidr", nodeCidr);
    }

    /** The defaults: 100 ClusterIP services of 3 endpoints on 3 nodes in 3 zones, seed 1. */
    public static SyntheticSpec defaults() {
        return SpecParser.parse("");
    }

    /**
     * Parses {@code key=value,...} over the defaults.
     *
     * @throws IllegalArgumentException with a one-line reason naming the key
     */
    public static SyntheticSpec parse(String text) {
        return SpecParser.parse(text);
    }

    /** The LoadBalancer pool in force: {@code lbCidr}, or the auto choice for {@code loadBalancers}. */
    static Cidr lbPool(Cidr lbCidr, int loadBalancers) {
        if (lbCidr != null) {
            return lbCidr;
        }
        return loadBalancers <= usable(SMALL_LB_POOL, 2) ? SMALL_LB_POOL : LARGE_LB_POOL;
    }

    /** The LoadBalancer pool this spec uses. */
    public Cidr effectiveLbPool() {
        return lbPool(lbCidr, types.apportion(services)[2]);
    }

    /** The addresses of {@code c} less {@code reserved} (network, broadcast, a gateway or the kubernetes VIP). */
    static long usable(Cidr c, int reserved) {
        return Math.max(0, (1L << c.hostBits()) - reserved);
    }

    /** The spec in its canonical {@code key=value,...} form, which parses back to an equal spec. */
    @Override
    public String toString() {
        return SpecParser.format(this);
    }

    private static void share(String key, double v) {
        require(v >= 0 && v <= 1, key, "must be a share in 0..1, got " + v);
    }

    private static void ipv4(String key, Cidr c) {
        require(c != null && c.family() == IpFamily.IPv4, key,
                "must be an IPv4 CIDR (only IPv4 clusters are generated)");
    }

    private static void disjoint(String key, Cidr a, String otherKey, Cidr b) {
        require(!a.overlaps(b), key, a + " overlaps " + otherKey + " " + b);
    }

    private static void require(boolean ok, String key, String reason) {
        if (!ok) {
            throw new IllegalArgumentException(key + ": " + reason);
        }
    }
}
