package io.kpbench.proxy.ipvs;

import static io.kpbench.proxy.ipvs.Fixtures.cluster;
import static io.kpbench.proxy.ipvs.Fixtures.ep;
import static io.kpbench.proxy.ipvs.Fixtures.slice;
import static io.kpbench.proxy.ipvs.Fixtures.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.proxy.ipvs.companion.IpSets;
import io.kpbench.cluster.ChangeSet;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.Service;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.SyncStats;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Graceful termination and incremental sync on an IPv6 plane, where real servers are named by address ids. */
class IpvsLifecycle6Test {
    private static final long S = 1_000_000_000L;

    private static String pick(IpvsDataPlane p, String src, int sport, long now) {
        long r = p.classify(tcp(src, sport, "2020::1", 80), now, 0);
        return p.endpoint(Classification.endpoint(r));
    }

    @Test
    void aRemovedIpv6EndpointWithConnectionsIsQuiescedUntilTheyDrainThenDeleted() {
        Service s = Fixtures.svc6().build();
        EndpointSlice two = slice(s, IpFamily.IPv6, ep("fd00:10::1", null, false), ep("fd00:10::2", null, false));
        IpvsDataPlane p = Fixtures.plane6("rr");
        p.sync(cluster(List.of(s), List.of(two)));
        String gone = pick(p, "fd00:10::5", 1000, 0);
        String stays = gone.equals("[fd00:10::1]:80") ? "fd00:10::2" : "fd00:10::1";
        EndpointSlice one = slice(s, IpFamily.IPv6, ep(stays, null, false));
        SyncStats st = p.sync(cluster(List.of(s), List.of(one)), ChangeSet.builder().updateSlice(one).build());
        assertEquals(1, st.mapElements(), "one UpdateRealServer to weight 0");
        assertTrue(IpvsRenderer.ipvsadm(p.tables()).contains(String.format("  -> %-28s %-7s %-6d %-10d %-10d", gone, "Masq", 0,
                0, 1)), IpvsRenderer.ipvsadm(p.tables()));
        for (int i = 0; i < 4; i++) {
            assertEquals("[" + stays + "]:80", pick(p, "fd00:10::9", 2000 + i, S));
        }
        assertEquals(gone, pick(p, "fd00:10::5", 1000, 2 * S), "the established flow still hits its entry");
        assertEquals(0, p.reapGracefulTermination());
        p.expireConnections(100 * S);
        assertEquals(1, p.reapGracefulTermination());
        assertFalse(IpvsRenderer.ipvsadm(p.tables()).contains(gone));
    }

    @Test
    void deletingTheServiceRemovesItsIpv6VirtualServersAndSetMembers() {
        Service s = Fixtures.svc6().build();
        IpvsDataPlane p = Fixtures.plane6("rr");
        p.sync(cluster(List.of(s), List.of(slice(s, IpFamily.IPv6, ep("fd00:10::1", null, false)))));
        assertEquals(1, p.tables().vst.size());
        p.sync(cluster(List.of(), List.of()));
        assertEquals(0, p.tables().vst.size());
        assertTrue(p.tables().ipsets.isEmpty(IpSets.CLUSTER_IP) && p.tables().ipsets.isEmpty(IpSets.IPVS_IPS));
        assertEquals(io.kpbench.proxy.Verdict.NONE, p.explain(tcp("fd00:10::5", 1, "2020::1", 80)).verdict());
    }
}
