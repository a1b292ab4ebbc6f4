package io.kpbench.path;

import io.kpbench.net.IpAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The internet's DNS as the model knows it: the cloud LBs' hostnames, each with one A record (what CoreDNS's
 * {@code forward} plugin and outside clients reach).
 */
public final class PublicDns {
    /** The TTL of an ELB name's records (AWS uses 60 s). */
    public static final int TTL = 60;

    private final Map<String, IpAddress> names;

    /** A resolver that knows {@code names}. */
    public PublicDns(Map<String, IpAddress> names) {
        this.names = Map.copyOf(names);
    }

    /** The records of {@code fqdn} (no trailing dot), or null when the name does not exist. */
    public List<DnsRecord> lookup(String fqdn, DnsType type) {
        IpAddress ip = names.get(fqdn.toLowerCase(Locale.ROOT));
        if (ip == null) {
            return null;
        }
        List<DnsRecord> out = new ArrayList<>();
        if (type == DnsType.A && ip.isV4() || type == DnsType.AAAA && !ip.isV4()) {
            out.add(new DnsRecord(fqdn + ".", TTL, type, ip.toString()));
        }
        return out;
    }
}
