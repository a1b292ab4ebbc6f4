package io.kpbench.proxy.ipvs;

import io.kpbench.net.IpAddress;
import java.util.List;

/**
 * The IPv6 text forms {@link IpvsRender} needs: {@code ipset list} members of {@code family inet6} sets, read
 * from their wide tuples, and the {@code KUBE-IPVS-OUT-FILTER} rules of an ip6tables-restore input.
 *
 * <p>Source: ipset's list output for inet6 sets prints addresses without brackets ({@code 2020::1,tcp:80},
 * {@code 2020::1,tcp:80,2001:db8::/64}).
 */
final class IpvsRender6 {
    private IpvsRender6() {
    }

    /** One member of an IPv6 set as {@code ipset list} prints it. */
    static String member(String type, long[] m) {
        switch (type) {
            case "bitmap:port":
                return String.valueOf(m[0]);
            case "hash:ip":
                return new IpAddress(m[0], m[1]).toString();
            default:
                break;
        }
        String head = ServiceKey.ipset(new IpAddress(m[0], m[1]).toString(), (int) (m[2] >>> 16) & 0xFF,
                (int) m[2] & 0xFFFF);
        if (type.equals("hash:ip,port")) {
            return head;
        }
        String second = new IpAddress(m[3], m[4]).toString();
        return type.endsWith(",net") ? head + "," + second + "/" + (m[2] >>> 32) : head + "," + second;
    }

    /** The out-filter rules of (hi, lo, proto-port) triples. */
    static void outFilter(long[] triples, List<String> filter) {
        for (int i = 0; i < triples.length; i += 3) {
            String ip = new IpAddress(triples[i], triples[i + 1]).toString();
            long pp = triples[i + 2];
            filter.add(IpvsRender.outFilterRule(ip, (int) (pp >>> 16) & 0xFF, (int) pp & 0xFFFF));
        }
    }
}
