package io.kpbench.proxy.ipvs;

import static io.kpbench.proxy.ipvs.Fixtures.cluster;
import static io.kpbench.proxy.ipvs.Fixtures.ep;
import static io.kpbench.proxy.ipvs.Fixtures.slice;
import static io.kpbench.proxy.ipvs.Fixtures.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.ChangeSet;
import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.Service;
import io.kpbench.net.Protocol;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.SyncStats;
import io.kpbench.proxy.Verdict;
import io.kpbench.proxy.ipvs.companion.IpSets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Persistence, graceful termination and incremental sync, on IPv4 and (where the case has a twin) IPv6. */
class IpvsLifecycleTest {
    private static final long S = 1_000_000_000L;

    private static String pick(IpvsDataPlane p, String src, int sport, long now) {
        long r = p.classify(tcp(src, sport, "172.30.0.41", 80), now, 0);
        return p.endpoint(Classification.endpoint(r));
    }

    @Test
    void clientIPAffinityIsAPersistenceTemplateThatExpiresOnTheCallersClock() {
        Fixtures.Svc d = Fixtures.svc();
        d.affinity = 10800;
        Service s = d.build();
        IpvsDataPlane p = Fixtures.plane("rr");
        p.sync(cluster(List.of(s), List.of(slice(s, ep("10.180.0.1", null, false), ep("10.180.0.2", null, false),
                ep("10.180.0.3", null, false)))));
        assertTrue(IpvsRenderer.ipvsadm(p.tables()).contains("TCP  172.30.0.41:80 rr persistent 10800\n"));
        String first = pick(p, "10.0.0.5", 1000, 0);
        String other = pick(p, "10.0.0.6", 1000, 0);
        assertFalse(first.equals(other));
        assertEquals(first, pick(p, "10.0.0.5", 1001, 100 * S));
        assertEquals(first, pick(p, "10.0.0.5", 1002, (100 + 10_799) * S), "used at 100 s: refreshed");
        String later = pick(p, "10.0.0.5", 1003, (100 + 10_799 + 10_801) * S);
        assertFalse(first.equals(later), "template expired: rr moves on");
    }

    private static String pick(IpvsDataPlane p, Fixtures.Family f, String src, int sport, long now) {
        long r = p.classify(tcp(src, sport, f.vip(), 80), now, 0);
        return p.endpoint(Classification.endpoint(r));
    }

    static List<Fixtures.Family> families() {
        return Fixtures.Family.both();
    }

    @ParameterizedTest
    @MethodSource("families")
    void aRemovedEndpointWithConnectionsIsQuiescedUntilTheyDrainThenDeleted(Fixtures.Family f) {
        Service s = f.svc().build();
        EndpointSlice two = f.slice(s, ep(f.ep1(), null, false), ep(f.ep2(), null, false));
        IpvsDataPlane p = f.plane("rr");
        p.sync(cluster(List.of(s), List.of(two)));
        String gone = pick(p, f, f.client(), 1000, 0);
        String stays = gone.equals(f.endpoint(f.ep1(), 80)) ? f.ep2() : f.ep1();
        EndpointSlice one = f.slice(s, ep(stays, null, false));
        ClusterSnapshot after = cluster(List.of(s), List.of(one));
        SyncStats st = p.sync(after, ChangeSet.builder().updateSlice(one).build());
        assertFalse(st.full());
        assertEquals(1, st.mapElements(), "one UpdateRealServer to weight 0");
        String ipvsadm = IpvsRenderer.ipvsadm(p.tables());
        assertTrue(ipvsadm.contains(String.format("  -> %-28s %-7s %-6d %-10d %-10d", gone, "Masq", 0, 0, 1)), ipvsadm);
        for (int i = 0; i < 4; i++) {
            assertEquals(f.endpoint(stays, 80), pick(p, f, f.client2(), 2000 + i, S));
        }
        assertEquals(gone, pick(p, f, f.client(), 1000, 2 * S), "the established flow still hits its entry");
        assertEquals(0, p.reapGracefulTermination());
        p.expireConnections(100 * S);
        assertEquals(1, p.reapGracefulTermination());
        assertFalse(IpvsRenderer.ipvsadm(p.tables()).contains(gone));
    }

    @ParameterizedTest
    @MethodSource("families")
    void deletingTheServiceRemovesItsVirtualServersAndSetMembers(Fixtures.Family f) {
        Service s = f.svc().build();
        IpvsDataPlane p = f.plane("rr");
        p.sync(cluster(List.of(s), List.of(f.slice(s, ep(f.ep1(), null, false)))));
        assertEquals(1, p.tables().vst.size());
        p.sync(cluster(List.of(), List.of()));
        assertEquals(0, p.tables().vst.size());
        assertTrue(p.tables().ipsets.isEmpty(IpSets.CLUSTER_IP) && p.tables().ipsets.isEmpty(IpSets.IPVS_IPS));
        assertEquals(Verdict.NONE, p.explain(tcp(f.client(), 1, f.vip(), 80)).verdict());
    }

    @Test
    void aRemovedUdpEndpointIsDeletedAtOnce() {
        Fixtures.Svc d = Fixtures.svc();
        d.protocol = Protocol.UDP;
        Service s = d.build();
        IpvsDataPlane p = Fixtures.plane("rr");
        p.sync(cluster(List.of(s), List.of(slice(s, ep("10.180.0.1", null, false), ep("10.180.0.2", null, false)))));
        p.classify(new io.kpbench.net.FiveTuple().set(Fixtures.ip("10.0.0.5"), 1000, Fixtures.ip("172.30.0.41"), 80,
                Protocol.UDP), 0, 0);
        EndpointSlice one = slice(s, ep("10.180.0.1", null, false));
        p.sync(cluster(List.of(s), List.of(one)), ChangeSet.builder().updateSlice(one).build());
        assertFalse(IpvsRenderer.ipvsadm(p.tables()).contains("10.180.0.2"));
    }

    @Test
    void fullSyncCountsVirtualServersRealServersAddressesAndIpsetEntries() {
        Service s = Fixtures.svc().build();
        IpvsDataPlane p = Fixtures.plane("rr");
        SyncStats st = p.sync(cluster(List.of(s), List.of(slice(s, ep("10.180.0.1", null, false)))));
        // 1 virtual server + 1 real server + KUBE-CLUSTER-IP + KUBE-IPVS-IPS entries + the kube-ipvs0 bind
        assertEquals(5, st.mapElements());
        assertEquals(11, st.chains());
        assertEquals(5, p.netlinkReads());
        SyncStats again = p.sync(cluster(List.of(s), List.of(slice(s, ep("10.180.0.1", null, false)))));
        assertEquals(0, again.mapElements(), "nothing changed: no writes");
        SyncStats gone = p.sync(ClusterSnapshot.empty());
        assertEquals(4, gone.mapElements(), "delete the virtual server, two ipset entries, unbind");
        assertEquals(0, p.tables().vst.size());
    }

    @Test
    void anEndpointThatReturnsWhileDrainingIsDeletedAndReAdded() {
        Service s = Fixtures.svc().build();
        EndpointSlice two = slice(s, ep("10.180.0.1", null, false), ep("10.180.0.2", null, false));
        IpvsDataPlane p = Fixtures.plane("rr");
        p.sync(cluster(List.of(s), List.of(two)));
        for (int i = 0; i < 2; i++) {
            pick(p, "10.0.0.5", 1000 + i, 0);
        }
        EndpointSlice one = slice(s, ep("10.180.0.1", null, false));
        p.sync(cluster(List.of(s), List.of(one)), ChangeSet.builder().updateSlice(one).build());
        assertEquals(1, p.gracefullyTerminating());
        SyncStats back = p.sync(cluster(List.of(s), List.of(two)), ChangeSet.builder().updateSlice(two).build());
        assertEquals(2, back.mapElements());
        assertEquals(0, p.gracefullyTerminating());
    }
}
