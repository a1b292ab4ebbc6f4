package io.kpbench.cluster.growth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.Endpoint;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.ObjectRef;
import io.kpbench.cluster.Service;
import io.kpbench.cluster.synthetic.SyntheticCluster;
import io.kpbench.cluster.synthetic.SyntheticSpec;
import io.kpbench.common.UserError;
import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.net.Ports;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.kpbench.cluster.manifest.LoadOptions;
import io.kpbench.cluster.manifest.ManifestLoader;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClusterGrowthTest {
    private static final ClusterSnapshot MIXED = SyntheticCluster.generate(SyntheticSpec.parse(
            "services=30,endpoints=4,nodes=3,types=ClusterIP:6+NodePort:2+LoadBalancer:2,local=0.5,ports=2"));

    @ParameterizedTest
    @ValueSource(strings = {"kubectl-get-eks.yaml", "kubectl-get-list.yaml", "dual-stack.yaml", "seed-nginx.yaml"})
    void theScenarioDumpsGrowX5KeepingTheirShape(String file) {
        ClusterSnapshot c = ManifestLoader.load(List.of("../scenarios/" + file), new ByteArrayInputStream(new byte[0]),
                LoadOptions.defaults()).snapshot();
        ClusterSnapshot x5 = ClusterGrowth.scale(c, 5);
        assertEquals(5 * c.services().size(), x5.services().size());
        assertEquals(5 * c.slices().size(), x5.slices().size());
        assertEquals(5 * ClusterGrowth.nodePortsPerCopy(c), ClusterGrowth.nodePortsPerCopy(x5), "TCP+UDP stay shared");
        ClusterGrowthShapeTest.assertSameShape(ClusterShape.of(c), ClusterShape.of(x5));
        ClusterGrowthShapeTest.assertUniqueAddressesAndPorts(x5, Ports.Range.DEFAULT_NODE_PORTS);
    }

    @Test
    void factorOneReturnsTheClusterAsIs() {
        assertSame(MIXED, ClusterGrowth.scale(MIXED, 1));
    }

    @Test
    void aFactorBelowOneIsAOneLineUserError() {
        UserError e = assertThrows(UserError.class, () -> ClusterGrowth.scale(MIXED, 0));
        assertEquals("growth: the factor must be 1 or more, not 0", e.getMessage());
    }

    @Test
    void copiesAreNamedAfterTheOriginalAndTheFactorAndGrowthIsDeterministic() {
        ClusterSnapshot x3 = ClusterGrowth.scale(MIXED, 3);
        Service first = MIXED.services().values().iterator().next();
        ObjectRef copy = ObjectRef.of(first.ref().namespace(), first.ref().name() + "-x3-2");
        assertNotNull(x3.service(copy));
        assertEquals(MIXED.slicesOf(first.ref()).size(), x3.slicesOf(copy).size());
        assertEquals(x3, ClusterGrowth.scale(MIXED, 3));
        assertEquals(MIXED.nodes(), x3.nodes());
    }

    @Test
    void newPodsStayOnTheirNodeInsideItsPodCidrAndNewClusterIpsInTheServiceCidr() {
        ClusterSnapshot x2 = ClusterGrowth.scale(MIXED, 2);
        Cidr serviceCidr = ClusterGrowth.inferServiceCidr(MIXED, IpFamily.IPv4);
        Map<IpAddress, Boolean> original = new HashMap<>();
        MIXED.slices().values().forEach(sl -> sl.endpoints().forEach(e -> original.put(e.address(), true)));
        int copies = 0;
        for (Service s : x2.services().values()) {
            assertTrue(serviceCidr.contains(s.clusterIP()), s.clusterIP() + " in " + serviceCidr);
            if (!s.ref().name().endsWith("-x2-1")) {
                continue;
            }
            for (EndpointSlice sl : x2.slicesOf(s.ref())) {
                for (Endpoint e : sl.endpoints()) {
                    copies++;
                    assertFalse(original.containsKey(e.address()), "a new pod IP");
                    assertTrue(x2.node(e.nodeName()).podCIDRs().get(0).contains(e.address()),
                            e.address() + " on " + e.nodeName());
                }
            }
        }
        assertEquals(30 * 4, copies);
        ClusterGrowthShapeTest.assertUniqueAddressesAndPorts(x2, Ports.Range.DEFAULT_NODE_PORTS);
    }

    @Test
    void theServiceCidrIsTheCommonPrefixWidenedToASlash16() {
        assertEquals(Cidr.parse("10.96.0.0/12"), ClusterGrowth.inferServiceCidr(MIXED, IpFamily.IPv4));
        ClusterSnapshot narrow = SyntheticCluster.generate(SyntheticSpec.parse("services=20,serviceCidr=10.96.0.0/24"));
        assertEquals(Cidr.parse("10.96.0.0/16"), ClusterGrowth.inferServiceCidr(narrow, IpFamily.IPv4));
        assertEquals(null, ClusterGrowth.inferServiceCidr(MIXED, IpFamily.IPv6));
    }

    @Test
    void growthPastTheNodePortRangeIsRefusedWithTheReason() {
        ClusterSnapshot np = SyntheticCluster.generate(SyntheticSpec.parse("services=2000,endpoints=1,types=NodePort:1"));
        assertEquals(2000, ClusterGrowth.nodePortsPerCopy(np));
        UserError e = assertThrows(UserError.class, () -> ClusterGrowth.scale(np, 2));
        assertEquals("growth x2: needs 2000 more node ports (2000 per copy) but the node-port range 30000-32767 "
                + "(2768 ports) has 768 free", e.getMessage());
    }

    @Test
    void growthThatExactlyFillsTheNodePortRangeSucceeds() {
        ClusterSnapshot np = SyntheticCluster.generate(SyntheticSpec.parse(
                "services=4,endpoints=1,types=NodePort:1,nodePortRange=30000-30011"));
        GrowthOptions tight = new GrowthOptions(new Ports.Range(30000, 30011), List.of());
        ClusterSnapshot x3 = ClusterGrowth.scale(np, 3, tight);
        ClusterGrowthShapeTest.assertUniqueAddressesAndPorts(x3, tight.nodePortRange());
        assertThrows(UserError.class, () -> ClusterGrowth.scale(np, 4, tight));
    }

    @Test
    void aFullServiceCidrIsAOneLineUserError() {
        GrowthOptions small = new GrowthOptions(Ports.Range.DEFAULT_NODE_PORTS, List.of(Cidr.parse("10.96.0.0/26")));
        UserError e = assertThrows(UserError.class, () -> ClusterGrowth.scale(MIXED, 4, small));
        assertEquals("growth: the service CIDR 10.96.0.0/26 has no free address left", e.getMessage());
    }
}
