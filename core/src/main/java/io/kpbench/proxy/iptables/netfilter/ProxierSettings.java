package io.kpbench.proxy.iptables.netfilter;

import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.NodeConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-family settings a single-stack iptables proxier derives from its {@link NodeConfig}, as kube-proxy's
 * {@code NewProxier} derives them: the masquerade mark text, the local-traffic detector CIDR, the primary node IP,
 * the effective localhost-NodePorts switch and the NodePort destination addresses.
 */
public final class ProxierSettings {
    final NodeConfig node;
    final IpFamily family;
    final boolean ipv6;
    final String masqMark;
    final Cidr localCidr;
    final IpAddress nodeIP;
    final boolean localhostNodePorts;
    final boolean nodePortsMatchAll;
    final List<IpAddress> nodePortIPs;

    public ProxierSettings(NodeConfig node, IpFamily family) {
        this.node = node;
        this.family = family;
        this.ipv6 = family == IpFamily.IPv6;
        this.masqMark = "0x" + Integer.toHexString(node.masqueradeMark());
        List<Cidr> detector = node.clusterCIDRs(family);
        this.localCidr = detector.isEmpty() ? null : detector.get(0);
        this.nodeIP = node.primaryIP(family);
        List<Cidr> npa = new ArrayList<>();
        for (Cidr c : node.nodePortAddresses()) {
            if (c.family() == family) {
                npa.add(c);
            }
        }
        this.nodePortsMatchAll = npa.isEmpty();
        IpAddress loopback = ipv6 ? IpAddress.parse("::1") : IpAddress.parse("127.0.0.1");
        boolean containsV4Loopback = !ipv6 && (nodePortsMatchAll || anyContains(npa, loopback));
        this.localhostNodePorts = node.localhostNodePorts() && containsV4Loopback;
        List<IpAddress> ips = new ArrayList<>();
        if (!nodePortsMatchAll) {
            List<IpAddress> candidates = new ArrayList<>(node.nodeIPs(family));
            candidates.add(loopback);
            for (IpAddress ip : candidates) {
                if (anyContains(npa, ip) && !ips.contains(ip)) {
                    ips.add(ip);
                }
            }
        }
        this.nodePortIPs = List.copyOf(ips);
    }

    private static boolean anyContains(List<Cidr> cidrs, IpAddress ip) {
        for (Cidr c : cidrs) {
            if (c.contains(ip)) {
                return true;
            }
        }
        return false;
    }

    /** The detector's "is local" match, {@code -s <cidr>}. */
    String[] ifLocal() {
        return new String[] {"-s", localCidr.toString()};
    }

    /** The detector's "is not local" match, {@code ! -s <cidr>}. */
    String[] ifNotLocal() {
        return new String[] {"!", "-s", localCidr.toString()};
    }
}
