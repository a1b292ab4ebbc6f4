package io.kpbench.plan;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.growth.ClusterGrowth;
import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.EndpointInfo;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.ServicePortEndpoints;
import io.kpbench.proxy.ServicePortInfo;
import io.kpbench.proxy.SyncStats;
import io.kpbench.proxy.iptables.IptablesDataPlane;
import io.kpbench.proxy.nftables.NftablesDataPlane;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What one node's proxier programs for a cluster, counted by the model: the iptables proxier's full restore
 * (rules, lines, bytes), the nftables proxier's full transaction (rules, set and map elements), the frontends
 * (one IPVS virtual server or Maglev table each), Cilium's service-map and backend-map entries and service IDs
 * counted as the eBPF compiler writes them ({@code lbmap.UpsertService}: a master entry plus one slot per backend
 * per frontend and scope; one backend entry per distinct {@code ip:port/proto}; one rev-NAT ID per frontend
 * address), and the node ports the API server hands out.
 *
 * @param iptablesRules rules of the installed ruleset, over both tables
 * @param iptablesLines lines of the full iptables-restore input
 * @param iptablesBytes bytes of the full iptables-restore input
 * @param nftablesRules rules of the full nftables transaction
 * @param nftablesElements set and map elements of the full nftables transaction
 * @param frontends ClusterIP, NodePort per node address, externalIP and LoadBalancer VIP per service port: IPVS
 *     virtual servers, and Maglev tables with Maglev
 * @param ciliumServiceEntries Cilium service-map entries (master entries plus backend slots)
 * @param ciliumBackends Cilium backend-map entries
 * @param ciliumServiceIds Cilium service IDs, one per frontend address (with the {@code 0.0.0.0:nodePort}
 *     surrogate the socket LB matches)
 * @param nodePorts node ports in use, service ports' and health-check
 */
public record ClusterCounts(long iptablesRules, long iptablesLines, long iptablesBytes, long nftablesRules,
        long nftablesElements, long frontends, long ciliumServiceEntries, long ciliumBackends, long ciliumServiceIds,
        long nodePorts) {

    /** Counts {@code cluster} for a proxier on {@code node} for {@code family}. */
    public static ClusterCounts of(ClusterSnapshot cluster, NodeConfig node, IpFamily family) {
        IptablesDataPlane ipt = new IptablesDataPlane(node, family);
        ipt.sync(cluster);
        String restore = ipt.lastRestoreInput();
        long lines = restore.chars().filter(ch -> ch == '\n').count()
                + (restore.isEmpty() || restore.endsWith("\n") ? 0 : 1);
        SyncStats nft = new NftablesDataPlane(node, family).sync(cluster);
        List<IpAddress> nodePortAddresses = nodePortAddresses(node, family);
        long frontends = 0;
        long entries = 0;
        Set<String> backends = new HashSet<>();
        Set<String> seen = new HashSet<>();
        IpAddress any = family == IpFamily.IPv4 ? IpAddress.ofV4(0) : new IpAddress(0L, 0L);
        for (ServicePortEndpoints sp : ServicePortEndpoints.of(cluster, family, node)) {
            ServicePortInfo spi = sp.info();
            String proto = "/" + spi.protocol().name();
            for (EndpointInfo ep : sp.endpoints()) {
                if (ep.ready() || ep.serving() && ep.terminating()) {
                    backends.add(ep.ip().withPort(ep.port()) + proto);
                }
            }
            int local = sp.categorized().local().size();
            int all = sp.categorized().cluster().size();
            int internal = spi.internalPolicyLocal() ? local : all;
            int external = spi.externalPolicyLocal() ? local : all;
            int extEntries = 1 + external + (spi.externalPolicyLocal() != spi.internalPolicyLocal() ? 1 + internal : 0);
            List<String> externals = new ArrayList<>();
            entries += frontend(seen, spi.clusterIP().withPort(spi.port()) + proto, 1 + internal);
            frontends++;
            if (spi.nodePort() != 0) {
                entries += frontend(seen, any.withPort(spi.nodePort()) + proto, extEntries);
                for (IpAddress ip : nodePortAddresses) {
                    externals.add(ip.withPort(spi.nodePort()) + proto);
                }
            }
            for (IpAddress ip : spi.externalIPs()) {
                externals.add(ip.withPort(spi.port()) + proto);
            }
            for (IpAddress ip : spi.loadBalancerVIPs()) {
                externals.add(ip.withPort(spi.port()) + proto);
            }
            for (String key : externals) {
                entries += frontend(seen, key, extEntries);
                frontends++;
            }
        }
        return new ClusterCounts(ipt.ruleCount(), lines, restore.getBytes(StandardCharsets.UTF_8).length,
                nft.rules(), nft.mapElements(), frontends, entries, backends.size(), seen.size(),
                ClusterGrowth.nodePortsPerCopy(cluster));
    }

    /** The entries of one frontend, or 0 when its address is already a frontend (the compiler skips it). */
    private static int frontend(Set<String> seen, String key, int entries) {
        return seen.add(key) ? entries : 0;
    }

    /** The node addresses NodePorts listen on: those inside {@code --nodeport-addresses}, all when none given. */
    private static List<IpAddress> nodePortAddresses(NodeConfig node, IpFamily family) {
        List<IpAddress> out = new ArrayList<>();
        for (IpAddress ip : node.nodeIPs(family)) {
            boolean selected = node.nodePortAddresses().isEmpty();
            for (Cidr c : node.nodePortAddresses()) {
                selected |= c.contains(ip);
            }
            if (selected) {
                out.add(ip);
            }
        }
        return out;
    }
}
