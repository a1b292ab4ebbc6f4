package io.kpbench.proxy.ipvs;

import static io.kpbench.proxy.ipvs.Fixtures.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.ServiceType;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.DataPlane;
import io.kpbench.proxy.ProxyMode;
import io.kpbench.proxy.Verdict;
import org.junit.jupiter.api.Test;

/** A dual-stack node runs one IPVS proxier per family, as kube-proxy's MetaProxier does. */
class IpvsDualStackTest {
    private static ClusterSnapshot dualStackService() {
        return Fixtures.svc().type(ServiceType.NodePort).nodePort(3001).clusterIPs("172.30.0.41", "2020::1")
                .endpoint("10.180.0.1", null).endpoint("fd00:10::1:1", null).build();
    }

    @Test
    void proxyModeIpvsCreatesAnIpv6PlaneInsteadOfThrowing() {
        DataPlane p = ProxyMode.IPVS.create(Fixtures.node6(), IpFamily.IPv6);
        assertEquals(IpFamily.IPv6, ((IpvsDataPlane) p).family());
    }

    @Test
    void eachFamilysProxierProgramsItsOwnAddressesAndIgnoresTheOthersPackets() {
        ClusterSnapshot c = dualStackService();
        DataPlane v4 = ProxyMode.IPVS.create(Fixtures.dualStackNode(), IpFamily.IPv4);
        DataPlane v6 = ProxyMode.IPVS.create(Fixtures.dualStackNode(), IpFamily.IPv6);
        v4.sync(c);
        v6.sync(c);
        long a = v4.classify(tcp("203.0.113.2", 1000, "192.168.0.2", 3001), 0, 0);
        long b = v6.classify(tcp("2001:db8:ffff::7", 1000, "2001:db8::1:1", 3001), 0, 0);
        assertEquals("10.180.0.1:80", v4.endpoint(Classification.endpoint(a)));
        assertEquals("[fd00:10::1:1]:80", v6.endpoint(Classification.endpoint(b)));
        assertTrue(Classification.masquerade(a) && Classification.masquerade(b));
        assertEquals(Verdict.NONE, Classification.verdict(v4.classify(tcp("fd00:10::5", 1, "2020::1", 80), 0, 0)));
        assertEquals(Verdict.NONE, Classification.verdict(v6.classify(tcp("10.0.0.5", 1, "172.30.0.41", 80), 0, 0)));
        assertEquals(Verdict.DNAT, v6.explain(tcp("fd00:10::5", 1, "2020::1", 80)).verdict());
        assertFalse(v6.explain(tcp("fd00:10::5", 1, "2020::1", 80)).masquerade());
    }

    @Test
    void theTwoRendersUseTheirFamilysSetNamesLoopbackAndClusterCidr() {
        ClusterSnapshot c = dualStackService();
        IpvsDataPlane v4 = new IpvsDataPlane(Fixtures.dualStackNode(), IpFamily.IPv4, IpvsConfig.defaults());
        IpvsDataPlane v6 = new IpvsDataPlane(Fixtures.dualStackNode(), IpFamily.IPv6, IpvsConfig.defaults());
        v4.sync(c);
        v6.sync(c);
        String r4 = v4.render();
        String r6 = v6.render();
        assertTrue(r4.contains("TCP  172.30.0.41:80 rr\n") && !r4.contains("2020::1"), r4);
        assertTrue(r6.contains("TCP  [2020::1]:80 rr\n") && !r6.contains("172.30.0.41"), r6);
        assertTrue(r4.contains("-A KUBE-SERVICES -s 127.0.0.0/8 -j RETURN\n"));
        assertTrue(r6.contains("-A KUBE-SERVICES -s ::1/128 -j RETURN\n"));
        assertTrue(r6.contains("-m set --match-set KUBE-6-CLUSTER-IP dst,dst ! -s fd00:10::/64 -j KUBE-MARK-MASQ\n"),
                r6);
        assertTrue(r4.contains("--match-set KUBE-CLUSTER-IP dst,dst ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ\n"), r4);
    }
}
