package io.kpbench.path;

import static io.kpbench.path.SeedJourneyTest.last;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.Endpoint;
import io.kpbench.cluster.ServiceType;
import io.kpbench.cluster.TrafficPolicy;
import io.kpbench.cluster.manifest.LoadOptions;
import io.kpbench.cluster.manifest.ManifestLoader;
import io.kpbench.net.IpAddress;
import io.kpbench.path.JourneyResult.Outcome;
import io.kpbench.proxy.ProxyMode;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An endpoint no pod or node has (EKS's API-server ENIs, a selector-less Service's manual EndpointSlice) is a host
 * outside the cluster: DNATed as any endpoint, routed out of the node, and its reply un-NATed by the node's
 * conntrack, in every mode.
 */
class OffClusterEndpointJourneyTest {
    private static final String EKS = "../scenarios/kubectl-get-eks.yaml";
    private static final String COREDNS = "pod/kube-system/coredns-668d6bf9bc-4xk7n";
    private static final String COREDNS_NODE = "ip-192-168-12-34.ec2.internal";
    private static final Set<String> API_SERVER = Set.of("192.168.101.23:443", "192.168.160.5:443");
    private static final IpAddress DATABASE = IpAddress.parse("172.31.5.10");

    private static ClusterPath eks(ProxyMode mode) {
        return new ClusterPath(ManifestLoader.load(List.of(EKS), InputStream.nullInputStream(),
                LoadOptions.defaults()).snapshot(), mode::create, mode.cliName(), true, false, 1024);
    }

    /** The seed cluster plus {@code default/external-db}, without a selector, sliced by hand to {@link #DATABASE}. */
    private static ClusterPath withExternalDatabase(ProxyMode mode, ServiceType type) {
        SeedCluster c = new SeedCluster().with(
                SeedCluster.service("external-db", type, "10.96.99.10", type.hasNodePorts() ? 30099 : 0, List.of(),
                        TrafficPolicy.Cluster, 0),
                SeedCluster.slice("external-db", "external-db-manual", List.of(new Endpoint(List.of(DATABASE), true,
                        true, false, null, null, List.of(), List.of(), null))));
        return SeedJourneyTest.seed(mode, c);
    }

    /** Replied with the source dialled, off-cluster, delivered to no pod, un-NATed by conntrack on {@code node}. */
    private static void assertRepliedFromOutside(Walk.PacketWalk p, String node) {
        assertEquals(Outcome.REPLIED, p.outcome(), p.requestSummary() + " | " + p.request());
        assertTrue(JourneyResult.has(p.result(), JourneyResult.OFF_CLUSTER), p.requestSummary());
        assertNull(last(p.request(), HopKind.DELIVER), "no pod or node takes it: " + p.request());
        Hop unNat = last(p.reply(), HopKind.UNNAT);
        assertNotNull(unNat, "the node's conntrack reverses the NAT: " + p.reply());
        assertEquals(node, unNat.at());
    }

    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void eksApiServerEndpointOutsideThePodNetworkIsDeliveredAndRepliedInBothPackets(ProxyMode mode) {
        ClusterPath cp = eks(mode);
        Set<String> reached = new HashSet<>();
        for (long seed = 1; seed <= 8; seed++) {
            Walk w = cp.walk(COREDNS, "http://kubernetes.default.svc.cluster.local:443/", 2, seed);
            for (Walk.PacketWalk p : w.packets()) {
                assertRepliedFromOutside(p, COREDNS_NODE);
                String endpoint = last(p.request(), p.number() == 1 ? HopKind.DNAT : HopKind.CONNTRACK_HIT)
                        .packet().split(" -> ")[1];
                assertTrue(API_SERVER.contains(endpoint), endpoint);
                reached.add(endpoint);
                assertTrue(last(p.reply(), HopKind.RECEIVE).packet().startsWith("TCP 10.100.0.1:443 -> "),
                        "the reply's source is the ClusterIP dialled: " + p.reply());
            }
            assertTrue(w.packets().get(1).fastPath(), "packet 2 takes the conntrack fast path, as for a pod");
        }
        assertEquals(API_SERVER, reached, "both API-server ENIs are endpoints");
    }

    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void selectorLessServiceWithAManualEndpointSliceToAnOffClusterAddressIsDelivered(ProxyMode mode) {
        ClusterPath cp = withExternalDatabase(mode, ServiceType.ClusterIP);
        Walk w = cp.walk("pod/default/client-node-b", "10.96.99.10:80", 2, 3);
        for (Walk.PacketWalk p : w.packets()) {
            assertRepliedFromOutside(p, "node-b");
            assertEquals(DATABASE.v4(), JourneyResult.endpointIp(p.result()));
            assertEquals(80, JourneyResult.endpointPort(p.result()));
        }
        assertTrue(w.packets().get(1).fastPath());
    }

    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void selectorLessNodePortToAnOffClusterAddressRepliesThroughTheNodeThatNatedIt(ProxyMode mode) {
        ClusterPath cp = withExternalDatabase(mode, ServiceType.NodePort);
        Walk w = cp.walk("client", SeedCluster.NODE_A + ":30099", 2, 3);
        for (Walk.PacketWalk p : w.packets()) {
            assertRepliedFromOutside(p, "node-a");
            assertTrue(last(p.reply(), HopKind.RECEIVE).packet().startsWith("TCP " + SeedCluster.NODE_A + ":30099"),
                    p.reply().toString());
        }
    }
}
