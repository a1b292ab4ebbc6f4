package io.kpbench.proxy;

import static io.kpbench.proxy.ModeTestCluster.CLUSTER_IP;
import static io.kpbench.proxy.ModeTestCluster.EXTERNAL_CLIENT;
import static io.kpbench.proxy.ModeTestCluster.LOCAL_POD;
import static io.kpbench.proxy.ModeTestCluster.NODE_A;
import static io.kpbench.proxy.ModeTestCluster.NODE_PORT;
import static io.kpbench.proxy.ModeTestCluster.packet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.Endpoint;
import io.kpbench.cluster.EndpointPort;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.ObjectRef;
import io.kpbench.cluster.Service;
import io.kpbench.cluster.ServicePort;
import io.kpbench.cluster.ServiceType;
import io.kpbench.cluster.SessionAffinity;
import io.kpbench.cluster.TargetPort;
import io.kpbench.cluster.TrafficPolicy;
import io.kpbench.net.Cidr;
import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.net.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The contract of {@link DataPlane} that every {@link ProxyMode} keeps: the behaviour all five share, whatever
 * their mechanism. Where a mode documents a different behaviour ({@link ModeDifferences}), the test says so
 * explicitly instead of weakening the expectation for the others.
 */
class DataPlaneContractTest {
    private static final Set<String> FOUR = Set.of("10.244.1.5:8080", "10.244.2.1:8080", "10.244.2.2:8080",
            "10.244.2.3:8080");

    private static DataPlane synced(ProxyMode mode, ClusterSnapshot cluster) {
        DataPlane p = mode.create(ModeTestCluster.nodeConfig(), IpFamily.IPv4);
        p.sync(cluster);
        return p;
    }

    private static Set<String> endpoints(Explanation e) {
        return Set.copyOf(e.endpoints());
    }

    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void clusterIpFromAPodReachesEveryReadyEndpoint(ProxyMode mode) {
        DataPlane p = synced(mode, new ModeTestCluster().endpoint("10.244.1.5", "node-a").remoteEndpoints(3)
                .endpoint("10.244.3.9", "node-b", false, false, false).build());
        Explanation e = p.explain(packet(LOCAL_POD, CLUSTER_IP, 80));
        assertEquals(Verdict.DNAT, e.verdict(), e.path().toString());
        assertEquals(FOUR, endpoints(e));
    }

    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void aServiceWithOnlyTerminatingEndpointsFallsBackToTheServingOnes(ProxyMode mode) {
        DataPlane p = synced(mode, new ModeTestCluster().endpoint("10.244.2.1", "node-b", false, true, true)
                .endpoint("10.244.2.2", "node-b", false, false, true).build());
        Explanation e = p.explain(packet(LOCAL_POD, CLUSTER_IP, 80));
        if (mode == ProxyMode.USERSPACE) {
            // userspace predates the serving-terminating fallback (proxy/userspace/package-info.java)
            assertEquals(Verdict.REJECT, e.verdict());
            return;
        }
        assertEquals(Verdict.DNAT, e.verdict(), e.path().toString());
        assertEquals(Set.of("10.244.2.1:8080"), endpoints(e));
    }

    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void aServiceWithoutUsableEndpointsIsRejectedNotDnatted(ProxyMode mode) {
        for (ClusterSnapshot c : List.of(new ModeTestCluster().type(ServiceType.NodePort).build(),
                new ModeTestCluster().type(ServiceType.NodePort).endpoint("10.244.2.1", "node-b", false, false, false)
                        .build())) {
            DataPlane p = synced(mode, c);
            assertEquals(Verdict.REJECT, p.explain(packet(LOCAL_POD, CLUSTER_IP, 80)).verdict());
            assertEquals(Verdict.REJECT, p.explain(packet(EXTERNAL_CLIENT, NODE_A, NODE_PORT)).verdict());
        }
    }

    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void nodePortFromAnExternalClientReachesTheEndpoints(ProxyMode mode) {
        DataPlane p = synced(mode, new ModeTestCluster().type(ServiceType.NodePort).endpoint("10.244.1.5", "node-a")
                .remoteEndpoints(3).build());
        Explanation e = p.explain(packet(EXTERNAL_CLIENT, NODE_A, NODE_PORT));
        assertEquals(Verdict.DNAT, e.verdict(), e.path().toString());
        assertEquals(FOUR, endpoints(e));
        assertTrue(e.masquerade(), "eTP=Cluster traffic to remote endpoints is masqueraded in every mode");
    }

    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void externalLocalPolicyFromAnExternalClientNeverReachesARemoteEndpoint(ProxyMode mode) {
        assumeFalse(mode == ProxyMode.USERSPACE, "userspace ignores traffic policies (ModeDifferences)");
        DataPlane p = synced(mode, new ModeTestCluster().type(ServiceType.LoadBalancer).vip("198.51.100.10")
                .externalIP("198.51.100.20").externalLocal().endpoint("10.244.1.5", "node-a").remoteEndpoints(3)
                .build());
        for (FiveTuple t : List.of(packet(EXTERNAL_CLIENT, NODE_A, NODE_PORT),
                packet(EXTERNAL_CLIENT, IpAddress.parse("198.51.100.10"), 80),
                packet(EXTERNAL_CLIENT, IpAddress.parse("198.51.100.20"), 80))) {
            Explanation e = p.explain(t);
            assertEquals(Verdict.DNAT, e.verdict(), t + " " + e.path());
            assertEquals(Set.of("10.244.1.5:8080"), endpoints(e), t.toString());
            assertTrue(!e.masquerade(), "eTP=Local keeps the client IP: " + t);
        }
    }

    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void classifyReturnsOneOfExplainsEndpointsForManyRandomValues(ProxyMode mode) {
        GeneratedCluster g = generated(7);
        DataPlane p = synced(mode, g);
        long now = 0;
        for (Probe probe : g.probes()) {
            Explanation e = p.explain(probe.packet());
            for (long r = 1; r <= 16; r++) {
                long c = p.classify(probe.packet(), now += 1_000_000L, r * 0x9E3779B97F4A7C15L);
                String where = mode + " " + probe + " " + e.path();
                assertEquals(e.verdict(), Classification.verdict(c), where);
                if (e.verdict() == Verdict.DNAT) {
                    assertTrue(e.endpoints().contains(p.endpoint(Classification.endpoint(c))), where);
                    assertTrue(e.masquerade() || !Classification.masquerade(c), where);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void classifyAllocatesNothing(ProxyMode mode) {
        GeneratedCluster g = generated(11);
        DataPlane p = synced(mode, g);
        FiveTuple[] packets = g.probes().stream().map(Probe::packet).toArray(FiveTuple[]::new);
        long bytes = AllocationProbe.allocatedBytes(p, packets);
        assertTrue(bytes < 4096, mode + " allocated " + bytes + " bytes in 100k classifications");
    }

    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void anIncrementalSyncGivesWhatAFreshFullSyncOfTheResultGives(ProxyMode mode) {
        for (long seed = 1; seed <= 3; seed++) {
            GeneratedCluster g = GeneratedCluster.of(new GeneratedCluster.Knobs(12, 3, 4, 0.5, 0.3, 0.5, seed,
                    GeneratedCluster.Masquerade.values()[(int) seed % 3]));
            ChangeScenario s = ChangeScenario.of(g.snapshot());
            DataPlane incremental = mode.create(g.node(), IpFamily.IPv4);
            incremental.sync(g.snapshot());
            incremental.sync(s.after(), s.changes());
            DataPlane fresh = mode.create(g.node(), IpFamily.IPv4);
            fresh.sync(s.after());
            List<String> differ = new ArrayList<>();
            for (Probe probe : GeneratedCluster.probes(s.after(), g.node())) {
                Explanation a = fresh.explain(probe.packet());
                Explanation b = incremental.explain(probe.packet());
                if (!ModeDifferences.agree(a, b)) {
                    differ.add(probe + ": full " + ModeComparison.brief(a) + ", incremental "
                            + ModeComparison.brief(b));
                }
            }
            assertTrue(differ.isEmpty(), mode + " seed " + seed + ": " + differ.size() + " differ, first "
                    + differ.subList(0, Math.min(3, differ.size())));
        }
    }

    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void everyClassifiedPacketReturnsTheWorkItCost(ProxyMode mode) {
        DataPlane p = synced(mode, new ModeTestCluster().remoteEndpoints(3).build());
        long first = p.classify(packet(LOCAL_POD, CLUSTER_IP, 80), 0, 42);
        long second = p.classify(packet(LOCAL_POD, CLUSTER_IP, 80), 1, 43);
        long miss = p.classify(packet(LOCAL_POD, IpAddress.parse("10.96.200.200"), 9), 2, 44);
        assertTrue(Classification.work(first) > 0, mode + " returned no work for a DNATed packet");
        assertTrue(Classification.work(second) > 0, mode + " returned no work for the second packet");
        assertTrue(Classification.work(miss) > 0, mode + " returned no work for a packet no service matches");
    }

    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void anIpv6ClusterIpIsProxiedByTheIpv6ProxierAndIgnoredByTheIpv4One(ProxyMode mode) {
        IpAddress cip = IpAddress.parse("fd00:96::10");
        Service svc = new Service(ObjectRef.of("ns", "v6"), ServiceType.ClusterIP, List.of(cip), false,
                List.of(IpFamily.IPv6), List.of(new ServicePort("", Protocol.TCP, 80, TargetPort.of(8080), 0)),
                List.of(), List.of(), null, TrafficPolicy.Cluster, SessionAffinity.None, 0, List.of(), 0, null,
                Map.of());
        EndpointSlice slice = new EndpointSlice(ObjectRef.of("ns", "v6-1"), "v6", IpFamily.IPv6,
                List.of(new EndpointPort("", Protocol.TCP, 8080)),
                List.of(new Endpoint(List.of(IpAddress.parse("fd00:244:2::7")), true, true, false, "other", null,
                        List.of(), List.of(), null)));
        ClusterSnapshot cluster = ClusterSnapshot.of(List.of(svc), List.of(slice), List.of());
        NodeConfig node = NodeConfig.of("me", List.of(IpAddress.parse("192.168.0.1"), IpAddress.parse("fd00::1")))
                .withClusterCIDRs(List.of(Cidr.parse("10.244.0.0/16"), Cidr.parse("fd00:244::/32")));
        FiveTuple pod = new FiveTuple().set(IpAddress.parse("fd00:244:1::3"), 5000, cip, 80, Protocol.TCP);
        DataPlane v4 = mode.create(node, IpFamily.IPv4);
        v4.sync(cluster);
        assertEquals(Verdict.NONE, v4.explain(pod).verdict());
        DataPlane v6 = mode.create(node, IpFamily.IPv6);
        v6.sync(cluster);
        Explanation e = v6.explain(pod);
        assertEquals(Verdict.DNAT, e.verdict(), e.path().toString());
        assertEquals(List.of("[fd00:244:2::7]:8080"), e.endpoints());
    }

    /** The small generated cluster (12 services) the random-value contracts run against, drawn from {@code seed}. */
    private static GeneratedCluster generated(long seed) {
        return GeneratedCluster.of(new GeneratedCluster.Knobs(12, 3, 4, 0.5, 0.3, 0.5, seed));
    }

    /** A {@code mode} IPv4 data plane on {@code g}'s node, synced to {@code g}. */
    private static DataPlane synced(ProxyMode mode, GeneratedCluster g) {
        DataPlane p = mode.create(g.node(), IpFamily.IPv4);
        p.sync(g.snapshot());
        return p;
    }
}
