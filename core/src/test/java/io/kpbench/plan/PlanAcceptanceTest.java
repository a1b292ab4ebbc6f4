package io.kpbench.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.synthetic.SyntheticCluster;
import io.kpbench.cluster.synthetic.SyntheticSpec;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.ProxyMode;
import org.junit.jupiter.api.Test;

/** Issue 14's acceptance cases for {@code kpbench plan}. */
class PlanAcceptanceTest {
    @Test
    void twoThousandServicesOfFiftyEndpointsOverflowCiliumsLbMapAndReportTheIptablesRuleCount() {
        ClusterSnapshot c = SyntheticCluster.generate(SyntheticSpec.parse("services=2000,endpoints=50"));
        CapacityPlan p = CapacityPlan.of(c, ClusterCountsTest.nodeOf(c), IpFamily.IPv4, PlanOptions.defaults());
        ModePlan ebpf = p.mode(ProxyMode.EBPF);
        assertEquals(100_000, ebpf.limit("Cilium LB backend map").at(1), 0.0);
        assertTrue(ebpf.limit("Cilium LB backend map").exceeded(1));
        assertTrue(ebpf.limit("Cilium LB service map").exceeded(1));
        assertTrue(ebpf.first(1).name().startsWith("Cilium LB"));
        double rules = p.mode(ProxyMode.IPTABLES).size("iptables rules").at(1);
        assertTrue(rules > 2 * 100_000, "a KUBE-SEP chain of 2 rules and a jump per endpoint: " + rules);
        String text = PlanText.render(p);
        assertTrue(text.contains("Cilium LB backend map exceeded") || text.contains("Cilium LB service map exceeded"),
                text);
        assertTrue(text.contains("iptables rules"), text);
        assertTrue(text.contains("--bpf-lb-map-max"), "the limit cites its source");
    }

    @Test
    void twoThousandNodePortsFitButTheirX2GrowthIsBeyondTheNodePortRange() {
        ClusterSnapshot c = SyntheticCluster.generate(SyntheticSpec.parse("services=2000,endpoints=1,types=NodePort:1"));
        CapacityPlan p = CapacityPlan.of(c, ClusterCountsTest.nodeOf(c), IpFamily.IPv4, PlanOptions.defaults());
        for (ModePlan m : p.modes()) {
            Metric ports = m.limit("NodePort range");
            assertFalse(ports.exceeded(1), m.mode().cliName());
            assertTrue(ports.exceeded(2), m.mode().cliName());
            assertEquals(768, ports.headroom(1), 0.0);
        }
        assertTrue(PlanText.render(p).contains("x2: NodePort range exceeded (4000 > 2768)"), PlanText.render(p));
    }
}
