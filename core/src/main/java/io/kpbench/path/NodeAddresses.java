package io.kpbench.path;

import io.kpbench.cluster.Node;
import io.kpbench.cluster.NodeAddress;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Node's {@code status.addresses} as a cloud node has them: which addresses are on its interfaces, which reach
 * it only through the provider's 1:1 NAT, and which names resolve where.
 *
 * <p>On AWS, GCP and Azure a VM's public IPv4 address is not configured on the VM: the provider translates it
 * one-to-one to the VM's private address on the way in and back on the way out (the AWS VPC User Guide,
 * "Internet gateways": an internet gateway serves "to perform network address translation (NAT) for instances
 * that have been assigned public IPv4 addresses"; GCP's external IPv4 addresses and Azure's instance-level public
 * IPs are documented the same way, the guest OS seeing only its internal address).
 * So a node's IPv4 {@code ExternalIP} is NATed to its primary IPv4 {@code InternalIP} (all of them to that one:
 * the Node object does not say which private address each maps to), unless the node has no IPv4 InternalIP, when
 * it is the node's own address (bare metal). IPv6 addresses are never NATed by these providers (they are global
 * and configured on the interface), so every IPv6 InternalIP and ExternalIP is local. {@code ExternalDNS} names
 * resolve publicly to the ExternalIPs; {@code InternalDNS} names, and a {@code Hostname} that is a dotted DNS name
 * (AWS's {@code ip-10-0-1-5.ec2.internal}), resolve only inside the VPC, to the InternalIPs; a bare hostname does
 * not resolve.
 *
 * @param ip the primary IPv4 (the first InternalIP, else the first ExternalIP), or null
 * @param ip6 the primary IPv6 (the first InternalIP, else the first ExternalIP), or null
 * @param local every address on the node's interfaces, each family's primary first
 * @param natted the IPv4 ExternalIPs the provider's NAT translates to {@code ip}
 * @param vpc what the VPC resolver answers: InternalDNS names and dotted Hostnames, to the InternalIPs
 * @param publicDns what public DNS answers: ExternalDNS names, to the ExternalIPs
 */
public record NodeAddresses(IpAddress ip, IpAddress ip6, List<IpAddress> local, List<IpAddress> natted, Names vpc,
        Names publicDns) {
    /** The API's InternalDNS address type. */
    static final String INTERNAL_DNS = "InternalDNS";
    /** The API's ExternalDNS address type. */
    static final String EXTERNAL_DNS = "ExternalDNS";

    /** Copies the lists. */
    public NodeAddresses {
        local = List.copyOf(local);
        natted = List.copyOf(natted);
    }

    /**
     * One resolver's view of a node: each of {@code names} resolves to all of {@code addresses}.
     *
     * @param names the node's names in this resolver, lower case
     * @param addresses the addresses each of them resolves to
     */
    public record Names(List<String> names, List<IpAddress> addresses) {
        /** Copies the lists. */
        public Names {
            names = List.copyOf(names);
            addresses = List.copyOf(addresses);
        }
    }

    /** The addresses of {@code n}. */
    static NodeAddresses of(Node n) {
        IpAddress v4 = n.primaryIP(IpFamily.IPv4);
        IpAddress v6 = n.primaryIP(IpFamily.IPv6);
        boolean v4Internal = has(n, NodeAddress.INTERNAL_IP, IpFamily.IPv4);
        List<IpAddress> local = new ArrayList<>();
        List<IpAddress> natted = new ArrayList<>();
        List<IpAddress> internal = new ArrayList<>();
        List<IpAddress> external = new ArrayList<>();
        List<String> vpcNames = new ArrayList<>();
        List<String> publicNames = new ArrayList<>();
        addIfAbsent(local, v4);
        addIfAbsent(local, v6);
        for (NodeAddress a : n.addresses()) {
            String type = a.type();
            if (a.ip() != null && NodeAddress.INTERNAL_IP.equals(type)) {
                addIfAbsent(local, a.ip());
                addIfAbsent(internal, a.ip());
            } else if (a.ip() != null && NodeAddress.EXTERNAL_IP.equals(type)) {
                boolean nat = a.ip().isV4() && v4Internal;
                if (nat && !local.contains(a.ip())) {
                    addIfAbsent(natted, a.ip());
                } else {
                    addIfAbsent(local, a.ip());
                }
                addIfAbsent(external, a.ip());
            } else if (a.address() != null && (INTERNAL_DNS.equals(type)
                    || NodeAddress.HOSTNAME.equals(type) && a.address().indexOf('.') > 0)) {
                addIfAbsent(vpcNames, a.address().toLowerCase(Locale.ROOT));
            } else if (a.address() != null && EXTERNAL_DNS.equals(type)) {
                addIfAbsent(publicNames, a.address().toLowerCase(Locale.ROOT));
            }
        }
        return new NodeAddresses(v4, v6, local, natted, new Names(vpcNames, internal),
                new Names(publicNames, external));
    }

    private static boolean has(Node n, String type, IpFamily family) {
        for (NodeAddress a : n.addresses()) {
            if (type.equals(a.type()) && a.ip() != null && a.ip().family() == family) {
                return true;
            }
        }
        return false;
    }

    private static <T> void addIfAbsent(List<T> list, T item) {
        if (item != null && !list.contains(item)) {
            list.add(item);
        }
    }
}
