package io.kpbench.cluster.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.Endpoint;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.Node;
import io.kpbench.cluster.ObjectRef;
import io.kpbench.cluster.Service;
import io.kpbench.cluster.ServicePort;
import io.kpbench.cluster.SessionAffinity;
import io.kpbench.net.Cidr;
import io.kpbench.net.Protocol;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticClusterTest {
    private static final String MIX = "services=2000,endpoints=uniform:0-30,nodes=20,zones=3,ports=2,"
            + "types=ClusterIP:60+NodePort:25+LoadBalancer:15,local=0.4,affinity=0.3,terminating=0.2,hints=0.5,udp=0.1";

    private static ClusterSnapshot generate(String spec) {
        SyntheticSpec s = SyntheticSpec.parse(spec);
        ClusterSnapshot c = SyntheticCluster.generate(s);
        ClusterInvariants.check(s, c);
        return c;
    }

    @Test
    void theSameSpecGivesAnEqualCluster() {
        assertEquals(generate(MIX + ",seed=5"), generate(MIX + ",seed=5"));
    }

    @Test
    void anotherSeedGivesAnotherCluster() {
        ClusterSnapshot a = generate(MIX + ",seed=5");
        ClusterSnapshot b = generate(MIX + ",seed=6");
        assertNotEquals(a, b);
        assertNotEquals(a.services().values().iterator().next().clusterIP(),
                b.services().values().iterator().next().clusterIP());
    }

    @Test
    void theDefaultClusterKeepsEveryInvariant() {
        ClusterSnapshot c = generate("");
        assertEquals(100, c.slices().size());
        assertEquals(300, c.slices().values().stream().mapToInt(s -> s.endpoints().size()).sum());
        assertEquals(10, c.services().keySet().stream().map(ObjectRef::namespace).distinct().count());
    }

    @Test
    void sharesAreRoughlyHonoured() {
        ClusterSnapshot c = generate(MIX);
        int external = 0;
        int local = 0;
        int affinity = 0;
        int udp = 0;
        int hinted = 0;
        for (Service s : c.services().values()) {
            external += s.type().hasNodePorts() ? 1 : 0;
            local += s.externalPolicyLocal() ? 1 : 0;
            affinity += s.sessionAffinity() == SessionAffinity.ClientIP ? 1 : 0;
            udp += (int) s.ports().stream().filter(p -> p.protocol() == Protocol.UDP).count();
            hinted += c.slicesOf(s.ref()).stream().flatMap(sl -> sl.endpoints().stream())
                    .anyMatch(e -> !e.zoneHints().isEmpty()) ? 1 : 0;
        }
        long endpoints = c.slices().values().stream().mapToLong(s -> s.endpoints().size()).sum();
        long terminating = c.slices().values().stream().flatMap(s -> s.endpoints().stream())
                .filter(Endpoint::isTerminating).count();
        assertEquals(800, external);
        assertNear(0.4, local / 800.0, 0.06, "local");
        assertNear(0.3, affinity / 2000.0, 0.04, "affinity");
        assertNear(0.1, udp / 4000.0, 0.02, "udp");
        assertNear(0.5, hinted / 2000.0, 0.05, "hints");
        assertNear(0.2, terminating / (double) endpoints, 0.02, "terminating");
    }

    private static void assertNear(double want, double got, double tolerance, String what) {
        assertTrue(Math.abs(want - got) <= tolerance, what + ": want about " + want + ", got " + got);
    }

    @Test
    void clusterIPsAvoidTheStaticBandWhileTheUpperRangeHasRoom() {
        ClusterSnapshot c = generate("services=3000,serviceCidr=10.96.0.0/20");
        Cidr lowBand = Cidr.parse("10.96.0.0/24");
        assertTrue(c.services().values().stream().noneMatch(s -> lowBand.contains(s.clusterIP())));
    }

    @Test
    void aFullServiceCidrUsesTheStaticBandToo() {
        ClusterSnapshot c = generate("services=29,serviceCidr=10.96.0.0/27");
        assertEquals(29, c.services().size());
    }

    @Test
    void podCidrBlocksWidenWhenANodeHoldsMoreThanASlash24() {
        ClusterSnapshot c = generate("services=10,endpoints=1000,nodes=10");
        for (Node n : c.nodes().values()) {
            assertEquals(22, n.podCIDRs().get(0).prefix(), n.name());
            assertTrue(Cidr.parse("10.244.0.0/16").contains(n.podCIDRs().get(0).base()));
        }
    }

    @Test
    void thePodCidrWidensWhenTheNodeBlocksDoNotFit() {
        ClusterSnapshot c = generate("services=10,nodes=1000");
        Cidr widened = Cidr.parse("10.244.0.0/14");
        assertEquals(Cidr.parse("10.244.0.0/24"), c.node("node-0001").podCIDRs().get(0));
        assertEquals(Cidr.parse("10.247.231.0/24"), c.node("node-1000").podCIDRs().get(0));
        assertTrue(c.nodes().values().stream().allMatch(n -> widened.contains(n.podCIDRs().get(0).base())));
    }

    @Test
    void aWidenedPodCidrThatWouldOverlapTheServiceCidrIsRefused() {
        SyntheticSpec s = SyntheticSpec.parse("services=0,nodes=5000,podCidr=10.112.0.0/16");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SyntheticCluster.generate(s));
        assertTrue(e.getMessage().startsWith("podCidr: ") && e.getMessage().contains("serviceCidr"), e.getMessage());
    }

    @Test
    void healthCheckNodePortsThatExhaustTheRangeAreRefusedNamingTypes() {
        SyntheticSpec s = SyntheticSpec.parse("services=2768,types=LoadBalancer,local=1,endpoints=0");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SyntheticCluster.generate(s));
        assertTrue(e.getMessage().startsWith("types: ") && e.getMessage().contains("5536"), e.getMessage());
    }

    @Test
    void everyNodePortOfAFullRangeIsHandedOutOnce() {
        ClusterSnapshot c = generate("services=2768,types=NodePort,endpoints=0");
        assertEquals(2768,
                c.services().values().stream().mapToInt(s -> s.ports().get(0).nodePort()).distinct().count());
    }

    @Test
    void loadBalancerIPsMoveToTheLargePoolPast254() {
        ClusterSnapshot small = generate("services=254,types=LoadBalancer,endpoints=1");
        ClusterSnapshot large = generate("services=255,types=LoadBalancer,endpoints=1");
        assertTrue(small.services().values().stream()
                .allMatch(s -> SyntheticSpec.SMALL_LB_POOL.contains(s.ingress().get(0).ip())));
        assertTrue(large.services().values().stream()
                .allMatch(s -> SyntheticSpec.LARGE_LB_POOL.contains(s.ingress().get(0).ip())));
    }

    @Test
    void slicesSplitAtAHundredEndpointsAndServicesWithoutEndpointsKeepAnEmptySlice() {
        ClusterSnapshot c = generate("services=2,endpoints=250,nodes=7");
        List<EndpointSlice> slices = c.slicesOf(ObjectRef.of("ns-01", "svc-00001"));
        assertEquals(List.of(100, 100, 50), slices.stream().map(s -> s.endpoints().size()).sorted((a, b) -> b - a)
                .toList());
        ClusterSnapshot empty = generate("services=1,endpoints=0");
        assertEquals(0, empty.slicesOf(ObjectRef.of("ns-01", "svc-00001")).get(0).endpoints().size());
    }

    @Test
    void aServiceSpreadsItsEndpointsOverDistinctNodes() {
        ClusterSnapshot c = generate("services=50,endpoints=5,nodes=8");
        for (Service s : c.services().values()) {
            assertEquals(5, c.slicesOf(s.ref()).get(0).endpoints().stream().map(Endpoint::nodeName).distinct().count());
        }
    }

    @Test
    void multiPortServicesNameTheirPortsAndTargetContainerPorts() {
        ClusterSnapshot c = generate("services=200,ports=3,nodes=3");
        for (Service s : c.services().values()) {
            EndpointSlice slice = c.slicesOf(s.ref()).get(0);
            for (int j = 0; j < 3; j++) {
                ServicePort p = s.ports().get(j);
                assertEquals("p" + j, p.name());
                assertEquals(8080 + j, slice.ports().get(j).port());
                assertTrue(p.targetPort().isNamed() ? p.targetPort().name().equals("app-" + j)
                        : p.targetPort().number() == 8080 + j);
            }
            assertEquals(3, s.ports().stream().map(ServicePort::port).distinct().count());
        }
    }
}
