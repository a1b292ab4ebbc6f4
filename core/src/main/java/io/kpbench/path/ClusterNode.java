package io.kpbench.path;

import io.kpbench.conntrack.ConntrackResult;
import io.kpbench.conntrack.ConntrackTable;
import io.kpbench.net.Cidr;
import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.DataPlane;
import io.kpbench.proxy.Verdict;
import java.util.Arrays;

/**
 * One node of the path model: its addresses, pod CIDRs and zone, and per IP family its own synced proxier (any
 * mode) and its own conntrack table, as every Linux node has its own netfilter state and kube-proxy runs one
 * single-family proxier per family (the reference's §1.1, "MetaProxier").
 *
 * <p>The family of the packet picks the proxier and the table ({@link ConntrackTable} or an IPv6 {@link ConntrackTable});
 * a family the node has no address of leaves the packet untouched. Also caches the proxiers' endpoint texts
 * ({@link DataPlane#endpoint}) as primitives, so that turning a classification into a DNAT target allocates
 * nothing after the first sight of an endpoint id. Not thread-safe: a walk engine and its nodes belong to one
 * thread.
 */
public final class ClusterNode {
    private static final long NO_RULE = Classification.pack(Verdict.NONE, false, -1);

    private final int index;
    private final String name;
    private final NodeAddresses addresses;
    private final Cidr podCidr;
    private final Cidr podCidr6;
    private final String zone;
    private final DataPlane proxier;
    private final DataPlane proxier6;
    private final ConntrackTable conntrack;
    private final ConntrackTable conntrack6;
    private long[] endpoints = new long[16];
    private long[] endpoints6 = new long[48];

    ClusterNode(int index, String name, NodeAddresses addresses, Cidr podCidr, Cidr podCidr6, String zone,
            DataPlane proxier, DataPlane proxier6, ConntrackTable conntrack, ConntrackTable conntrack6) {
        this.index = index;
        this.name = name;
        this.addresses = addresses;
        this.podCidr = podCidr;
        this.podCidr6 = podCidr6;
        this.zone = zone;
        this.proxier = proxier;
        this.proxier6 = proxier6;
        this.conntrack = conntrack;
        this.conntrack6 = conntrack6;
    }

    /** The position in {@link ClusterNetwork#nodes()}. */
    public int index() {
        return index;
    }

    /** The node name. */
    public String name() {
        return name;
    }

    /** The primary IPv4 InternalIP (the IPv4 masquerade source), or null on an IPv6-only node. */
    public IpAddress ip() {
        return addresses.ip();
    }

    /** The packed primary IPv4 node IP, or 0 on an IPv6-only node. */
    public int ipV4() {
        return addresses.ip() == null ? 0 : addresses.ip().v4();
    }

    /** The primary IPv6 node IP (the IPv6 masquerade source), or null on an IPv4-only node. */
    public IpAddress ip6() {
        return addresses.ip6();
    }

    /** Every address of the node's {@code status.addresses}, and which of them the cloud NATs. */
    public NodeAddresses addresses() {
        return addresses;
    }

    /** The IPv4 pod CIDR, or null when the node has none. */
    public Cidr podCidr() {
        return podCidr;
    }

    /** The IPv6 pod CIDR, or null when the node has none. */
    public Cidr podCidr6() {
        return podCidr6;
    }

    /** The {@code topology.kubernetes.io/zone}, or null. */
    public String zone() {
        return zone;
    }

    /** The node's IPv4 proxier, or null on an IPv6-only node. */
    public DataPlane proxier() {
        return proxier;
    }

    /** The node's IPv6 proxier, or null on an IPv4-only node. */
    public DataPlane proxier6() {
        return proxier6;
    }

    /** The proxier of {@code p}'s family, or null. */
    public DataPlane proxier(FiveTuple p) {
        return p.isV4() ? proxier : proxier6;
    }

    /** The node's IPv4 conntrack table. */
    public ConntrackTable conntrack() {
        return conntrack;
    }

    /** The node's IPv6 conntrack table, or null on an IPv4-only node. */
    public ConntrackTable conntrack6() {
        return conntrack6;
    }

    /** True when {@code v4} is on this node's IPv4 pod CIDR. */
    public boolean hostsPodAddress(int v4) {
        return podCidr != null && podCidr.containsV4(v4);
    }

    /** True when the IPv6 address {@code (hi, lo)} is on this node's IPv6 pod CIDR; allocation-free. */
    public boolean hostsPodAddress6(long hi, long lo) {
        if (podCidr6 == null) {
            return false;
        }
        int prefix = podCidr6.prefix();
        IpAddress base = podCidr6.base();
        long hiMask = prefix >= 64 ? -1L : prefix == 0 ? 0L : -1L << (64 - prefix);
        long loMask = prefix <= 64 ? 0L : -1L << (128 - prefix);
        return ((hi ^ base.hi()) & hiMask) == 0 && ((lo ^ base.lo()) & loMask) == 0;
    }

    /** Conntrack of {@code p}'s family: as {@link ConntrackTable#receive}; MISS for a family without a table. */
    long receive(FiveTuple p, int tcpFlags, long now, FiveTuple out) {
        if (p.isV4()) {
            return conntrack.receive(p, tcpFlags, now, out);
        }
        return conntrack6 == null ? ConntrackResult.MISS : conntrack6.receive(p, tcpFlags, now, out);
    }

    /** The proxier of {@code p}'s family classifies a NEW packet; no proxier of the family: no rule matched. */
    long classify(FiveTuple p, long now, long random) {
        DataPlane d = p.isV4() ? proxier : proxier6;
        return d == null ? NO_RULE : d.classify(p, now, random);
    }

    /**
     * Creates the conntrack entry of a DNAT classification {@code c}: DNAT to its endpoint and, when it says so,
     * masquerade to this node's primary IP of the family; writes the translated packet into {@code out}.
     */
    long insertNat(FiveTuple p, int tcpFlags, long c, long now, FiveTuple out) {
        int id = Classification.endpoint(c);
        boolean masq = Classification.masquerade(c);
        if (p.isV4()) {
            long ep = endpoint(id);
            return conntrack.insert(p, tcpFlags, (int) (ep >>> 16), (int) ep & 0xFFFF, masq ? ipV4() : 0, now, out);
        }
        int at = endpoint6(id);
        long[] e = endpoints6;
        IpAddress snat = addresses.ip6();
        return conntrack6.insert(p, tcpFlags, e[at], e[at + 1], (int) e[at + 2], masq ? snat.hi() : 0L,
                masq ? snat.lo() : 0L, now, out);
    }

    /** Endpoint {@code id} of an IPv4 classification as {@code ip << 16 | port}; allocation-free once seen. */
    public long endpoint(int id) {
        long[] e = endpoints;
        if (id < e.length && e[id] != 0L) {
            return e[id];
        }
        return endpointSlowPath(id);
    }

    private long endpointSlowPath(int id) {
        if (id >= endpoints.length) {
            endpoints = Arrays.copyOf(endpoints, Math.max(id + 1, endpoints.length * 2));
        }
        String text = proxier.endpoint(id);
        int colon = text.lastIndexOf(':');
        IpAddress a = IpAddress.parse(text.substring(0, colon));
        long packed = ((a.v4() & 0xFFFF_FFFFL) << 16) | Integer.parseInt(text.substring(colon + 1));
        endpoints[id] = packed;
        return packed;
    }

    /** The offset in {@code endpoints6} of IPv6 endpoint {@code id}: hi, lo, port; allocation-free once seen. */
    private int endpoint6(int id) {
        int at = id * 3;
        if (at + 2 < endpoints6.length && endpoints6[at + 2] != 0L) {
            return at;
        }
        return endpoint6SlowPath(id);
    }

    private int endpoint6SlowPath(int id) {
        int at = id * 3;
        if (at + 2 >= endpoints6.length) {
            endpoints6 = Arrays.copyOf(endpoints6, Math.max(at + 3, endpoints6.length * 2));
        }
        String text = proxier6.endpoint(id);
        int colon = text.lastIndexOf(':');
        IpAddress a = IpAddress.parse(text.substring(text.startsWith("[") ? 1 : 0,
                text.charAt(colon - 1) == ']' ? colon - 1 : colon));
        endpoints6[at] = a.hi();
        endpoints6[at + 1] = a.lo();
        endpoints6[at + 2] = Integer.parseInt(text.substring(colon + 1));
        return at;
    }

    @Override
    public String toString() {
        return name + " (" + (ip() != null ? ip() : ip6()) + ")";
    }
}
