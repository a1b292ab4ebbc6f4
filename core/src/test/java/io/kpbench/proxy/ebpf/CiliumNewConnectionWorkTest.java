package io.kpbench.proxy.ebpf;

import static io.kpbench.proxy.ModeTestCluster.EXTERNAL_CLIENT;
import static io.kpbench.proxy.ModeTestCluster.NODE_A;
import static io.kpbench.proxy.ModeTestCluster.NODE_PORT;
import static io.kpbench.proxy.ModeTestCluster.packet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.ServiceType;
import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.net.Protocol;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.ModeTestCluster;
import io.kpbench.proxy.Verdict;
import io.kpbench.proxy.ebpf.maglev.TupleHash;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 point 8: what a new connection costs in Cilium's datapath and which backend it gets, after Cilium 1.15
 * {@code bpf/lib/lb.h} ({@code lb4_local}, {@code lb4_select_backend_id_maglev}, {@code __lb4_affinity_backend_id})
 * and {@code bpf/lib/hash.h} ({@code __hash_from_tuple_v4}).
 */
class CiliumNewConnectionWorkTest {
    private static final long SECOND = 1_000_000_000L;
    private static final IpAddress VIP = IpAddress.parse("198.51.100.10");
    private static final IpAddress EXTERNAL_IP = IpAddress.parse("198.51.100.20");

    private static EbpfDataPlane plane(EbpfConfig cfg, ModeTestCluster c) {
        EbpfDataPlane p = new EbpfDataPlane(ModeTestCluster.nodeConfig(), IpFamily.IPv4, cfg);
        p.sync(c.build());
        return p;
    }

    @Test
    @DisplayName("a client reaches the same Maglev backend through every VIP of a service, because "
            + "__hash_from_tuple_v4 leaves the destination address out")
    void aClientGetsTheSameMaglevBackendThroughEveryVipOfAService() {
        EbpfDataPlane p = plane(EbpfConfig.defaults().withMaglev(251), new ModeTestCluster()
                .type(ServiceType.LoadBalancer).vip(VIP.toString()).externalIP(EXTERNAL_IP.toString())
                .remoteEndpoints(16));
        FiveTuple viaVip = new FiveTuple();
        FiveTuple viaExternalIp = new FiveTuple();
        int differentFromFirst = 0;
        int first = -1;
        for (int sport = 1024; sport < 1024 + 200; sport++) {
            viaVip.set(EXTERNAL_CLIENT, sport, VIP, 80, Protocol.TCP);
            viaExternalIp.set(EXTERNAL_CLIENT, sport, EXTERNAL_IP, 80, Protocol.TCP);
            long a = p.classify(viaVip, 0, sport);
            long b = p.classify(viaExternalIp, 0, ~sport);
            assertEquals(Verdict.DNAT, Classification.verdict(a));
            assertEquals(Classification.endpoint(a), Classification.endpoint(b), "source port " + sport);
            first = first < 0 ? Classification.endpoint(a) : first;
            differentFromFirst += Classification.endpoint(a) != first ? 1 : 0;
        }
        assertTrue(differentFromFirst > 0, "the source port still spreads connections over the backends");
        assertEquals(TupleHash.of(viaVip, 7, true), TupleHash.of(viaExternalIp, 7, true));
    }

    @Test
    @DisplayName("a new external connection pays the service conntrack lookup and create of lb4_local and the outer "
            + "and inner Maglev lookups of lb4_select_backend_id_maglev")
    void aNewExternalConnectionCountsServiceConntrackAndBothMaglevLookups() {
        ModeTestCluster c = new ModeTestCluster().type(ServiceType.NodePort).remoteEndpoints(4);
        FiveTuple t = packet(EXTERNAL_CLIENT, NODE_A, NODE_PORT);
        assertEquals(5, Classification.work(plane(EbpfConfig.defaults(), c).classify(t, 0, 0)),
                "service, ct_lazy_lookup4 (CT_SERVICE), random slot, backend, ct_create4");
        EbpfDataPlane maglev = plane(EbpfConfig.defaults().withMaglev(251), c);
        assertEquals(6, Classification.work(maglev.classify(t, 0, 0)),
                "service, ct_lazy_lookup4, outer cilium_lb4_maglev, inner table, backend, ct_create4");
        List<String> path = maglev.explain(t).path();
        assertTrue(path.get(1).startsWith("ct_lazy_lookup4 (CT_SERVICE"), path.toString());
        assertTrue(path.get(2).contains("outer cilium_lb4_maglev[rev-nat "), path.toString());
        assertTrue(path.get(3).startsWith("ct_create4 (CT_SERVICE)"), path.toString());
    }

    @Test
    @DisplayName("with ClientIP affinity a new connection also pays the affinity lookup, on a hit the "
            + "cilium_lb_affinity_match lookup of __lb4_affinity_backend_id, and the affinity update")
    void affinityCountsTheAffinityMatchLookupOnAHit() {
        EbpfDataPlane p = plane(EbpfConfig.defaults(), new ModeTestCluster().type(ServiceType.NodePort).affinity(10)
                .remoteEndpoints(4));
        FiveTuple t = packet(EXTERNAL_CLIENT, NODE_A, NODE_PORT);
        assertEquals(7, Classification.work(p.classify(t, 0, 0)),
                "service, ct lookup, affinity miss, slot, backend, ct create, affinity update");
        assertEquals(7, Classification.work(p.classify(t, SECOND, 1)),
                "service, ct lookup, affinity hit, affinity match, backend, ct create, affinity update");
    }
}
