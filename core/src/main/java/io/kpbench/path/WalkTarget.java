package io.kpbench.path;

import io.kpbench.cluster.LoadBalancerIngress;
import io.kpbench.cluster.Service;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import java.util.ArrayList;
import java.util.List;

/**
 * The address a walk connects to, and the DNS hops that found it.
 *
 * <p>A name is resolved as glibc's {@code getaddrinfo} with {@code AI_ADDRCONFIG} does: A is asked only when the
 * originator has an IPv4 address, AAAA only when it has an IPv6 one, and a dual-stack answer is tried IPv6 first
 * (glibc's default RFC 3484 policy table ranks {@code ::/0} at precedence 40 above IPv4-mapped
 * {@code ::ffff:0:0/96} at 10; curl's Happy Eyeballs, RFC 8305, also starts with IPv6). {@code family} forces one
 * family, as {@code curl -4}/{@code -6}.
 *
 * @param address the address connected to
 * @param dns the resolution hops, A records before AAAA (empty for an IP literal)
 * @param dnsToken the summary token of the resolution ({@code Cluster DNS (AAAA)}), or null for an IP literal
 */
record WalkTarget(IpAddress address, List<Hop> dns, String dnsToken) {
    /** Resolves {@code d} as {@code o} would; {@link IllegalArgumentException} with a one-line reason if it cannot. */
    static WalkTarget of(ClusterDns dns, CloudLoadBalancer lb, ClusterPath.Origin o, Destination d, IpFamily family) {
        IpAddress literal = d.ip();
        if (literal != null) {
            if (family != null && literal.family() != family) {
                throw new IllegalArgumentException("--to: '" + d.host() + "' is an " + literal.family()
                        + " address, but " + flag(family) + " asks for " + family);
            }
            return new WalkTarget(usable(o, literal, d.host()), List.of(), null);
        }
        boolean askA = family != IpFamily.IPv6 && o.ip() != null;
        boolean askAaaa = family != IpFamily.IPv4 && o.ip6() != null;
        if (!askA && !askAaaa) {
            throw new IllegalArgumentException("--to: " + o.label() + " has no " + family + " address to ask "
                    + (family == IpFamily.IPv6 ? "AAAA" : "A") + " records for (" + flag(family) + ")");
        }
        DnsAnswer a = askA ? dns.resolve(d.host(), DnsType.A, o.namespace(), o.external()) : null;
        DnsAnswer aaaa = askAaaa ? dns.resolve(d.host(), DnsType.AAAA, o.namespace(), o.external()) : null;
        IpAddress v4 = first(a, DnsType.A);
        IpAddress v6 = first(aaaa, DnsType.AAAA);
        IpAddress chosen = v6 != null ? v6 : v4;
        DnsAnswer used = v6 != null ? aaaa : a;
        if (chosen == null) {
            DnsAnswer why = a != null ? a : aaaa;
            throw new IllegalArgumentException("--to: cannot resolve '" + d.host() + "' from " + o.label() + ": "
                    + why.status() + " (" + why.server() + ")");
        }
        String q = used.question();
        boolean lbName = lb.hostnames().containsKey(q.substring(0, q.length() - 1));
        List<Hop> hops = new ArrayList<>();
        for (DnsAnswer ans : new DnsAnswer[] {a, aaaa}) {
            if (ans == null) {
                continue;
            }
            for (DnsRecord r : ans.answers()) {
                boolean pick = r.type() == used.type() && IpAddress.parse(r.data()).equals(chosen);
                hops.add(new Hop(HopKind.RESOLVE, o.label(), r.toString().replace('\t', ' '),
                        (lbName ? "load balancer DNS name" : ans.server()) + ", asked " + String.join(" ", ans.tried())
                        + (pick && v4 != null && v6 != null ? "; connects to this one (IPv6 first)" : "")));
            }
        }
        String server = used.server().startsWith("cluster") ? "Cluster DNS"
                : used.server().startsWith("VPC") ? "VPC DNS" : "Public DNS";
        return new WalkTarget(usable(o, chosen, d.host()), hops, server + " (" + used.type() + ")");
    }

    /** {@code ip}, unless the originator has no address of its family or it is an IPv6 LB frontend. */
    private static IpAddress usable(ClusterPath.Origin o, IpAddress ip, String host) {
        if (o.ip(ip.family()) == null) {
            throw new IllegalArgumentException("--to: '" + host + "' is " + ip.family() + ", but " + o.label()
                    + " has no " + ip.family() + " address");
        }
        return ip;
    }

    /** Throws when {@code ip} is an IPv6 address of a LoadBalancer's ingress: the cloud LB model is IPv4. */
    static void checkNotIpv6LoadBalancer(ClusterNetwork net, IpAddress ip) {
        if (ip.isV4()) {
            return;
        }
        for (Service s : net.snapshot().services().values()) {
            for (LoadBalancerIngress in : s.ingress()) {
                if (ip.equals(in.ip())) {
                    throw new IllegalArgumentException("--to: " + ip + " is the IPv6 load balancer address of "
                            + s.ref() + ", and the cloud LB model is IPv4 only (it forwards to NodePorts on "
                            + "instance targets; AWS's IPv6 target groups take only IP targets)");
                }
            }
        }
    }

    private static String flag(IpFamily family) {
        return family == IpFamily.IPv6 ? "-6" : "-4";
    }

    private static IpAddress first(DnsAnswer a, DnsType type) {
        if (a == null) {
            return null;
        }
        for (DnsRecord r : a.answers()) {
            if (r.type() == type) {
                return IpAddress.parse(r.data());
            }
        }
        return null;
    }
}
