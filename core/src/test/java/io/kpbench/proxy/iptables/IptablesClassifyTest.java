package io.kpbench.proxy.iptables;

import static io.kpbench.proxy.ModeTestCluster.cluster;
import static io.kpbench.proxy.ModeTestCluster.ep;
import static io.kpbench.proxy.ModeTestCluster.iptablesFakeNode;
import static io.kpbench.proxy.ModeTestCluster.kubeProxyOverall;
import static io.kpbench.proxy.ModeTestCluster.slice;
import static io.kpbench.proxy.ModeTestCluster.svc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.net.Protocol;
import io.kpbench.proxy.AllocationProbe;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.Verdict;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IptablesClassifyTest {
    private static final long SECOND = 1_000_000_000L;

    static IptablesDataPlane golden() {
        IptablesDataPlane p = new IptablesDataPlane(iptablesFakeNode(), IpFamily.IPv4);
        p.sync(kubeProxyOverall());
        return p;
    }

    @Test
    void classifyAllocatesNothingAfterWarmUp() {
        IptablesDataPlane p = golden();
        FiveTuple[] packets = {
            new FiveTuple().set(IpAddress.parse("10.0.0.2"), 1, IpAddress.parse("172.30.0.44"), 80, Protocol.TCP),
            new FiveTuple().set(IpAddress.parse("203.0.113.7"), 1, IpAddress.parse("5.6.7.8"), 80, Protocol.TCP),
            new FiveTuple().set(IpAddress.parse("203.0.113.200"), 1, IpAddress.parse("192.168.0.2"), 3002,
                    Protocol.TCP),
            new FiveTuple().set(IpAddress.parse("10.0.0.2"), 1, IpAddress.parse("172.30.0.46"), 80, Protocol.TCP)};
        long allocated = AllocationProbe.allocatedBytes(p, packets);
        assertTrue(allocated < 1024, "100k classifies allocated " + allocated + " bytes");
    }

    @Test
    void statisticRulesSplitTrafficEvenlyAcrossEndpoints() {
        IptablesDataPlane p = golden();
        FiveTuple t = new FiveTuple().set(IpAddress.parse("10.0.0.2"), 1, IpAddress.parse("172.30.0.44"), 80,
                Protocol.TCP);
        Map<String, Integer> counts = new HashMap<>();
        for (long i = 0; i < 20_000; i++) {
            long r = p.classify(t, 0, i * 0x9E37_79B9_7F4A_7C15L + 7);
            counts.merge(p.endpoint(Classification.endpoint(r)), 1, Integer::sum);
        }
        assertEquals(2, counts.size());
        assertTrue(Math.abs(counts.get("10.180.0.4:80") - 10_000) < 500, counts.toString());
    }

    @Test
    void clientIPAffinitySticksUntilTheTimeoutThenRebalances() {
        ClusterSnapshot c = cluster(List.of(svc("ns1", "svc1").clusterIP("172.30.0.41").tcp("p80", 80, 0)
                .affinity(10).build()), List.of(slice("ns1", "svc1", 1, "p80", 80, ep("10.180.0.1"), ep("10.180.0.2"),
                ep("10.180.0.3"))));
        IptablesDataPlane p = new IptablesDataPlane(iptablesFakeNode(), IpFamily.IPv4);
        p.sync(c);
        FiveTuple t = new FiveTuple().set(IpAddress.parse("10.0.0.9"), 1, IpAddress.parse("172.30.0.41"), 80,
                Protocol.TCP);
        int first = Classification.endpoint(p.classify(t, SECOND, 12345));
        for (long i = 1; i < 50; i++) {
            long r = p.classify(t, SECOND + i * SECOND / 10, i * 0x9E37_79B9_7F4A_7C15L);
            assertEquals(first, Classification.endpoint(r), "sticky within 10 s");
        }
        int changed = 0;
        for (long i = 0; i < 50; i++) {
            long r = p.classify(t, 100 * SECOND * (i + 1), i * 0x9E37_79B9_7F4A_7C15L);
            changed += Classification.endpoint(r) != first ? 1 : 0;
        }
        assertTrue(changed > 10, "after expiry the choice is random again: " + changed);
    }

    @Test
    void localPolicyWithoutLocalEndpointsDropsExternalTraffic() {
        long r = golden().classify(new FiveTuple().set(IpAddress.parse("203.0.113.2"), 1,
                IpAddress.parse("1.2.3.4"), 80, Protocol.TCP), 0, 0);
        assertEquals(Verdict.DROP, Classification.verdict(r));
    }

    @Test
    void classifyReturnsTheRulesOfTheLinearWalk() {
        IptablesDataPlane p = golden();
        long r = p.classify(new FiveTuple().set(IpAddress.parse("10.0.0.2"), 1, IpAddress.parse("172.30.0.41"), 80,
                Protocol.TCP), 0, 0);
        long n = Classification.work(r);
        assertTrue(n >= 6 && n < 40, "rules evaluated " + n);
    }
}
