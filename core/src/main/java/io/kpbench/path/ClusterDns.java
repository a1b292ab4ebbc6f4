package io.kpbench.path;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.Endpoint;
import io.kpbench.cluster.EndpointPort;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.ObjectRef;
import io.kpbench.cluster.Service;
import io.kpbench.cluster.ServicePort;
import io.kpbench.cluster.ServiceType;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cluster DNS as CoreDNS's {@code kubernetes} plugin answers it for {@code cluster.local}, forwarding other names to
 * {@link PublicDns}, with a pod's resolv.conf search path.
 *
 * <p>Records (the Kubernetes DNS specification): {@code svc.ns.svc.cluster.local} A/AAAA gives the ClusterIPs of
 * that family, or for a headless service the ready endpoints' IPs; {@code _port._proto.svc.ns.svc.cluster.local}
 * SRV gives {@code 0 w port svc.ns.svc.cluster.local.} (a headless service: one per ready endpoint, targeting
 * {@code hostname-or-dashed-ip.svc.ns.svc.cluster.local.}), w = 100 / records; an ExternalName service gives a
 * CNAME to its {@code externalName} (chased through public DNS for A/AAAA); {@code a-b-c-d.ns.pod.cluster.local}
 * gives the dashed IP ({@code pods insecure}). A name that exists without records of the type is NOERROR with an
 * empty answer (NODATA); anything else is NXDOMAIN. TTL 5 s (the plugin's default).
 *
 * <p>Search (glibc, {@code ndots:5}): a pod in {@code ns} has {@code ns.svc.cluster.local svc.cluster.local
 * cluster.local}; a name with a trailing dot is absolute; one with fewer than 5 dots tries the search domains
 * first, then itself; otherwise itself first. The first answer with records wins, else the first NODATA, else
 * NXDOMAIN.
 */
public final class ClusterDns {
    /** The cluster domain. */
    public static final String DOMAIN = "cluster.local";
    /** The kubernetes plugin's default TTL. */
    public static final int TTL = 5;
    private static final int NDOTS = 5;

    private final ClusterSnapshot cluster;
    private final PublicDns upstream;

    /** Cluster DNS over {@code cluster}, forwarding to {@code upstream}. */
    public ClusterDns(ClusterSnapshot cluster, PublicDns upstream) {
        this.cluster = cluster;
        this.upstream = upstream;
    }

    /** The public resolver (what an outside client uses). */
    public PublicDns upstream() {
        return upstream;
    }

    /**
     * Resolves {@code name} as a pod in {@code namespace} would (null: no search path, as a node or an absolute
     * query); {@code external} true resolves through public DNS only, as an outside client.
     */
    public DnsAnswer resolve(String name, DnsType type, String namespace, boolean external) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        boolean absolute = n.endsWith(".");
        String base = absolute ? n.substring(0, n.length() - 1) : n;
        List<String> candidates = new ArrayList<>();
        if (absolute || namespace == null || external) {
            candidates.add(base);
        } else {
            List<String> search = List.of(namespace + ".svc." + DOMAIN, "svc." + DOMAIN, DOMAIN);
            boolean asIsFirst = dots(base) >= NDOTS;
            if (asIsFirst) {
                candidates.add(base);
            }
            for (String s : search) {
                candidates.add(base + "." + s);
            }
            if (!asIsFirst) {
                candidates.add(base);
            }
        }
        List<String> tried = new ArrayList<>();
        DnsAnswer nodata = null;
        DnsAnswer last = null;
        for (String c : candidates) {
            tried.add(c + ".");
            DnsAnswer a = query(c, type, external);
            if (a.hasAnswers()) {
                return new DnsAnswer(a.question(), type, a.status(), a.answers(), a.server(), tried);
            }
            if (nodata == null && DnsAnswer.NOERROR.equals(a.status())) {
                nodata = a;
            }
            last = a;
        }
        DnsAnswer a = nodata != null ? nodata : last;
        return new DnsAnswer(a.question(), type, a.status(), a.answers(), a.server(), tried);
    }

    /** Answers one fully qualified name (no trailing dot), without search. */
    public DnsAnswer query(String fqdn, DnsType type, boolean external) {
        if (!external && (fqdn.equals(DOMAIN) || fqdn.endsWith("." + DOMAIN))) {
            List<DnsRecord> r = clusterRecords(fqdn, type);
            return answer(fqdn, type, r, "cluster DNS (CoreDNS kubernetes plugin)");
        }
        if (!external && upstream.vpcOnly(fqdn)) {
            return answer(fqdn, type, upstream.lookup(fqdn, type, true),
                    "VPC DNS (the VPC resolver CoreDNS forwards to)");
        }
        return answer(fqdn, type, upstream.lookup(fqdn, type), "public DNS");
    }

    private static DnsAnswer answer(String fqdn, DnsType type, List<DnsRecord> r, String server) {
        return new DnsAnswer(fqdn + ".", type, r == null ? DnsAnswer.NXDOMAIN : DnsAnswer.NOERROR,
                r == null ? List.of() : r, server, List.of(fqdn + "."));
    }

    private List<DnsRecord> clusterRecords(String fqdn, DnsType type) {
        String rel = fqdn.equals(DOMAIN) ? "" : fqdn.substring(0, fqdn.length() - DOMAIN.length() - 1);
        String[] l = rel.split("\\.");
        String owner = fqdn + ".";
        if (l.length == 3 && l[2].equals("pod")) {
            IpAddress ip = IpAddress.tryParse(l[0].replace('-', '.'));
            if (ip == null || !ip.isV4()) {
                return null;
            }
            return type == DnsType.A ? List.of(new DnsRecord(owner, TTL, type, ip.toString())) : List.of();
        }
        if (l.length == 3 && l[2].equals("svc")) {
            Service s = cluster.service(ObjectRef.of(l[1], l[0]));
            return s == null ? null : serviceRecords(s, owner, type);
        }
        if (l.length == 5 && l[4].equals("svc") && l[0].startsWith("_") && l[1].startsWith("_")) {
            Service s = cluster.service(ObjectRef.of(l[3], l[2]));
            if (s == null) {
                return null;
            }
            List<DnsRecord> srv = DnsSrv.records(cluster, s, owner, l[0].substring(1), l[1].substring(1));
            return srv == null ? null : type == DnsType.SRV ? srv : List.of();
        }
        return null;
    }

    private List<DnsRecord> serviceRecords(Service s, String owner, DnsType type) {
        List<DnsRecord> out = new ArrayList<>();
        if (s.type() == ServiceType.ExternalName) {
            String target = s.externalName().endsWith(".") ? s.externalName() : s.externalName() + ".";
            out.add(new DnsRecord(owner, TTL, DnsType.CNAME, target));
            if (type == DnsType.A || type == DnsType.AAAA) {
                List<DnsRecord> chased = upstream.lookup(target.substring(0, target.length() - 1), type);
                if (chased != null) {
                    out.addAll(chased);
                }
            }
            return out;
        }
        if (type == DnsType.SRV) {
            for (ServicePort p : s.ports()) {
                if (!p.name().isEmpty()) {
                    out.addAll(DnsSrv.records(cluster, s, owner, p.name(), p.protocol().lower()));
                }
            }
            return out;
        }
        if (type != DnsType.A && type != DnsType.AAAA) {
            return out;
        }
        IpFamily family = type == DnsType.A ? IpFamily.IPv4 : IpFamily.IPv6;
        if (s.headless()) {
            for (IpAddress ip : readyAddresses(cluster, s, family)) {
                out.add(new DnsRecord(owner, TTL, type, ip.toString()));
            }
        } else {
            for (IpAddress ip : s.clusterIPs()) {
                if (ip.family() == family) {
                    out.add(new DnsRecord(owner, TTL, type, ip.toString()));
                }
            }
        }
        return out;
    }

    static List<IpAddress> readyAddresses(ClusterSnapshot cluster, Service s, IpFamily family) {
        List<IpAddress> out = new ArrayList<>();
        for (EndpointSlice slice : cluster.slicesOf(s.ref())) {
            for (Endpoint e : slice.endpoints()) {
                if (e.isReady() && e.address().family() == family && !out.contains(e.address())) {
                    out.add(e.address());
                }
            }
        }
        return out;
    }

    static int port(EndpointSlice slice, String name) {
        for (EndpointPort p : slice.ports()) {
            if (p.name().equals(name)) {
                return p.port();
            }
        }
        return 0;
    }

    private static int dots(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            n += s.charAt(i) == '.' ? 1 : 0;
        }
        return n;
    }
}
