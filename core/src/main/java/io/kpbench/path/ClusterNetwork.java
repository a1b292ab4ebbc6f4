package io.kpbench.path;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.Endpoint;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.Node;
import io.kpbench.cluster.ObjectRef;
import io.kpbench.conntrack.ConntrackTable;
import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.DataPlane;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.table.LinearProbeLongIntMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nodes and pods of a cluster, with the routing lookups a packet walk needs: which node owns an IP, and which
 * pod has it. IPv4 only, as {@link ConntrackTable} is.
 *
 * <p>Pods come from the endpoints of EndpointSlices (named as the endpoint's {@code targetRef} names its Pod, as
 * {@code kubectl get pods} shows it; without one, after the endpoint's {@code hostname} or as {@code pod-a-b-c-d}
 * after its IP), placed on the endpoint's {@code nodeName} or on the node
 * whose pod CIDR holds the IP; plus one client pod per node, {@code default/client-NODE}, on the first free
 * address from {@code .100} of its pod CIDR. Every node's proxier is synced once, with the union of the pod
 * CIDRs as its local-traffic detector ({@code --cluster-cidr}).
 */
public final class ClusterNetwork {
    /** The value the routing maps return for an unknown address. */
    public static final int NONE = -1;

    private final ClusterSnapshot snapshot;
    private final List<ClusterNode> nodes;
    private final List<Pod> pods;
    private final Map<ObjectRef, Pod> podsByRef = new LinkedHashMap<>();
    private final LinearProbeLongIntMap nodeByIp;
    private final LinearProbeLongIntMap podByIp;

    /**
     * Builds the network of {@code snapshot}: one synced proxier of {@code factory} and one conntrack table of
     * {@code conntrackCapacity} entries per node with an IPv4 address.
     */
    public ClusterNetwork(ClusterSnapshot snapshot, ProxyFactory factory, int conntrackCapacity) {
        this.snapshot = snapshot;
        List<Cidr> cidrs = new ArrayList<>();
        for (Node n : snapshot.nodes().values()) {
            Cidr c = podCidr(n);
            if (c != null) {
                cidrs.add(c);
            }
        }
        List<ClusterNode> ns = new ArrayList<>();
        nodeByIp = new LinearProbeLongIntMap(16, NONE);
        for (Node n : snapshot.nodes().values()) {
            IpAddress ip = n.primaryIP(IpFamily.IPv4);
            if (ip == null) {
                continue;
            }
            NodeConfig cfg = NodeConfig.of(n.name(), List.of(ip)).withClusterCIDRs(cidrs);
            cfg = new NodeConfig(cfg.nodeName(), cfg.nodeIPs(), n.zone(), cfg.clusterCIDRs(), false,
                    NodeConfig.DEFAULT_MASQUERADE_BIT, List.of(), true, List.of(), true);
            DataPlane dp = factory.create(cfg, IpFamily.IPv4);
            dp.sync(snapshot);
            ClusterNode node = new ClusterNode(ns.size(), n.name(), ip, podCidr(n), n.zone(), dp,
                    new ConntrackTable(conntrackCapacity, 0x5EED_0000L + ns.size()));
            nodeByIp.put(ip.v4() & 0xFFFF_FFFFL, node.index());
            ns.add(node);
        }
        this.nodes = Collections.unmodifiableList(ns);
        this.podByIp = new LinearProbeLongIntMap(64, NONE);
        List<Pod> ps = new ArrayList<>();
        for (EndpointSlice s : snapshot.slices().values()) {
            if (s.addressType() != IpFamily.IPv4) {
                continue;
            }
            for (Endpoint e : s.endpoints()) {
                IpAddress ip = e.address();
                int node = nodeFor(e.nodeName(), ip.v4());
                if (node != NONE && podByIp.get(ip.v4() & 0xFFFF_FFFFL) == NONE) {
                    add(ps, new Pod(podRef(s, e), ip, node, true));
                }
            }
        }
        for (ClusterNode n : nodes) {
            IpAddress free = freeAddress(n.podCidr());
            if (free != null) {
                add(ps, new Pod(ObjectRef.of("default", "client-" + n.name()), free, n.index(), false));
            }
        }
        this.pods = Collections.unmodifiableList(ps);
    }

    /** The pod behind {@code e}: its targetRef when that is a Pod, else named after its hostname or IP. */
    private static ObjectRef podRef(EndpointSlice s, Endpoint e) {
        if (e.targetRef() != null && e.targetRef().isPod()) {
            return e.targetRef().ref(s.ref().namespace());
        }
        String name = e.hostname() != null ? e.hostname() : "pod-" + e.address().toString().replace('.', '-');
        return ObjectRef.of(s.ref().namespace(), name);
    }

    private static Cidr podCidr(Node n) {
        for (Cidr c : n.podCIDRs()) {
            if (c.family() == IpFamily.IPv4) {
                return c;
            }
        }
        return null;
    }

    private int nodeFor(String nodeName, int v4) {
        for (ClusterNode n : nodes) {
            if (n.name().equals(nodeName)) {
                return n.index();
            }
        }
        return nodeHostingPodAddress(v4);
    }

    private IpAddress freeAddress(Cidr cidr) {
        if (cidr == null || cidr.hostBits() < 2) {
            return null;
        }
        long size = 1L << Math.min(cidr.hostBits(), 30);
        for (long i = Math.min(100, size / 2); i < size - 1; i++) {
            IpAddress a = cidr.address(i);
            if (podByIp.get(a.v4() & 0xFFFF_FFFFL) == NONE) {
                return a;
            }
        }
        return null;
    }

    private void add(List<Pod> ps, Pod p) {
        podByIp.put(p.ip().v4() & 0xFFFF_FFFFL, ps.size());
        podsByRef.put(p.ref(), p);
        ps.add(p);
    }

    /** The cluster the network was built from. */
    public ClusterSnapshot snapshot() {
        return snapshot;
    }

    /** The nodes with an IPv4 address, in name order. */
    public List<ClusterNode> nodes() {
        return nodes;
    }

    /** Every pod: endpoint pods first, then one client pod per node. */
    public List<Pod> pods() {
        return pods;
    }

    /** The pod named {@code ref}, or null. */
    public Pod pod(ObjectRef ref) {
        return podsByRef.get(ref);
    }

    /** The node named {@code name}, or null. */
    public ClusterNode node(String name) {
        for (ClusterNode n : nodes) {
            if (n.name().equals(name)) {
                return n;
            }
        }
        return null;
    }

    /** The index of the node whose IP is {@code v4}, or {@link #NONE}; allocation-free. */
    public int nodeWithIp(int v4) {
        return nodeByIp.get(v4 & 0xFFFF_FFFFL);
    }

    /** The index of the pod whose IP is {@code v4}, or {@link #NONE}; allocation-free. */
    public int podWithIp(int v4) {
        return podByIp.get(v4 & 0xFFFF_FFFFL);
    }

    /** The index of the node whose pod CIDR holds {@code v4}, or {@link #NONE}; a linear scan, allocation-free. */
    public int nodeHostingPodAddress(int v4) {
        List<ClusterNode> ns = nodes;
        for (int i = 0, n = ns.size(); i < n; i++) {
            if (ns.get(i).hostsPodAddress(v4)) {
                return i;
            }
        }
        return NONE;
    }
}
