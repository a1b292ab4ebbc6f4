package io.kpbench.proxy.ebpf;

import static io.kpbench.proxy.ModeTestCluster.CLUSTER_IP;
import static io.kpbench.proxy.ModeTestCluster.EXTERNAL_CLIENT;
import static io.kpbench.proxy.ModeTestCluster.NODE_A;
import static io.kpbench.proxy.ModeTestCluster.NODE_B;
import static io.kpbench.proxy.ModeTestCluster.packet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.ChangeSet;
import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.Endpoint;
import io.kpbench.cluster.EndpointPort;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.Node;
import io.kpbench.cluster.NodeAddress;
import io.kpbench.cluster.ObjectRef;
import io.kpbench.cluster.TargetRef;
import io.kpbench.net.Cidr;
import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.net.Protocol;
import io.kpbench.proxy.AllocationProbe;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.Explanation;
import io.kpbench.proxy.ModeTestCluster;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ebpf mode on an AWS VPC CNI cluster: Nodes without a {@code podCIDR}, pods on node-subnet addresses, which
 * Cilium's ipcache knows from the CiliumEndpoints; a hashed lookup only when the pod-CIDR prefixes miss.
 */
class EbpfIpcacheTest {
    /** A pod with a VPC address, as coredns has on EKS. */
    private static final IpAddress VPC_POD = IpAddress.parse("192.168.12.40");
    /** A pod of node-a's pod CIDR in the mixed cluster. */
    private static final IpAddress CIDR_POD = IpAddress.parse("10.244.1.7");
    /** The EKS API server's ENI: an endpoint of a slice, but no pod (no targetRef, no nodeName). */
    private static final IpAddress API_ENI = IpAddress.parse("192.168.101.23");

    /** node-a and node-b without pod CIDRs, or node-a with {@code 10.244.1.0/24} when {@code mixed}. */
    private static List<Node> nodes(boolean mixed) {
        return List.of(node("node-a", NODE_A, mixed ? List.of(Cidr.parse("10.244.1.0/24")) : List.of()),
                node("node-b", NODE_B, List.of()));
    }

    private static Node node(String name, IpAddress ip, List<Cidr> pods) {
        return new Node(name, List.of(new NodeAddress(NodeAddress.INTERNAL_IP, ip.toString(), ip)), Map.of(), pods);
    }

    /** {@code ns/web} on ClusterIP with two VPC-addressed endpoints on node-b. */
    private static ModeTestCluster web() {
        return new ModeTestCluster().endpoint("192.168.20.5", "node-b").endpoint("192.168.20.6", "node-b");
    }

    /** A slice of {@code kube-system/kube-dns} with one endpoint: a pod named by targetRef, no nodeName. */
    private static EndpointSlice dnsSlice(IpAddress ip) {
        return new EndpointSlice(ObjectRef.of("kube-system", "kube-dns-x1"), "kube-dns", IpFamily.IPv4,
                List.of(new EndpointPort("dns", Protocol.UDP, 53)), List.of(new Endpoint(List.of(ip), true, true,
                        false, null, null, List.of(), List.of(), null, new TargetRef("Pod", "kube-system",
                        "coredns-668d6bf9bc-4xk7n"))));
    }

    /** The slice of {@code default/kubernetes}: the API server's ENI and a host-network endpoint on node-b. */
    private static EndpointSlice apiServerSlice() {
        return new EndpointSlice(ObjectRef.of("default", "kubernetes"), "kubernetes", IpFamily.IPv4,
                List.of(new EndpointPort("https", Protocol.TCP, 443)), List.of(
                        new Endpoint(List.of(API_ENI), true, true, false, null, null, List.of(), List.of(), null),
                        new Endpoint(List.of(NODE_B), true, true, false, "node-b", null, List.of(), List.of(),
                                null)));
    }

    private static ClusterSnapshot cluster(boolean mixed, EndpointSlice... more) {
        List<EndpointSlice> slices = new ArrayList<>(web().slices());
        slices.addAll(List.of(more));
        return ClusterSnapshot.of(List.of(web().service()), slices, nodes(mixed));
    }

    /** A proxier on node-a without {@code --cluster-cidr}, as on EKS. */
    private static EbpfDataPlane synced(ClusterSnapshot c) {
        EbpfDataPlane p = new EbpfDataPlane(NodeConfig.of(ModeTestCluster.THIS_NODE, List.of(NODE_A)), IpFamily.IPv4,
                EbpfConfig.defaults());
        p.sync(c);
        return p;
    }

    private static long classify(EbpfDataPlane p, IpAddress src) {
        return p.classify(packet(src, CLUSTER_IP, 80), 0, 1);
    }

    /** Asserts that classification {@code c} is {@code verdict} after {@code work} map lookups ({@code why}). */
    private static void assertVerdictAndWork(Verdict verdict, int work, long c, String why) {
        assertEquals(verdict, Classification.verdict(c), why);
        assertEquals(work, Classification.work(c), why);
    }

    @Test
    void podWithoutAPodCidrReachesAClusterIpWhileAnOutsideSourceIsStillDropped() {
        EbpfDataPlane p = synced(cluster(false, dnsSlice(VPC_POD)));
        assertVerdictAndWork(Verdict.DNAT, 6, classify(p, VPC_POD),
                "service, ipcache, service conntrack lookup, slot, backend, conntrack create (a remote pod: bpf_lxc)");
        assertVerdictAndWork(Verdict.DROP, 2, classify(p, EXTERNAL_CLIENT),
                "bpf-lb-external-clusterip=false: service, ipcache miss");
        Explanation e = p.explain(packet(VPC_POD, CLUSTER_IP, 80));
        assertEquals(Verdict.DNAT, e.verdict());
        assertTrue(e.path().contains("lookup_ip4_remote_endpoint (ipcache): 192.168.12.40 -> remote pod (cluster "
                + "identity)"), e.path().toString());
        assertEquals(Verdict.DROP, p.explain(packet(EXTERNAL_CLIENT, CLUSTER_IP, 80)).verdict());
    }

    @Test
    void podOnThisNodeWithoutAPodCidrIsTranslatedAtConnectAndNotMasqueradedReachingItself() {
        EndpointSlice local = new EndpointSlice(ObjectRef.of("ns", "web-local"), "web", IpFamily.IPv4,
                List.of(new EndpointPort("", Protocol.TCP, 8080)), List.of(new Endpoint(List.of(VPC_POD), true, true,
                        false, "node-a", null, List.of(), List.of(), null)));
        EbpfDataPlane p = synced(cluster(false, local));
        Explanation e = p.explain(packet(VPC_POD, CLUSTER_IP, 80));
        assertTrue(e.path().contains("lookup_ip4_remote_endpoint (ipcache): 192.168.12.40 -> local pod (cluster "
                + "identity)"), e.path().toString());
        assertTrue(e.path().contains("sock4_connect: translated (connect-time; later packets need no per-packet NAT)"),
                e.path().toString());
        for (long r = 0; r < 16; r++) {
            long c = p.classify(packet(VPC_POD, CLUSTER_IP, 80), 0, r);
            assertEquals(Verdict.DNAT, Classification.verdict(c));
            assertFalse(Classification.masquerade(c), "socket LB: no hairpin SNAT, even to itself");
        }
        Explanation remote = synced(cluster(false, dnsSlice(VPC_POD))).explain(packet(VPC_POD, CLUSTER_IP, 80));
        assertFalse(remote.path().toString().contains("sock4_connect"),
                "a pod not named on this node is remote: per-packet translation (bpf_lxc)");
    }

    @Test
    void endpointsThatAreNoPodsStayOutsideTheCluster() {
        EbpfDataPlane p = synced(cluster(false, dnsSlice(VPC_POD), apiServerSlice()));
        assertEquals(Verdict.DROP, Classification.verdict(classify(p, API_ENI)), "an off-cluster ENI is world");
        assertEquals(Verdict.DROP, Classification.verdict(classify(p, NODE_B)),
                "a host-network endpoint (a remote node's address) gets no CiliumEndpoint");
    }

    @Test
    void sourceInAPodCidrPaysNoIpcacheLookup() {
        EbpfDataPlane p = synced(cluster(true, dnsSlice(VPC_POD)));
        assertVerdictAndWork(Verdict.DNAT, 3, classify(p, CIDR_POD),
                "service, slot, backend: the prefix scan decides");
        assertEquals(6, Classification.work(classify(p, VPC_POD)),
                "a prefix miss pays the ipcache lookup (and, per packet, the service conntrack lookup and create)");
    }

    @Test
    void clusterWhosePodsAllLieInPodCidrsLooksNothingUp() {
        EbpfDataPlane p = synced(new ModeTestCluster().remoteEndpoints(2).build());
        assertVerdictAndWork(Verdict.DROP, 1, classify(p, EXTERNAL_CLIENT),
                "empty ipcache: service, then non-routable");
    }

    @Test
    void incrementalSyncsAddAndDropPodsInTheIpcache() {
        ClusterSnapshot before = cluster(false);
        EbpfDataPlane p = synced(before);
        assertEquals(Verdict.DROP, Classification.verdict(classify(p, VPC_POD)), "no endpoint has it yet");
        ChangeSet add = ChangeSet.builder().addSlice(dnsSlice(VPC_POD)).build();
        ClusterSnapshot with = before.apply(add);
        p.sync(with, add);
        assertEquals(Verdict.DNAT, Classification.verdict(classify(p, VPC_POD)), "the pod's slice came");
        EndpointSlice dns = dnsSlice(VPC_POD);
        ChangeSet delete = ChangeSet.builder().deleteSlice(dns.ref(), dns.serviceRef()).build();
        p.sync(with.apply(delete), delete);
        assertEquals(Verdict.DROP, Classification.verdict(classify(p, VPC_POD)), "the pod's slice went");
    }

    @Test
    void ipcacheLookupAllocatesNothing() {
        EbpfDataPlane p = synced(cluster(false, dnsSlice(VPC_POD)));
        FiveTuple[] pods = EbpfAllocationTest.packets(1024, CLUSTER_IP.v4(), 80, VPC_POD.v4());
        FiveTuple[] outside = EbpfAllocationTest.packets(1024, CLUSTER_IP.v4(), 80, EXTERNAL_CLIENT.v4());
        long bytes = AllocationProbe.allocatedBytes(p, pods) + AllocationProbe.allocatedBytes(p, outside);
        assertTrue(bytes < 4096, "allocated " + bytes + " bytes");
    }
}
