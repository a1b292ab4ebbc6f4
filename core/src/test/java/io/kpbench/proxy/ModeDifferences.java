package io.kpbench.proxy;

import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.proxy.Probe.Dst;
import io.kpbench.proxy.Probe.Src;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The documented ways each mode may treat a NEW packet differently from iptables (kube-proxy's default, the
 * reference): one row per difference, each a predicate over the situation and over what the mode did, with the
 * source that documents it. A difference between a mode and iptables that no row allows is a bug in one of them.
 *
 * <p>Only the behaviour kube-proxy's own packet tracers look at is compared: the verdict, the set of reachable
 * endpoints (order differs between modes) and, for DNAT, the masquerade decision. The same table is written out
 * in {@code core/README.md}, "How the modes differ".
 */
public final class ModeDifferences {
    /** What a row allows: the probe's situation, the iptables explanation and the mode's explanation. */
    @FunctionalInterface
    public interface Allowed {
        /** True when the difference is the documented one. */
        boolean test(Probe p, Explanation iptables, Explanation mode);
    }

    /**
     * One documented difference.
     *
     * @param mode the mode that differs
     * @param situation when it applies
     * @param modeDoes what the mode does
     * @param iptablesDoes what iptables does
     * @param source where the difference is documented
     * @param allowed the predicate
     */
    public record Difference(ProxyMode mode, String situation, String modeDoes, String iptablesDoes, String source,
            Allowed allowed) {
    }

    private static final String NFT = "kube-proxy pkg/proxy/nftables/proxier.go";
    private static final String IPT = "kube-proxy pkg/proxy/iptables/proxier.go";
    private static final String IPVS = "kube-proxy pkg/proxy/ipvs/proxier.go";
    private static final String EBPF = "proxy/ebpf/package-info.java";
    private static final String USER = "proxy/userspace/package-info.java";

    /** Every row, in the order of the README table. */
    public static final List<Difference> ALL = List.of(
            // --- nftables: kube-proxy pkg/proxy/nftables/proxier.go against the iptables proxier
            new Difference(ProxyMode.NFTABLES, "ClusterIP on a port the service does not define", "REJECT", "NONE",
                    NFT + " cluster-ips-check \"invalid ports of ClusterIPs\"",
                    (p, i, m) -> p.dst() == Dst.CLUSTER_IP_WRONG_PORT && verdict(m, Verdict.REJECT)),
            new Difference(ProxyMode.NFTABLES, "unallocated address in the service CIDR", "DROP", "NONE",
                    NFT + " cluster-ips-check \"unallocated ClusterIPs\"",
                    (p, i, m) -> p.dst() == Dst.UNALLOCATED_SERVICE_IP && verdict(m, Verdict.DROP)),
            new Difference(ProxyMode.NFTABLES, "NodePort on 127.0.0.1", "NONE (no localhost NodePorts)",
                    "as on the node IP (--iptables-localhost-nodeports, default true)",
                    NFT + " setupNFTables \"localhost NodePorts are not supported\"",
                    (p, i, m) -> p.dst() == Dst.NODE_PORT_LOCALHOST && verdict(m, Verdict.NONE)),
            new Difference(ProxyMode.NFTABLES, "NodePort on a secondary node IP, --nodeport-addresses unset",
                    "NONE (nodeport-ips holds the primary IP)", "as on the primary IP (addrtype LOCAL)",
                    NFT + " nodeport-ips (the primary node IPs when --nodeport-addresses is unset)",
                    (p, i, m) -> p.dst() == Dst.NODE_PORT_SECONDARY_IP && verdict(m, Verdict.NONE)),
            new Difference(ProxyMode.NFTABLES, "health-check node port", "NONE (no rule)",
                    "ACCEPT (filter KUBE-NODEPORTS)", IPT + " \"Capture healthCheckNodePorts\"; " + NFT + " has none",
                    (p, i, m) -> p.dst() == Dst.HEALTH_CHECK_NODE_PORT && verdict(m, Verdict.NONE)),
            new Difference(ProxyMode.NFTABLES, "LB VIP with source ranges and no endpoints, client outside them",
                    "DROP (firewall-check runs before the endpoints check)",
                    "REJECT (no KUBE-FW chain without endpoints)",
                    IPT + " usesFWChain := hasEndpoints && ...; " + NFT + " usesFWChain without hasEndpoints",
                    (p, i, m) -> firewalledWithoutEndpoints(p) && verdict(m, Verdict.DROP)),

            // --- IPVS: from its developer, checked against the IPVS proxier
            new Difference(ProxyMode.IPVS, "ClusterIP on a port the service does not define",
                    "REJECT (KUBE-IPVS-FILTER)", "NONE", IPVS + " KUBE-IPVS-FILTER; ipvs package developer",
                    (p, i, m) -> p.dst() == Dst.CLUSTER_IP_WRONG_PORT && verdict(m, Verdict.REJECT)),
            new Difference(ProxyMode.IPVS, "NodePort on 127.0.0.1", "NONE (no localhost NodePorts)",
                    "as on the node IP", "ipvs package developer",
                    (p, i, m) -> p.dst() == Dst.NODE_PORT_LOCALHOST && verdict(m, Verdict.NONE)),
            new Difference(ProxyMode.IPVS, "eTP=Local without local endpoints, external client",
                    "DNAT to the cluster endpoints, no masquerade", "DROP",
                    IPVS + " syncEndpoint (PR #97081); ipvs package developer",
                    (p, i, m) -> p.toExternalAddress() && p.externalLocal() && !p.hasLocalEndpoints()
                            && !p.fromPod() && !p.fromThisNode() && dnatTo(m, p.endpoints().cluster())
                            && !m.masquerade()),
            new Difference(ProxyMode.IPVS, "iTP=Local without local endpoints (ClusterIP)",
                    "REJECT when the port has no cluster endpoints, else DNAT to the cluster endpoints", "DROP",
                    IPVS + " syncEndpoint falls back to clusterEndpoints (PR #97081); developer table says REJECT",
                    (p, i, m) -> p.dst() == Dst.CLUSTER_IP && p.internalLocal() && !p.hasLocalEndpoints()
                            && (p.endpoints().cluster().isEmpty() ? verdict(m, Verdict.REJECT)
                                    : dnatTo(m, p.endpoints().cluster()))),
            new Difference(ProxyMode.IPVS, "eTP=Local, client is a pod or this node",
                    "no short-circuit: the local endpoints (cluster ones if none), node traffic not masqueraded",
                    "all cluster endpoints; node traffic masqueraded", "ipvs package developer",
                    (p, i, m) -> p.toExternalAddress() && p.externalLocal() && (p.fromPod() || p.fromThisNode())
                            && dnatTo(m, p.hasLocalEndpoints() ? p.endpoints().local() : p.endpoints().cluster())
                            && m.masquerade() == hairpin(p, m)),
            new Difference(ProxyMode.IPVS, "LB VIP with source ranges and no endpoints, client outside them",
                    "DROP (KUBE-SOURCE-RANGES-FIREWALL, filled whatever the endpoints)", "REJECT",
                    IPVS + " KUBE-LOAD-BALANCER-FW entries regardless of endpoints",
                    (p, i, m) -> firewalledWithoutEndpoints(p) && verdict(m, Verdict.DROP)),

            // --- eBPF (Cilium)
            new Difference(ProxyMode.EBPF, "ClusterIP from outside the cluster (external client, another node)",
                    "DROP (bpf-lb-external-clusterip=false)", "DNAT, masqueraded (or REJECT/DROP)", EBPF,
                    (p, i, m) -> isClusterIP(p) && !p.fromPod() && !p.fromThisNode() && verdict(m, Verdict.DROP)),
            new Difference(ProxyMode.EBPF, "client is a pod or this node (socket LB, internal scope)",
                    "the internal-scope endpoints (local ones with iTP=Local, REJECT if none), never masqueraded",
                    "per eTP with short-circuits; node and hairpin traffic masqueraded", EBPF,
                    (p, i, m) -> (p.fromPod() || p.fromThisNode()) && p.service() != null
                            && p.dst() != Dst.HEALTH_CHECK_NODE_PORT && p.dst() != Dst.NODE_PORT_LOCALHOST
                            && internalScope(p, m)),
            new Difference(ProxyMode.EBPF, "external client to a NodePort, LB VIP or externalIP",
                    "eTP=Local: local endpoints, REJECT if none; masquerade only when a backend is remote",
                    "eTP=Local: DROP without local endpoints; eTP=Cluster always masqueraded", EBPF,
                    (p, i, m) -> p.toExternalAddress() && p.dst() != Dst.NODE_PORT_LOCALHOST && !p.fromPod()
                            && !p.fromThisNode() && (p.dst() != Dst.LOAD_BALANCER || inRanges(p))
                            && externalScope(p, m)),
            new Difference(ProxyMode.EBPF, "LB VIP with source ranges and no endpoints, client outside them",
                    "DROP (source-range check before backend selection)", "REJECT",
                    EBPF + "; Cilium lb4_src_range_ok",
                    (p, i, m) -> firewalledWithoutEndpoints(p) && !p.fromPod() && !p.fromThisNode()
                            && verdict(m, Verdict.DROP)),
            new Difference(ProxyMode.EBPF, "health-check node port", "NONE (not modelled)", "ACCEPT", EBPF,
                    (p, i, m) -> p.dst() == Dst.HEALTH_CHECK_NODE_PORT && verdict(m, Verdict.NONE)),
            new Difference(ProxyMode.EBPF, "NodePort on 127.0.0.1", "NONE (NodePorts on node IPs only)",
                    "as on the node IP", "proxy/ebpf/EbpfCompiler.java",
                    (p, i, m) -> p.dst() == Dst.NODE_PORT_LOCALHOST && verdict(m, Verdict.NONE)),

            // --- userspace
            new Difference(ProxyMode.USERSPACE, "any service address (traffic policies, source ranges, topology "
                    + "hints and terminating endpoints ignored)",
                    "DNAT to every ready endpoint, always masqueraded; REJECT without ready endpoints",
                    "per policy, ranges, hints and the serving-terminating fallback", USER,
                    (p, i, m) -> p.service() != null && p.dst() != Dst.CLUSTER_IP_WRONG_PORT
                            && p.dst() != Dst.HEALTH_CHECK_NODE_PORT && p.dst() != Dst.NODE_PORT_LOCALHOST
                            && userspace(p, m)),
            new Difference(ProxyMode.USERSPACE, "health-check node port", "NONE (no rule)", "ACCEPT", USER,
                    (p, i, m) -> p.dst() == Dst.HEALTH_CHECK_NODE_PORT && verdict(m, Verdict.NONE)),
            new Difference(ProxyMode.USERSPACE, "NodePort on 127.0.0.1", "NONE (no localhost portal)",
                    "as on the node IP", USER,
                    (p, i, m) -> p.dst() == Dst.NODE_PORT_LOCALHOST && verdict(m, Verdict.NONE)));

    private ModeDifferences() {
    }

    /** The rows of {@code mode}. */
    public static List<Difference> of(ProxyMode mode) {
        return ALL.stream().filter(d -> d.mode() == mode).toList();
    }

    /** The first row of {@code mode} that allows the difference, or null. */
    public static Difference allowing(ProxyMode mode, Probe p, Explanation iptables, Explanation actual) {
        for (Difference d : ALL) {
            if (d.mode() == mode && d.allowed().test(p, iptables, actual)) {
                return d;
            }
        }
        return null;
    }

    /** True when two explanations agree on verdict, endpoint set and, for DNAT, masquerade. */
    public static boolean agree(Explanation a, Explanation b) {
        if (a.verdict() != b.verdict()) {
            return false;
        }
        if (a.verdict() != Verdict.DNAT) {
            return true;
        }
        return new HashSet<>(a.endpoints()).equals(new HashSet<>(b.endpoints())) && a.masquerade() == b.masquerade();
    }

    private static boolean verdict(Explanation m, Verdict v) {
        return m.verdict() == v;
    }

    private static boolean dnatTo(Explanation m, List<EndpointInfo> expected) {
        if (expected.isEmpty()) {
            return m.verdict() == Verdict.REJECT || m.verdict() == Verdict.DROP;
        }
        return m.verdict() == Verdict.DNAT && new HashSet<>(m.endpoints()).equals(names(expected));
    }

    private static Set<String> names(List<EndpointInfo> eps) {
        Set<String> out = new HashSet<>();
        eps.forEach(e -> out.add(e.toString()));
        return out;
    }

    private static IpAddress source(Probe p) {
        return new IpAddress(p.packet().srcHi(), p.packet().srcLo());
    }

    /** The source is one of the endpoints the mode reached (a pod reaching itself through the service). */
    private static boolean hairpin(Probe p, Explanation m) {
        String src = source(p).toString() + ":";
        return p.src() == Src.ENDPOINT_ITSELF && m.endpoints().stream().anyMatch(e -> e.startsWith(src));
    }

    private static boolean isClusterIP(Probe p) {
        return p.dst() == Dst.CLUSTER_IP;
    }

    private static boolean inRanges(Probe p) {
        if (!p.hasSourceRanges()) {
            return true;
        }
        IpAddress src = source(p);
        for (Cidr c : p.service().loadBalancerSourceRanges()) {
            if (c.contains(src)) {
                return true;
            }
        }
        return false;
    }

    /** An LB VIP with source ranges, no usable endpoint anywhere, and a client outside the ranges. */
    private static boolean firewalledWithoutEndpoints(Probe p) {
        return p.dst() == Dst.LOAD_BALANCER && p.hasSourceRanges() && !p.hasAnyEndpoints() && !inRanges(p);
    }

    /** Cilium's internal scope: iTP picks the backends; socket LB never masquerades. */
    private static boolean internalScope(Probe p, Explanation m) {
        if (p.dst() == Dst.CLUSTER_IP_WRONG_PORT) {
            return verdict(m, Verdict.NONE);
        }
        List<EndpointInfo> eps = p.internalLocal() ? p.endpoints().local() : clusterOrFallback(p);
        if (eps.isEmpty()) {
            return verdict(m, Verdict.REJECT);
        }
        return dnatTo(m, eps) && !m.masquerade();
    }

    /** Cilium's external scope: eTP picks the backends; SNAT only towards remote backends. */
    private static boolean externalScope(Probe p, Explanation m) {
        List<EndpointInfo> eps = p.externalLocal() ? p.endpoints().local() : clusterOrFallback(p);
        if (eps.isEmpty()) {
            return verdict(m, Verdict.REJECT);
        }
        boolean anyRemote = eps.stream().anyMatch(e -> !e.local());
        return dnatTo(m, eps) && m.masquerade() == anyRemote;
    }

    private static List<EndpointInfo> clusterOrFallback(Probe p) {
        return p.endpoints().cluster();
    }

    /** The userspace proxy: every ready endpoint, round robin, from the node (masquerade). */
    private static boolean userspace(Probe p, Explanation m) {
        List<EndpointInfo> ready = new ArrayList<>();
        for (EndpointInfo e : p.allEndpoints()) {
            if (e.ready()) {
                ready.add(e);
            }
        }
        if (ready.isEmpty()) {
            return verdict(m, Verdict.REJECT);
        }
        return dnatTo(m, ready) && m.masquerade();
    }
}
