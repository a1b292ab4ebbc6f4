package io.kpbench.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.ObjectRef;
import io.kpbench.net.IpAddress;
import io.kpbench.net.Protocol;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TopologyTest {
    private static final ServicePortName SPN = new ServicePortName(ObjectRef.of("ns", "svc"), "p80", Protocol.TCP);

    private static ServicePortInfo svc(boolean nodePort, boolean eLocal, boolean iLocal) {
        return new ServicePortInfo(SPN, IpAddress.parse("10.96.0.1"), 80, Protocol.TCP, nodePort ? 30080 : 0,
                List.of(), List.of(), List.of(), 0, eLocal, iLocal, 0);
    }

    private static EndpointInfo ep(String ip, boolean local, boolean ready, boolean serving, boolean terminating,
            String... zoneHints) {
        return new EndpointInfo(IpAddress.parse(ip), 80, local, ready, serving, terminating, local ? "me" : "other",
                Set.of(zoneHints), Set.of());
    }

    private static String ips(List<EndpointInfo> l) {
        return l.stream().map(EndpointInfo::toString).collect(Collectors.joining(", "));
    }

    @Test
    void clusterPolicyUsesEveryReadyEndpoint() {
        var c = Topology.categorize(List.of(ep("10.0.0.1", true, true, true, false),
                ep("10.0.0.2", false, true, true, false), ep("10.0.0.3", false, false, false, false)),
                svc(false, false, false), "me", "z1", true);
        assertEquals("10.0.0.1:80, 10.0.0.2:80", ips(c.cluster()));
        assertEquals(c.cluster(), c.allReachable());
        assertTrue(c.hasAnyEndpoints());
    }

    @Test
    void clusterPolicyFallsBackToServingTerminatingEndpointsOnlyWhenNoneAreReady() {
        var c = Topology.categorize(List.of(ep("10.0.0.1", false, false, true, true),
                ep("10.0.0.2", false, false, false, true)), svc(false, false, false), "me", "z1", true);
        assertEquals("10.0.0.1:80", ips(c.cluster()));
        assertTrue(c.hasAnyEndpoints());
    }

    @Test
    void internalLocalPolicyOnClusterIpOnlyUsesLocalEndpoints() {
        var c = Topology.categorize(List.of(ep("10.0.0.1", false, true, true, false),
                ep("10.0.0.2", true, true, true, false)), svc(false, false, true), "me", "z1", true);
        assertEquals("", ips(c.cluster()));
        assertEquals("10.0.0.2:80", ips(c.local()));
        assertEquals(c.local(), c.allReachable());
    }

    @Test
    void internalLocalPolicyWithoutLocalEndpointsStillReportsThatEndpointsExist() {
        var c = Topology.categorize(List.of(ep("10.0.0.1", false, true, true, false)), svc(false, false, true),
                "me", "z1", true);
        assertTrue(c.local().isEmpty());
        assertTrue(c.hasAnyEndpoints());
    }

    @Test
    void externalLocalPolicyFallsBackToLocalServingTerminatingAndMergesWithClusterEndpoints() {
        var c = Topology.categorize(List.of(ep("10.0.0.1", false, true, true, false),
                ep("10.0.0.2", true, false, true, true)), svc(true, true, false), "me", "z1", true);
        assertEquals("10.0.0.1:80", ips(c.cluster()));
        assertEquals("10.0.0.2:80", ips(c.local()));
        assertEquals("10.0.0.1:80, 10.0.0.2:80", ips(c.allReachable()));
    }

    @Test
    void zoneHintsFilterClusterEndpointsWhenEveryReadyEndpointHasOneAndOneNamesThisZone() {
        var c = Topology.categorize(List.of(ep("10.0.0.1", false, true, true, false, "z1"),
                ep("10.0.0.2", false, true, true, false, "z2")), svc(false, false, false), "me", "z1", true);
        assertEquals("10.0.0.1:80", ips(c.cluster()));
    }

    @Test
    void zoneHintsAreIgnoredWhenAnyReadyEndpointLacksOne() {
        var c = Topology.categorize(List.of(ep("10.0.0.1", false, true, true, false, "z1"),
                ep("10.0.0.2", false, true, true, false)), svc(false, false, false), "me", "z1", true);
        assertEquals("10.0.0.1:80, 10.0.0.2:80", ips(c.cluster()));
    }

    @Test
    void zoneHintsAreIgnoredWhenNoneNamesThisZone() {
        var c = Topology.categorize(List.of(ep("10.0.0.1", false, true, true, false, "z2")),
                svc(false, false, false), "me", "z1", true);
        assertEquals("10.0.0.1:80", ips(c.cluster()));
    }

    @Test
    void noEndpointsMeansNothingIsReachable() {
        var c = Topology.categorize(List.of(), svc(true, true, false), "me", "z1", true);
        assertFalse(c.hasAnyEndpoints());
        assertTrue(c.allReachable().isEmpty());
    }
}
