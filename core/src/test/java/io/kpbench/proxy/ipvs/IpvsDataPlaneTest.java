package io.kpbench.proxy.ipvs;

import static io.kpbench.proxy.ipvs.Fixtures.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.net.IpFamily;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.DataPlane;
import io.kpbench.proxy.Explanation;
import io.kpbench.proxy.ModeTestCluster;
import io.kpbench.proxy.ProxyMode;
import io.kpbench.proxy.SyncStats;
import io.kpbench.proxy.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class IpvsDataPlaneTest {
    @Test
    void proxyModeIpvsIsAvailableAndCreatesAnIpvsDataPlane() {
        assertTrue(ProxyMode.IPVS.available());
        DataPlane p = ProxyMode.IPVS.create(Fixtures.node(), IpFamily.IPv4);
        assertTrue(p instanceof IpvsDataPlane);
        assertEquals("rr", ((IpvsDataPlane) p).config().scheduler());
    }

    @Test
    void clusterIPTrafficRoundRobinsOverEndpointsAndMasqueradesOnlyNonPodSources() {
        ModeTestCluster s = Fixtures.svc();
        IpvsDataPlane p = Fixtures.plane("rr");
        SyncStats st = p.sync(s.endpoint("10.180.0.1", null).endpoint("10.180.0.2", null).build());
        assertTrue(st.full());
        long a = p.classify(tcp("10.0.0.5", 1000, "172.30.0.41", 80), 0, 0);
        long b = p.classify(tcp("10.0.0.5", 1001, "172.30.0.41", 80), 0, 0);
        assertEquals(Verdict.DNAT, Classification.verdict(a));
        assertFalse(Classification.masquerade(a));
        assertTrue(Classification.endpoint(a) != Classification.endpoint(b));
        long fromNode = p.classify(tcp("192.168.0.2", 1002, "172.30.0.41", 80), 0, 0);
        assertTrue(Classification.masquerade(fromNode));
        Explanation e = p.explain(tcp("10.0.0.5", 1003, "172.30.0.41", 80));
        assertEquals(List.of("10.180.0.1:80", "10.180.0.2:80"), e.endpoints().stream().sorted().toList());
    }

    @ParameterizedTest
    @MethodSource(Fixtures.BOTH_FAMILIES)
    void aPacketsWorkIsItsRulesProbesAndChainNodesAsTheExplanationCountsThem(Fixtures.Family f) {
        IpvsDataPlane p = f.synced(f.svc().endpoint(f.ep1(), Fixtures.NODE));
        int explained = p.explain(tcp(f.client(), 1000, f.vip(), 80)).rulesEvaluated();
        long first = p.classify(tcp(f.client(), 1000, f.vip(), 80), 0, 0);
        assertEquals(Verdict.DNAT, Classification.verdict(first));
        assertTrue(explained > 2, "rules, ipset probes, one virtual-server node and the hairpin rule: " + explained);
        assertEquals(explained, Classification.work(first), "an empty connection chain, then one virtual-server node");
        long again = p.classify(tcp(f.client(), 1000, f.vip(), 80), 1, 0);
        assertEquals(explained, Classification.work(again), "one connection node instead of the virtual-server node");
        long miss = p.classify(tcp(f.client(), 1000, f.vip(), 81), 0, 0);
        assertEquals(Verdict.REJECT, Classification.verdict(miss));
        assertTrue(Classification.work(miss) > 0 && Classification.work(miss) < explained, "stops in KUBE-IPVS-FILTER");
    }
}
