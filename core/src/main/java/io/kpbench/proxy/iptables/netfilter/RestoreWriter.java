package io.kpbench.proxy.iptables.netfilter;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.ObjectRef;
import io.kpbench.net.IpAddress;
import io.kpbench.proxy.ServicePortEndpoints;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes the iptables-restore input of one kube-proxy sync, as {@code syncProxyRules} in
 * {@code pkg/proxy/iptables/proxier.go} does: the static chains, every service port's rules, flush-and-delete of
 * stale per-service nat chains, and the KUBE-NODEPORTS tail call; a partial sync re-emits only the per-service
 * chains of {@code changed} services.
 */
public final class RestoreWriter {
    /** kube-proxy's {@code largeClusterEndpointsThreshold}. */
    static final int LARGE_CLUSTER_ENDPOINTS = 1000;

    private final ProxierSettings cfg;

    public RestoreWriter(ProxierSettings cfg) {
        this.cfg = cfg;
    }

    /**
     * The restore input for {@code cluster}.
     *
     * @param changed the services to re-emit, or null for a full sync
     * @param existingNatChains the nat chains the kernel holds (what kube-proxy reads with iptables-save)
     * @param out empty buffers, {@link RestoreBuffers#forText()} or {@link RestoreBuffers#forCompiling()}
     */
    public RestoreBuffers write(ClusterSnapshot cluster, Set<ObjectRef> changed, Set<String> existingNatChains,
            RestoreBuffers out) {
        for (String c : new String[] {"KUBE-SERVICES", "KUBE-EXTERNAL-SERVICES", "KUBE-FORWARD", "KUBE-NODEPORTS",
                "KUBE-PROXY-FIREWALL"}) {
            out.filterChains.writeChain(c);
        }
        for (String c : new String[] {"KUBE-SERVICES", "KUBE-NODEPORTS", "KUBE-POSTROUTING", "KUBE-MARK-MASQ"}) {
            out.natChains.writeChain(c);
        }
        String mm = cfg.masqMark;
        out.natRules.write("-A KUBE-POSTROUTING -m mark ! --mark " + mm + "/" + mm + " -j RETURN");
        out.natRules.write("-A KUBE-POSTROUTING -j MARK --xor-mark " + mm);
        out.natRules.write(RuleLine.append("KUBE-POSTROUTING").comment("kubernetes service traffic requiring SNAT")
                .jump("MASQUERADE").toString());
        out.natRules.write("-A KUBE-MARK-MASQ -j MARK --or-mark " + mm);
        if (!cfg.ipv6 && cfg.localhostNodePorts) {
            out.filterChains.writeChain("KUBE-FIREWALL");
            out.filterRules.write(RuleLine.append("KUBE-FIREWALL").comment("block incoming localnet connections")
                    .a("-d", "127.0.0.0/8", "!", "-s", "127.0.0.0/8", "-m", "conntrack", "!", "--ctstate",
                            "RELATED,ESTABLISHED,DNAT")
                    .jump("DROP").toString());
        }

        List<ServicePortEndpoints> ports = ServicePortEndpoints.of(cluster, cfg.family, cfg.node);
        int totalEndpoints = 0;
        for (ServicePortEndpoints port : ports) {
            totalEndpoints += port.endpoints().size();
        }
        boolean large = totalEndpoints > LARGE_CLUSTER_ENDPOINTS;
        ServicePortWriter writer = new ServicePortWriter(cfg, large);
        for (ServicePortEndpoints port : ports) {
            boolean emit = changed == null || changed.contains(port.info().name().service());
            writer.write(port, out, emit);
        }

        if (!large || changed == null) {
            for (String chain : new TreeSet<>(existingNatChains)) {
                if (ChainNames.isServiceChain(chain) && !out.activeNatChains.contains(chain)) {
                    out.natChains.writeChain(chain);
                    out.natRules.write("-X " + chain);
                    out.deletedChains++;
                }
            }
        }

        String tail = "kubernetes service nodeports; NOTE: this must be the last rule in this chain";
        if (cfg.nodePortsMatchAll) {
            RuleLine l = RuleLine.append("KUBE-SERVICES").comment(tail).a("-m", "addrtype", "--dst-type", "LOCAL");
            if (cfg.ipv6) {
                l.a("!", "-d", "::1/128");
            } else if (!cfg.localhostNodePorts) {
                l.a("!", "-d", "127.0.0.0/8");
            }
            out.natRules.write(l.jump("KUBE-NODEPORTS").toString());
        } else {
            for (IpAddress ip : cfg.nodePortIPs) {
                if (ip.isLoopback() && (cfg.ipv6 || !cfg.localhostNodePorts)) {
                    continue;
                }
                out.natRules.write(RuleLine.append("KUBE-SERVICES").comment(tail).a("-d", ip.toString())
                        .jump("KUBE-NODEPORTS").toString());
            }
        }
        out.filterRules.write("-A KUBE-FORWARD -m conntrack --ctstate INVALID -m nfacct --nfacct-name "
                + "ct_state_invalid_dropped_pkts -j DROP");
        out.filterRules.write(RuleLine.append("KUBE-FORWARD").comment("kubernetes forwarding rules")
                .a("-m", "mark", "--mark", mm + "/" + mm).jump("ACCEPT").toString());
        out.filterRules.write(RuleLine.append("KUBE-FORWARD").comment("kubernetes forwarding conntrack rule")
                .a("-m", "conntrack", "--ctstate", "RELATED,ESTABLISHED").jump("ACCEPT").toString());
        return out;
    }
}
