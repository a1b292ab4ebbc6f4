package io.kpbench.path;

import io.kpbench.conntrack.ConntrackTable;
import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.proxy.DataPlane;
import java.util.Arrays;

/**
 * One node of the path model: its IP, pod CIDR and zone, its own synced proxier (any mode) and its own
 * {@link ConntrackTable}, as every Linux node has its own netfilter state.
 *
 * <p>Also caches the proxier's endpoint texts ({@link DataPlane#endpoint}) as packed {@code ip << 16 | port}
 * longs, so that turning a classification into a DNAT target allocates nothing after the first sight of an
 * endpoint id. Not thread-safe: a walk engine and its nodes belong to one thread.
 */
public final class ClusterNode {
    private final int index;
    private final String name;
    private final IpAddress ip;
    private final Cidr podCidr;
    private final String zone;
    private final DataPlane proxier;
    private final ConntrackTable conntrack;
    private long[] endpoints = new long[16];

    ClusterNode(int index, String name, IpAddress ip, Cidr podCidr, String zone, DataPlane proxier,
            ConntrackTable conntrack) {
        this.index = index;
        this.name = name;
        this.ip = ip;
        this.podCidr = podCidr;
        this.zone = zone;
        this.proxier = proxier;
        this.conntrack = conntrack;
    }

    /** The position in {@link ClusterNetwork#nodes()}. */
    public int index() {
        return index;
    }

    /** The node name. */
    public String name() {
        return name;
    }

    /** The primary IPv4 InternalIP (the masquerade source). */
    public IpAddress ip() {
        return ip;
    }

    /** The packed IPv4 node IP. */
    public int ipV4() {
        return ip.v4();
    }

    /** The IPv4 pod CIDR, or null when the node has none. */
    public Cidr podCidr() {
        return podCidr;
    }

    /** The {@code topology.kubernetes.io/zone}, or null. */
    public String zone() {
        return zone;
    }

    /** The node's proxier. */
    public DataPlane proxier() {
        return proxier;
    }

    /** The node's conntrack table. */
    public ConntrackTable conntrack() {
        return conntrack;
    }

    /** True when {@code v4} is on this node's pod CIDR. */
    public boolean hostsPodAddress(int v4) {
        return podCidr != null && podCidr.containsV4(v4);
    }

    /** Endpoint {@code id} of a classification as {@code ip << 16 | port}; allocation-free once seen. */
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

    @Override
    public String toString() {
        return name + " (" + ip + ")";
    }
}
