package io.kpbench.path;

import io.kpbench.cluster.Endpoint;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.LoadBalancerIngress;
import io.kpbench.cluster.IpMode;
import io.kpbench.cluster.Service;
import io.kpbench.cluster.ServicePort;
import io.kpbench.cluster.ServiceType;
import io.kpbench.conntrack.ConntrackTable;
import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.table.LinearProbeLongIntMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cloud load balancers of a cluster's LoadBalancer services, modelled on an AWS NLB in front of kube-proxy.
 *
 * <p>Each service gets one IPv4 LB, known by what its {@code status.loadBalancer.ingress} says and nothing
 * invented: the first ingress entry with an IPv4 address gives the LB address (and, if it carries one, its DNS
 * name); else the first entry with a hostname gives the name (AWS reports only a hostname for an ELB/NLB), which
 * then resolves to an address the model takes from 198.18.0.0/15 (RFC 2544's benchmarking range). A service whose
 * ingress is still pending (empty) gets such an address and no name, as GCP and Azure LBs have none. An ingress
 * with only IPv6 addresses gets no LB: the LB model is IPv4 (see {@link ClusterPath#walk}). An ingress with an IPv4
 * address and ipMode VIP (or unset) is delivered to a node with the destination kept (kube-proxy programs the
 * VIP); any other LB is in instance mode and forwards to {@code NodeIP:NodePort}, tracking the flow in its own
 * conntrack table so that the reply leaves with the LB address as its source. Health checks follow the cloud
 * providers' use of kube-proxy: with externalTrafficPolicy Local the LB probes {@code healthCheckNodePort}, which
 * answers 200 only on nodes with local ready endpoints; with Cluster every node is healthy. Only nodes with an
 * IPv4 address are targets. The node of a flow is a 5-tuple hash over the healthy nodes, of every zone
 * ({@code crossZone}) or of the zone the client's hash lands in. The client's source address is passed through,
 * never rewritten (NLB client-IP preservation): hiding it is kube-proxy's masquerade.
 */
public final class CloudLoadBalancer {
    private static final int GENERATED_BASE = IpAddress.parse("198.18.0.10").v4();

    private final List<LbListener> listeners;
    private final Map<String, IpAddress> hostnames = new LinkedHashMap<>();
    private final LinearProbeLongIntMap byFrontend = new LinearProbeLongIntMap(16, -1);
    private final boolean crossZone;
    private final ConntrackTable conntrack;

    /** The load balancers of {@code network}'s LoadBalancer services. */
    public CloudLoadBalancer(ClusterNetwork network, boolean crossZone, int conntrackCapacity) {
        this.crossZone = crossZone;
        this.conntrack = new ConntrackTable(conntrackCapacity, 0x1B_0000L);
        List<LbListener> ls = new ArrayList<>();
        int generated = 0;
        for (Service s : network.snapshot().services().values()) {
            if (s.type() != ServiceType.LoadBalancer || s.clusterIP(io.kpbench.net.IpFamily.IPv4) == null) {
                continue;
            }
            LoadBalancerIngress withIp = firstIngress(s, true);
            LoadBalancerIngress in = withIp != null ? withIp : firstIngress(s, false);
            if (in == null && !s.ingress().isEmpty()) {
                continue;
            }
            boolean vip = withIp != null && withIp.ipMode() != IpMode.Proxy;
            String host = in != null ? in.hostname() : null;
            IpAddress addr = withIp != null ? withIp.ip() : IpAddress.ofV4(GENERATED_BASE + generated++);
            if (host != null) {
                hostnames.putIfAbsent(host, addr);
            }
            int[] healthy = healthyNodes(network, s);
            String check = s.externalPolicyLocal() ? "HTTP :" + s.healthCheckNodePort() + "/healthz" : null;
            for (ServicePort p : s.ports()) {
                String hc = check != null ? check : "TCP :" + (p.nodePort() != 0 ? p.nodePort() : p.port());
                LbListener l = new LbListener(s.ref(), host, addr, p.port(), p.protocol(), p.nodePort(), vip,
                        s.externalPolicyLocal(), hc, healthy, byZone(network, healthy));
                long key = FiveTuple.packV4Key(addr.v4(), p.protocol().number(), p.port());
                if (byFrontend.get(key) == -1) {
                    byFrontend.put(key, ls.size());
                    ls.add(l);
                }
            }
        }
        this.listeners = Collections.unmodifiableList(ls);
    }

    /** The first ingress entry with an IPv4 address ({@code ipv4}) or else with a hostname, or null. */
    private static LoadBalancerIngress firstIngress(Service s, boolean ipv4) {
        for (LoadBalancerIngress in : s.ingress()) {
            if (ipv4 ? in.ip() != null && in.ip().isV4() : in.hostname() != null) {
                return in;
            }
        }
        return null;
    }

    private static int[] healthyNodes(ClusterNetwork network, Service s) {
        List<ClusterNode> nodes = network.nodes();
        boolean[] local = new boolean[nodes.size()];
        if (!s.externalPolicyLocal()) {
            Arrays.fill(local, true);
        } else {
            for (EndpointSlice slice : network.snapshot().slicesOf(s.ref())) {
                for (Endpoint e : slice.endpoints()) {
                    ClusterNode n = e.nodeName() == null ? null : network.node(e.nodeName());
                    if (n != null && e.isReady()) {
                        local[n.index()] = true;
                    }
                }
            }
        }
        for (ClusterNode n : nodes) {
            local[n.index()] &= n.ip() != null;
        }
        int count = 0;
        for (boolean b : local) {
            count += b ? 1 : 0;
        }
        int[] out = new int[count];
        for (int i = 0, k = 0; i < local.length; i++) {
            if (local[i]) {
                out[k++] = i;
            }
        }
        return out;
    }

    private static int[][] byZone(ClusterNetwork network, int[] healthy) {
        Map<String, List<Integer>> zones = new LinkedHashMap<>();
        for (int h : healthy) {
            String z = network.nodes().get(h).zone();
            zones.computeIfAbsent(z == null ? "" : z, k -> new ArrayList<>()).add(h);
        }
        int[][] out = new int[zones.size()][];
        int i = 0;
        for (List<Integer> l : zones.values()) {
            out[i++] = l.stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    /** Every listener. */
    public List<LbListener> listeners() {
        return listeners;
    }

    /** The LB hostnames and the address each resolves to: what public DNS knows. */
    public Map<String, IpAddress> hostnames() {
        return Collections.unmodifiableMap(hostnames);
    }

    /** True when flows may go to healthy nodes of every zone. */
    public boolean crossZone() {
        return crossZone;
    }

    /** The LBs' flow table (instance mode). */
    public ConntrackTable conntrack() {
        return conntrack;
    }

    /** The index of the listener at {@code v4:port/proto}, or -1; allocation-free. */
    public int listenerAt(int v4, int protocol, int port) {
        return byFrontend.get(FiveTuple.packV4Key(v4, protocol, port));
    }

    /** The listener of index {@code i}. */
    public LbListener listener(int i) {
        return listeners.get(i);
    }

    /** The node a flow goes to: a hash of its 5-tuple over the healthy nodes, or -1 when none is healthy. */
    public int pickNode(int listener, FiveTuple pkt) {
        LbListener l = listeners.get(listener);
        int[] pool = l.healthy();
        if (!crossZone && l.healthyByZone().length > 1) {
            int[][] zones = l.healthyByZone();
            pool = zones[Math.floorMod(mix(pkt.srcV4(), 0), zones.length)];
        }
        if (pool.length == 0) {
            return -1;
        }
        long h = mix(pkt.srcV4(), pkt.dstV4()) ^ mix(pkt.srcPort() << 16 | pkt.dstPort(), pkt.protocol());
        return pool[(int) Long.remainderUnsigned(h, pool.length)];
    }

    private static long mix(int a, int b) {
        long h = ((long) a << 32 | (b & 0xFFFF_FFFFL)) * 0x9E37_79B9_7F4A_7C15L;
        h ^= h >>> 29;
        h *= 0xBF58_476D_1CE4_E5B9L;
        return h ^ (h >>> 32);
    }
}
