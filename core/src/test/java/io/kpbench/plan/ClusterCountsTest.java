package io.kpbench.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.Node;
import io.kpbench.cluster.growth.ClusterGrowth;
import io.kpbench.cluster.synthetic.SyntheticCluster;
import io.kpbench.cluster.synthetic.SyntheticSpec;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.ProxyMode;
import io.kpbench.proxy.ebpf.EbpfConfig;
import io.kpbench.proxy.ebpf.EbpfDataPlane;
import io.kpbench.proxy.iptables.IptablesDataPlane;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plan's counts agree with the data planes, and its growth arithmetic with the grown cluster. */
class ClusterCountsTest {
    static final ClusterSnapshot MIXED = SyntheticCluster.generate(SyntheticSpec.parse("services=60,"
            + "endpoints=uniform:0-8,nodes=3,ports=2,types=ClusterIP:6+NodePort:2+LoadBalancer:2,local=0.5,"
            + "affinity=0.3,terminating=0.1"));

    static NodeConfig nodeOf(ClusterSnapshot c) {
        Node n = c.nodes().values().iterator().next();
        return NodeConfig.of(n.name(), List.of(n.primaryIP(IpFamily.IPv4)));
    }

    @Test
    void ciliumMapEntriesAreCountedAsTheEbpfCompilerWritesThem() {
        NodeConfig node = nodeOf(MIXED);
        EbpfDataPlane ebpf = new EbpfDataPlane(node, IpFamily.IPv4, EbpfConfig.defaults());
        ebpf.sync(MIXED);
        ClusterCounts c = ClusterCounts.of(MIXED, node, IpFamily.IPv4);
        assertEquals(ebpf.serviceEntries(), c.ciliumServiceEntries());
        assertEquals(ebpf.backends(), c.ciliumBackends());
        assertTrue(c.ciliumServiceIds() > c.frontends() / 2, "NodePort services add the 0.0.0.0 surrogate");
    }

    @Test
    void iptablesRulesAreTheInstalledRulesetsAndLinesTheRestoreInputs() {
        NodeConfig node = nodeOf(MIXED);
        IptablesDataPlane ipt = new IptablesDataPlane(node, IpFamily.IPv4);
        ipt.sync(MIXED);
        ClusterCounts c = ClusterCounts.of(MIXED, node, IpFamily.IPv4);
        assertEquals(ipt.ruleCount(), c.iptablesRules());
        assertEquals(ipt.lastRestoreInput().lines().count(), c.iptablesLines());
        assertEquals(ipt.lastRestoreInput().length(), c.iptablesBytes());
    }

    @Test
    void growthByArithmeticMatchesTheClusterGrownByClusterGrowth() {
        NodeConfig node = nodeOf(MIXED);
        CapacityPlan arithmetic = CapacityPlan.of(MIXED, node, IpFamily.IPv4, PlanOptions.defaults());
        CapacityPlan grown = CapacityPlan.of(ClusterGrowth.scale(MIXED, 3), node, IpFamily.IPv4,
                PlanOptions.defaults());
        for (ProxyMode mode : ProxyMode.values()) {
            ModePlan a = arithmetic.mode(mode);
            ModePlan g = grown.mode(mode);
            for (int i = 0; i < a.limits().size(); i++) {
                assertEquals(g.limits().get(i).at(1), a.limits().get(i).at(3), 1e-6, a.limits().get(i).name());
            }
            for (int i = 0; i < a.sizes().size(); i++) {
                Metric m = a.sizes().get(i);
                if (m.name().contains("bytes")) {
                    // past 1000 endpoints kube-proxy drops the KUBE-SEP comments: the arithmetic is an upper bound
                    assertTrue(g.sizes().get(i).at(1) <= m.at(3), m.name());
                } else {
                    assertEquals(g.sizes().get(i).at(1), m.at(3), 1e-6, m.name());
                }
            }
        }
    }
}
