package io.kpbench.path;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.Endpoint;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.ObjectRef;
import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.table.LinearProbeLongIntMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nodes and pods of a cluster, with the routing lookups a packet walk needs: which node owns an IP, and which
 * pod has it, for both IP families (IPv6 pods and addresses: {@link #podWithAddress}).
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
    private final LinearProbeLongIntMap nodeBehindNat = new LinearProbeLongIntMap(16, NONE);
    private final AddressIndex nodeByIp6 = new AddressIndex();
    private final AddressIndex podByIp6 = new AddressIndex();

    /**
     * Builds the network of {@code snapshot}: one synced proxier of {@code factory} and one conntrack table of
     * {@code conntrackCapacity} entries per node and IP family it has an address of.
     */
    public ClusterNetwork(ClusterSnapshot snapshot, ProxyFactory factory, int conntrackCapacity) {
        this(snapshot, factory, conntrackCapacity, List.of());
    }

    /** As the three-argument constructor, every node's kube-proxy with {@code --nodeport-addresses}. */
    public ClusterNetwork(ClusterSnapshot snapshot, ProxyFactory factory, int conntrackCapacity,
            List<Cidr> nodePortAddresses) {
        this.snapshot = snapshot;
        this.nodes = Collections.unmodifiableList(NodeFactory.build(snapshot, factory, conntrackCapacity,
                nodePortAddresses));
        nodeByIp = new LinearProbeLongIntMap(16, NONE);
        for (ClusterNode node : nodes) {
            for (IpAddress ip : node.addresses().local()) {
                if (!ip.isV4()) {
                    nodeByIp6.putIfAbsent(ip, node.index());
                } else if (nodeByIp.get(ip.v4() & 0xFFFF_FFFFL) == NONE) {
                    nodeByIp.put(ip.v4() & 0xFFFF_FFFFL, node.index());
                }
            }
            for (IpAddress ip : node.addresses().natted()) {
                if (nodeBehindNat.get(ip.v4() & 0xFFFF_FFFFL) == NONE) {
                    nodeBehindNat.put(ip.v4() & 0xFFFF_FFFFL, node.index());
                }
            }
        }
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
        addIpv6Pods(ps);
        this.pods = Collections.unmodifiableList(ps);
    }

    /**
     * The pod behind {@code e}: its targetRef when that is a Pod, else named after its hostname, else after its
     * address ({@code pod-10-244-1-12}, or CoreDNS's dashed IPv6 form).
     */
    private static ObjectRef podRef(EndpointSlice s, Endpoint e) {
        if (e.targetRef() != null && e.targetRef().isPod()) {
            return e.targetRef().ref(s.ref().namespace());
        }
        IpAddress ip = e.address();
        String name = e.hostname() != null ? e.hostname()
                : ip.isV4() ? "pod-" + ip.toString().replace('.', '-') : dashed(ip);
        return ObjectRef.of(s.ref().namespace(), name);
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
        if (p.ip() != null) {
            podByIp.put(p.ip().v4() & 0xFFFF_FFFFL, ps.size());
        }
        if (p.ip6() != null) {
            podByIp6.putIfAbsent(p.ip6(), ps.size());
        }
        podsByRef.put(p.ref(), p);
        ps.add(p);
    }

    /**
     * The IPv6 side of the pods: an endpoint of an IPv6 EndpointSlice joins the IPv4 pod of the same name on the same
     * node (a dual-stack pod, when the endpoints carry a Pod {@code targetRef} or a {@code hostname}), or becomes a pod
     * named after them or after its address in CoreDNS's dashed form ({@code pod-fd00-10-244-1--20}); each node's
     * client pod gets the first free address from {@code ::64} of the node's IPv6 pod CIDR (a node with only an IPv6
     * pod CIDR gets an IPv6-only client pod).
     */
    private void addIpv6Pods(List<Pod> ps) {
        for (EndpointSlice s : snapshot.slices().values()) {
            if (s.addressType() != IpFamily.IPv6) {
                continue;
            }
            for (Endpoint e : s.endpoints()) {
                IpAddress ip = e.address();
                int node = nodeFor6(e.nodeName(), ip);
                if (node != NONE && podByIp6.get(ip.hi(), ip.lo()) == NONE) {
                    addOrJoin(ps, new Pod(podRef(s, e), null, ip, node, true));
                }
            }
        }
        for (ClusterNode n : nodes) {
            IpAddress free = freeAddress6(n.podCidr6());
            if (free != null) {
                addOrJoin(ps, new Pod(ObjectRef.of("default", "client-" + n.name()), null, free, n.index(), false));
            }
        }
    }

    private void addOrJoin(List<Pod> ps, Pod p6) {
        Pod same = podsByRef.get(p6.ref());
        if (same == null) {
            add(ps, p6);
        } else if (same.ip6() == null && same.node() == p6.node() && same.endpoint() == p6.endpoint()) {
            int i = ps.indexOf(same);
            Pod joined = new Pod(same.ref(), same.ip(), p6.ip6(), same.node(), same.endpoint());
            ps.set(i, joined);
            podsByRef.put(joined.ref(), joined);
            podByIp6.putIfAbsent(p6.ip6(), i);
        } else if (!podsByRef.containsKey(ObjectRef.of(p6.ref().namespace(), dashed(p6.ip6())))) {
            add(ps, new Pod(ObjectRef.of(p6.ref().namespace(), dashed(p6.ip6())), null, p6.ip6(), p6.node(),
                    p6.endpoint()));
        }
    }

    private static String dashed(IpAddress ip) {
        return "pod-" + ip.toString().replace(':', '-');
    }

    private int nodeFor6(String nodeName, IpAddress ip) {
        ClusterNode n = nodeName == null ? null : node(nodeName);
        return n != null ? n.index() : nodeHostingPodAddress(ip.hi(), ip.lo());
    }

    private IpAddress freeAddress6(Cidr cidr) {
        if (cidr == null || cidr.hostBits() < 8) {
            return null;
        }
        for (long i = 100; i < 100 + 1024; i++) {
            IpAddress a = cidr.address(i);
            if (podByIp6.get(a.hi(), a.lo()) == NONE) {
                return a;
            }
        }
        return null;
    }

    /** The cluster the network was built from. */
    public ClusterSnapshot snapshot() {
        return snapshot;
    }

    /** The nodes with an IPv4 or IPv6 address, in name order. */
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

    /** The index of the node with the local IPv4 address {@code v4}, or {@link #NONE}; allocation-free. */
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

    /**
     * The index of the node the provider's 1:1 NAT sends the public IPv4 {@code v4} to (a node ExternalIP not on
     * the node, {@link NodeAddresses#natted()}), or {@link #NONE}; allocation-free.
     */
    public int nodeBehindNat(int v4) {
        return nodeBehindNat.get(v4 & 0xFFFF_FFFFL);
    }

    /** As {@link #nodeWithIp} for an address of either family in its 128-bit form; allocation-free. */
    public int nodeWithAddress(long hi, long lo) {
        return isV4(hi, lo) ? nodeWithIp((int) lo) : nodeByIp6.get(hi, lo);
    }

    /** As {@link #podWithIp} for an address of either family in its 128-bit form; allocation-free. */
    public int podWithAddress(long hi, long lo) {
        return isV4(hi, lo) ? podWithIp((int) lo) : podByIp6.get(hi, lo);
    }

    /** As {@link #nodeHostingPodAddress(int)} for an address of either family; allocation-free. */
    public int nodeHostingPodAddress(long hi, long lo) {
        if (isV4(hi, lo)) {
            return nodeHostingPodAddress((int) lo);
        }
        List<ClusterNode> ns = nodes;
        for (int i = 0, n = ns.size(); i < n; i++) {
            if (ns.get(i).hostsPodAddress6(hi, lo)) {
                return i;
            }
        }
        return NONE;
    }

    /**
     * True when no pod, no node and no node's pod CIDR has the address {@code (hi, lo)}: a host outside the
     * cluster (EKS's API-server ENIs, a selector-less Service's external database), which a node reaches through
     * its default route; allocation-free.
     */
    public boolean isOffCluster(long hi, long lo) {
        return podWithAddress(hi, lo) == NONE && nodeWithAddress(hi, lo) == NONE
                && nodeHostingPodAddress(hi, lo) == NONE;
    }

    /** True when the 128-bit address {@code (hi, lo)} is IPv4-mapped (an IPv4 address). */
    static boolean isV4(long hi, long lo) {
        return hi == 0L && (lo >>> 32) == 0xFFFFL;
    }
}
