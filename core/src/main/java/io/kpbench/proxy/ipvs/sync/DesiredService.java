package io.kpbench.proxy.ipvs.sync;

import io.kpbench.proxy.ipvs.companion.IpSets;
import java.util.List;

/**
 * What one Service needs on one node in IPVS mode: its virtual servers with their real servers, its ipset
 * entries, and its {@code KUBE-IPVS-OUT-FILTER} entries.
 *
 * @param virtualServers one per service address and port
 * @param entries ipset entries (including the kube-ipvs0 addresses in {@code KUBE-IPVS-IPS})
 * @param outFilter packed LB (ip, proto, port) that nodes may not reach (no source range holds the node IP)
 */
public record DesiredService(List<VirtualServer> virtualServers, List<IpSets.Entry> entries, List<Long> outFilter) {
    /** Nothing. */
    public static final DesiredService NONE = new DesiredService(List.of(), List.of(), List.of());

    /** Address kind: the cluster IP. */
    public static final int CLUSTER_IP = 0;
    /** Address kind: an external IP. */
    public static final int EXTERNAL_IP = 1;
    /** Address kind: a load-balancer VIP. */
    public static final int LOAD_BALANCER = 2;
    /** Address kind: a node address's node port. */
    public static final int NODE_PORT = 3;

    /**
     * One virtual server.
     *
     * @param key packed (addr, proto, port)
     * @param kind CLUSTER_IP, EXTERNAL_IP, LOAD_BALANCER or NODE_PORT
     * @param flags IPVS service flags
     * @param timeoutSeconds the persistence timeout, 0 without
     * @param owner the service port name, for explain
     * @param dests packed real servers {@code addr << 16 | port}, in kube-proxy's endpoint order
     */
    public record VirtualServer(long key, int kind, int flags, int timeoutSeconds, String owner, List<Long> dests) {
        /** Copies the list. */
        public VirtualServer {
            dests = List.copyOf(dests);
        }
    }

    /** Copies the lists. */
    public DesiredService {
        virtualServers = List.copyOf(virtualServers);
        entries = List.copyOf(entries);
        outFilter = List.copyOf(outFilter);
    }

    /** Packs a real server. */
    public static long dest(int addr, int port) {
        return ((addr & 0xFFFF_FFFFL) << 16) | port;
    }
}
