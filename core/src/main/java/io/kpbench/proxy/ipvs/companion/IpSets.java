package io.kpbench.proxy.ipvs.companion;

import io.kpbench.net.Cidr;
import io.kpbench.proxy.ipvs.kernel.AddressBook;
import io.kpbench.proxy.ipvs.kernel.ServiceKey;
import io.kpbench.table.LinearProbeLongTupleSet;
import java.util.HashMap;
import java.util.Map;

/**
 * The ipsets kube-proxy maintains in IPVS mode, each a primitive hash set, with reference counts on the control
 * plane so that entries shared by several services (a pod port behind two services) stay until the last goes.
 *
 * <p>Source: kube-proxy {@code pkg/proxy/ipvs/ipset.go} and {@code proxier.go} ({@code ipsetInfo}: names,
 * types and comments). Keys: {@code hash:ip,port} = packed (ip, proto, port); {@code hash:ip,port,ip} adds the
 * second IP; {@code hash:ip,port,net} adds (masked net, prefix) and is matched once per prefix length present,
 * most specific first, as the kernel's {@code nets[]} walk does; {@code bitmap:port} = the port;
 * {@code hash:ip} = the address.
 *
 * <p>An IPv6 proxier's sets are {@code family inet6} and named as kube-proxy's {@code NewIPSet} names them:
 * {@code KUBE-} becomes {@code KUBE-6-}, cut to ipset's 31 characters ({@code KUBE-6-LOAD-BALANCER-SOURCE-CID},
 * {@code KUBE-6-NODE-PORT-LOCAL-SCTP-HAS}), bitmap sets included. Control-plane entries name addresses by their
 * {@link AddressBook} id; {@link #ref} stores IPv6 members with their full addresses as wide tuples
 * (hi, lo, proto-port[, hi2, lo2]), IPv4 members as one or two packed longs. The matches take a packet's
 * addresses as (hi, lo) halves in either family and build the member the way its set stores it, so the
 * companion rules walk one path for both families.
 */
public final class IpSets {
    public static final int LOOP_BACK = 0;
    public static final int CLUSTER_IP = 1;
    public static final int EXTERNAL_IP = 2;
    public static final int EXTERNAL_IP_LOCAL = 3;
    public static final int LOAD_BALANCER = 4;
    public static final int LOAD_BALANCER_FW = 5;
    public static final int LOAD_BALANCER_LOCAL = 6;
    public static final int LOAD_BALANCER_SOURCE_IP = 7;
    public static final int LOAD_BALANCER_SOURCE_CIDR = 8;
    public static final int NODE_PORT_TCP = 9;
    public static final int NODE_PORT_LOCAL_TCP = 10;
    public static final int NODE_PORT_UDP = 11;
    public static final int NODE_PORT_LOCAL_UDP = 12;
    public static final int NODE_PORT_SCTP = 13;
    public static final int NODE_PORT_LOCAL_SCTP = 14;
    public static final int HEALTH_CHECK_NODE_PORT = 15;
    public static final int IPVS_IPS = 16;

    /** kube-proxy's set names (IPv4). */
    public static final String[] NAMES = {"KUBE-LOOP-BACK", "KUBE-CLUSTER-IP", "KUBE-EXTERNAL-IP", "KUBE-EXTERNAL-IP-LOCAL",
        "KUBE-LOAD-BALANCER", "KUBE-LOAD-BALANCER-FW", "KUBE-LOAD-BALANCER-LOCAL", "KUBE-LOAD-BALANCER-SOURCE-IP",
        "KUBE-LOAD-BALANCER-SOURCE-CIDR", "KUBE-NODE-PORT-TCP", "KUBE-NODE-PORT-LOCAL-TCP", "KUBE-NODE-PORT-UDP",
        "KUBE-NODE-PORT-LOCAL-UDP", "KUBE-NODE-PORT-SCTP-HASH", "KUBE-NODE-PORT-LOCAL-SCTP-HASH",
        "KUBE-HEALTH-CHECK-NODE-PORT", "KUBE-IPVS-IPS"};
    /** The set types. */
    public static final String[] TYPES = {"hash:ip,port,ip", "hash:ip,port", "hash:ip,port", "hash:ip,port",
        "hash:ip,port", "hash:ip,port", "hash:ip,port", "hash:ip,port,ip", "hash:ip,port,net", "bitmap:port",
        "bitmap:port", "bitmap:port", "bitmap:port", "hash:ip,port", "hash:ip,port", "bitmap:port", "hash:ip"};
    /** The set comments. */
    public static final String[] COMMENTS = {
        "Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose",
        "Kubernetes service cluster ip + port for masquerade purpose",
        "Kubernetes service external ip + port for masquerade and filter purpose",
        "Kubernetes service external ip + port with externalTrafficPolicy=local",
        "Kubernetes service lb portal",
        "Kubernetes service load balancer ip + port for load balancer with sourceRange",
        "Kubernetes service load balancer ip + port with externalTrafficPolicy=local",
        "Kubernetes service load balancer ip + port + source IP for packet filter purpose",
        "Kubernetes service load balancer ip + port + source cidr for packet filter purpose",
        "Kubernetes nodeport TCP port for masquerade purpose",
        "Kubernetes nodeport TCP port with externalTrafficPolicy=local",
        "Kubernetes nodeport UDP port for masquerade purpose",
        "Kubernetes nodeport UDP port with externalTrafficPolicy=local",
        "Kubernetes nodeport SCTP port for masquerade purpose with type 'hash ip:port'",
        "Kubernetes nodeport SCTP port with externalTrafficPolicy=local with type 'hash ip:port'",
        "Kubernetes health check node port",
        "Addresses on the ipvs interface"};

    /**
     * One entry as the control plane names it.
     *
     * @param set the set index ({@link #CLUSTER_IP}, ...)
     * @param a the member's first key: packed (address id, proto, port), a port, or an address id
     * @param b the second key ({@code hash:ip,port,ip}/{@code ,net}), else 0
     */
    public record Entry(int set, long a, long b) {
    }

    private final LinearProbeLongTupleSet[] sets = new LinearProbeLongTupleSet[NAMES.length];
    private final AddressBook book;
    final String[] names = new String[NAMES.length];
    private final boolean v6;
    private final int[] sourceCidrPrefixes = new int[129];
    private final Map<Entry, Integer> refs = new HashMap<>();

    /** Empty sets of {@code book}'s family. */
    public IpSets(AddressBook book) {
        this.book = book;
        this.v6 = book.v6();
        for (int i = 0; i < sets.length; i++) {
            String t = TYPES[i];
            int width = t.endsWith(",ip") || t.endsWith(",net") ? (v6 ? 5 : 2)
                    : t.equals("hash:ip,port") ? (v6 ? 3 : 1) : t.equals("hash:ip") ? (v6 ? 2 : 1) : 1;
            sets[i] = new LinearProbeLongTupleSet(width);
            names[i] = v6 ? inet6Name(NAMES[i]) : NAMES[i];
        }
    }

    /** kube-proxy's IPv6 set name: {@code KUBE-} to {@code KUBE-6-}, at most 31 characters. */
    public static String inet6Name(String name) {
        String n = name.startsWith("KUBE-") ? "KUBE-6-" + name.substring(5) : name;
        return n.length() > 31 ? n.substring(0, 31) : n;
    }

    /** A {@code hash:ip,port,net} second key: the base's {@link AddressBook} id and the prefix. */
    public static long net(AddressBook book, Cidr c) {
        return ((book.id(c.base()) & 0xFFFF_FFFFL) << 8) | c.prefix();
    }

    /** The kernel-side form of {@code e}: an IPv6 entry's ids replaced by full addresses. */
    private boolean apply(Entry e, boolean add) {
        LinearProbeLongTupleSet s = sets[e.set()];
        if (!v6 || TYPES[e.set()].startsWith("bitmap")) {
            return add ? s.add(e.a(), e.b()) : s.remove(e.a(), e.b());
        }
        if (TYPES[e.set()].equals("hash:ip")) {
            int id = (int) e.a();
            return add ? s.add(book.hi(id), book.lo(id)) : s.remove(book.hi(id), book.lo(id));
        }
        int id = ServiceKey.addr(e.a());
        long pp = e.a() & 0xFF_FFFFL;
        long d = 0;
        long f = 0;
        if (TYPES[e.set()].endsWith(",ip")) {
            d = book.hi((int) e.b());
            f = book.lo((int) e.b());
        } else if (TYPES[e.set()].endsWith(",net")) {
            int base = (int) (e.b() >>> 8);
            pp |= (e.b() & 0xFF) << 32;
            d = book.hi(base);
            f = book.lo(base);
        }
        long hi = book.hi(id);
        long lo = book.lo(id);
        return add ? s.addWide(hi, lo, pp, d, f) : s.removeWide(hi, lo, pp, d, f);
    }

    /** Takes a reference; returns true when the kernel set gains the entry ({@code ipset add}). */
    public boolean ref(Entry e) {
        int n = refs.merge(e, 1, Integer::sum);
        if (n == 1) {
            apply(e, true);
            if (e.set() == LOAD_BALANCER_SOURCE_CIDR) {
                sourceCidrPrefixes[(int) (e.b() & 0xFF)]++;
            }
            return true;
        }
        return false;
    }

    /** Drops a reference; returns true when the kernel set loses the entry ({@code ipset del}). */
    public boolean unref(Entry e) {
        Integer n = refs.get(e);
        if (n == null) {
            return false;
        }
        if (n > 1) {
            refs.put(e, n - 1);
            return false;
        }
        refs.remove(e);
        apply(e, false);
        if (e.set() == LOAD_BALANCER_SOURCE_CIDR) {
            sourceCidrPrefixes[(int) (e.b() & 0xFF)]--;
        }
        return true;
    }

    /** {@code -m set --match-set <set> dst,dst} on a {@code hash:ip,port} set: (ip, proto, port). */
    boolean matchIpPort(int set, long hi, long lo, int protocol, int port) {
        return v6 ? sets[set].containsWide(hi, lo, protoPort(protocol, port), 0, 0)
                : sets[set].contains(ServiceKey.pack((int) lo, protocol, port), 0);
    }

    /** {@code dst} on a {@code bitmap:port} set. */
    boolean matchPort(int set, int port) {
        return sets[set].contains(port, 0);
    }

    /** {@code dst} on the {@code hash:ip} set {@code KUBE-IPVS-IPS}. */
    boolean matchIp(int set, long hi, long lo) {
        return v6 ? sets[set].contains(hi, lo) : sets[set].contains(lo & 0xFFFF_FFFFL, 0);
    }

    /** {@code dst,dst,src} on a {@code hash:ip,port,ip} set. */
    boolean matchIpPortIp(int set, long hi, long lo, int protocol, int port, long hi2, long lo2) {
        return v6 ? sets[set].containsWide(hi, lo, protoPort(protocol, port), hi2, lo2)
                : sets[set].contains(ServiceKey.pack((int) lo, protocol, port), lo2 & 0xFFFF_FFFFL);
    }

    /**
     * {@code dst,dst,src} on {@code KUBE-LOAD-BALANCER-SOURCE-CIDR}: one probe per prefix length present, most
     * specific first, as the kernel's {@code nets[]} walk does.
     *
     * @return {@code probes << 1 | matched}
     */
    int matchSourceCidr(long hi, long lo, int protocol, int port, long srcHi, long srcLo) {
        LinearProbeLongTupleSet s = sets[LOAD_BALANCER_SOURCE_CIDR];
        long pp = protoPort(protocol, port);
        long v4Key = ServiceKey.pack((int) lo, protocol, port);
        int probes = 0;
        for (int p = v6 ? 128 : 32; p >= 0; p--) {
            if (sourceCidrPrefixes[p] == 0) {
                continue;
            }
            probes++;
            boolean hit;
            if (v6) {
                long hiMask = p >= 64 ? -1L : p == 0 ? 0L : -1L << (64 - p);
                long loMask = p <= 64 ? 0L : p == 128 ? -1L : -1L << (128 - p);
                hit = s.containsWide(hi, lo, pp | (long) p << 32, srcHi & hiMask, srcLo & loMask);
            } else {
                hit = s.contains(v4Key, ((((int) srcLo & Cidr.v4Mask(p)) & 0xFFFF_FFFFL) << 8) | p);
            }
            if (hit) {
                return (probes << 1) | 1;
            }
        }
        return probes << 1;
    }

    private static long protoPort(int protocol, int port) {
        return ((long) (protocol & 0xFF) << 16) | (port & 0xFFFF);
    }

    /** True when the set has no member (kube-proxy omits the iptables rules of empty sets). */
    public boolean isEmpty(int set) {
        return sets[set].size() == 0;
    }

    /** The name of set {@code set} in this family ({@code KUBE-6-*} on IPv6). */
    public String name(int set) {
        return names[set];
    }

    /** Every member of {@code set} as stored, for rendering (see {@link LinearProbeLongTupleSet#members}). */
    public long[][] members(int set) {
        return sets[set].members();
    }

    /** True for an IPv6 proxier's sets. */
    public boolean v6() {
        return v6;
    }
}
