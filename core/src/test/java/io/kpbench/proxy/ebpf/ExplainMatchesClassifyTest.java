package io.kpbench.proxy.ebpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.ServiceType;
import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.DataPlane;
import io.kpbench.proxy.Explanation;
import io.kpbench.proxy.ModeTestCluster;
import io.kpbench.proxy.ProxyMode;
import io.kpbench.proxy.Verdict;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ExplainMatchesClassifyTest {

    @ParameterizedTest
    @EnumSource(value = ProxyMode.class, names = {"EBPF", "USERSPACE"})
    void everyClassificationIsOneOfTheExplainedOutcomes(ProxyMode mode) {
        ClusterSnapshot cluster = new ModeTestCluster().type(ServiceType.LoadBalancer).vip("198.51.100.10")
                .externalIP("198.51.100.20").sourceRange("203.0.113.0/24").externalLocal()
                .endpoint("10.244.1.5", "node-a").remoteEndpoints(3).build();
        DataPlane p = mode.create(ModeTestCluster.nodeConfig(), IpFamily.IPv4);
        p.sync(cluster);
        List<IpAddress> sources = List.of(ModeTestCluster.EXTERNAL_CLIENT, ModeTestCluster.LOCAL_POD,
                ModeTestCluster.NODE_A, IpAddress.parse("192.0.2.1"), IpAddress.parse("10.244.2.1"));
        List<IpAddress> dsts = List.of(ModeTestCluster.CLUSTER_IP, ModeTestCluster.NODE_A,
                IpAddress.parse("198.51.100.10"), IpAddress.parse("198.51.100.20"), IpAddress.parse("10.1.1.1"));
        int[] ports = {80, ModeTestCluster.NODE_PORT, 443};
        for (IpAddress src : sources) {
            for (IpAddress dst : dsts) {
                for (int port : ports) {
                    FiveTuple t = ModeTestCluster.packet(src, dst, port);
                    Explanation e = p.explain(t);
                    for (long r = 0; r < 8; r++) {
                        long c = p.classify(t, 0, r * 0x9E3779B97F4A7C15L);
                        String where = mode + " " + t + " " + e.path();
                        assertEquals(e.verdict(), Classification.verdict(c), where);
                        if (Classification.verdict(c) == Verdict.DNAT) {
                            assertTrue(e.endpoints().contains(p.endpoint(Classification.endpoint(c))), where);
                            assertTrue(e.masquerade() || !Classification.masquerade(c), where);
                        }
                    }
                }
            }
        }
    }
}
