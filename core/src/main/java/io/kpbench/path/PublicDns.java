package io.kpbench.path;

import io.kpbench.net.IpAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The DNS outside the cluster as the model knows it: the public names (the cloud LBs' ingress hostnames and the
 * nodes' {@code ExternalDNS} names) and, asked from inside the VPC (CoreDNS's {@code forward} plugin on a node,
 * or a node itself), also the VPC resolver's names (the nodes' {@code InternalDNS} names and dotted
 * {@code Hostname}s, as AWS's {@code ip-10-0-1-5.ec2.internal}; see {@link NodeAddresses}).
 */
public final class PublicDns {
    /** The TTL of an ELB name's records (AWS uses 60 s); the model uses it for every name it knows. */
    public static final int TTL = 60;

    private final Map<String, List<IpAddress>> names;
    private final Map<String, List<IpAddress>> vpcNames;

    /** A resolver that knows {@code names}, each with one address. */
    public PublicDns(Map<String, IpAddress> names) {
        this.names = new LinkedHashMap<>();
        names.forEach((n, ip) -> this.names.put(n.toLowerCase(Locale.ROOT), List.of(ip)));
        this.vpcNames = Map.of();
    }

    private PublicDns(Map<String, List<IpAddress>> names, Map<String, List<IpAddress>> vpcNames) {
        this.names = names;
        this.vpcNames = vpcNames;
    }

    /** The names of {@code network}'s nodes and {@code lb}'s load balancers. */
    static PublicDns of(ClusterNetwork network, CloudLoadBalancer lb) {
        Map<String, List<IpAddress>> pub = new LinkedHashMap<>();
        Map<String, List<IpAddress>> vpc = new LinkedHashMap<>();
        lb.hostnames().forEach((n, ip) -> add(pub, n, List.of(ip)));
        for (ClusterNode n : network.nodes()) {
            add(pub, n.addresses().publicDns());
            add(vpc, n.addresses().vpc());
        }
        return new PublicDns(pub, vpc);
    }

    private static void add(Map<String, List<IpAddress>> m, NodeAddresses.Names names) {
        for (String name : names.names()) {
            add(m, name, names.addresses());
        }
    }

    private static void add(Map<String, List<IpAddress>> m, String name, List<IpAddress> ips) {
        List<IpAddress> l = m.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>());
        for (IpAddress ip : ips) {
            if (!l.contains(ip)) {
                l.add(ip);
            }
        }
    }

    /** The public records of {@code fqdn} (no trailing dot), or null when the name does not exist. */
    public List<DnsRecord> lookup(String fqdn, DnsType type) {
        return lookup(fqdn, type, false);
    }

    /** As {@link #lookup(String, DnsType)}, from inside the VPC ({@code fromVpc}) or from the internet. */
    public List<DnsRecord> lookup(String fqdn, DnsType type, boolean fromVpc) {
        String key = fqdn.toLowerCase(Locale.ROOT);
        List<IpAddress> ips = names.get(key);
        if (ips == null && fromVpc) {
            ips = vpcNames.get(key);
        }
        if (ips == null) {
            return null;
        }
        List<DnsRecord> out = new ArrayList<>();
        for (IpAddress ip : ips) {
            if (type == DnsType.A && ip.isV4() || type == DnsType.AAAA && !ip.isV4()) {
                out.add(new DnsRecord(fqdn + ".", TTL, type, ip.toString()));
            }
        }
        return out;
    }

    /** True when only the VPC resolver knows {@code fqdn}. */
    boolean vpcOnly(String fqdn) {
        String key = fqdn.toLowerCase(Locale.ROOT);
        return !names.containsKey(key) && vpcNames.containsKey(key);
    }
}
