package io.kpbench.proxy.ipvs;

import static io.kpbench.proxy.ipvs.Fixtures.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.net.FiveTuple;
import io.kpbench.net.Protocol;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.ModeTestCluster;
import io.kpbench.proxy.SyncStats;
import io.kpbench.proxy.Verdict;
import io.kpbench.proxy.ipvs.companion.IpSets;
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
        ModeTestCluster s = Fixtures.svc().affinity(10800);
        IpvsDataPlane p = Fixtures.plane("rr");
        p.sync(s.endpoint("10.180.0.1", null).endpoint("10.180.0.2", null).endpoint("10.180.0.3", null).build());
        assertTrue(IpvsRenderer.ipvsadm(p.tables()).contains("TCP  172.30.0.41:80 rr persistent 10800\n"));
        String first = pick(p, "10.0.0.5", 1000, 0);
        String other = pick(p, "10.0.0.6", 1000, 0);
        assertFalse(first.equals(other));
        assertEquals(first, pick(p, "10.0.0.5", 1001, 100 * S));
        assertEquals(first, pick(p, "10.0.0.5", 1002, (100 + 10_799) * S), "used at 100 s: refreshed");
        String later = pick(p, "10.0.0.5", 1003, (100 + 10_799 + 10_801) * S);
        assertFalse(first.equals(later), "template expired: rr moves on");
    }

    /**
     * Follows Linux 6.12 {@code ip_vs_conn.c}: {@code ip_vs_ct_in_get} checks no expiry and {@code
     * ip_vs_conn_expire} re-arms a template every 60 s while it controls a connection.
     */
    @Test
    void aClientIPAffinityClientKeepsItsEndpointPastThePersistenceTimeoutWhileItsConnectionLives() {
        ModeTestCluster s = Fixtures.svc().protocol(Protocol.UDP).affinity(10);
        IpvsDataPlane p = Fixtures.plane("rr");
        p.sync(s.endpoint("10.180.0.1", null).endpoint("10.180.0.2", null).endpoint("10.180.0.3", null).build());
        String first = udp(p, "10.0.0.5", 1000, 0);
        assertEquals(first, udp(p, "10.0.0.5", 1001, 30 * S), "its UDP connection (300 s) keeps the template");
        assertEquals(first, udp(p, "10.0.0.5", 1002, 329 * S), "the connection of 30 s keeps it to 330 s");
        assertFalse(first.equals(udp(p, "10.0.0.5", 1003, 700 * S)), "every connection gone: rr moves on");
    }

    private static String udp(IpvsDataPlane p, String src, int sport, long now) {
        FiveTuple t = new FiveTuple().set(Fixtures.ip(src), sport, Fixtures.ip("172.30.0.41"), 80, Protocol.UDP);
        return p.endpoint(Classification.endpoint(p.classify(t, now, 0)));
    }

    private static String pick(IpvsDataPlane p, Fixtures.Family f, String src, int sport, long now) {
        long r = p.classify(tcp(src, sport, f.vip(), 80), now, 0);
        return p.endpoint(Classification.endpoint(r));
    }

    @ParameterizedTest
    @MethodSource(Fixtures.BOTH_FAMILIES)
    void aRemovedEndpointWithConnectionsIsQuiescedUntilTheyDrainThenDeleted(Fixtures.Family f) {
        IpvsDataPlane p = f.synced(f.svc().endpoint(f.ep1(), null).endpoint(f.ep2(), null));
        String gone = pick(p, f, f.client(), 1000, 0);
        String stays = gone.equals(f.endpoint(f.ep1(), 80)) ? f.ep2() : f.ep1();
        ModeTestCluster one = f.svc().endpoint(stays, null);
        SyncStats st = p.sync(one.build(), Fixtures.sliceUpdate(one));
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
    @MethodSource(Fixtures.BOTH_FAMILIES)
    void deletingTheServiceRemovesItsVirtualServersAndSetMembers(Fixtures.Family f) {
        IpvsDataPlane p = f.synced(f.svc().endpoint(f.ep1(), null));
        assertEquals(1, p.tables().vst.size());
        p.sync(ClusterSnapshot.empty());
        assertEquals(0, p.tables().vst.size());
        assertTrue(p.tables().ipsets.isEmpty(IpSets.CLUSTER_IP) && p.tables().ipsets.isEmpty(IpSets.IPVS_IPS));
        assertEquals(Verdict.NONE, p.explain(tcp(f.client(), 1, f.vip(), 80)).verdict());
    }

    @Test
    void aRemovedUdpEndpointIsDeletedAtOnce() {
        IpvsDataPlane p = Fixtures.plane("rr");
        p.sync(Fixtures.svc().protocol(Protocol.UDP).endpoint("10.180.0.1", null).endpoint("10.180.0.2", null).build());
        p.classify(new io.kpbench.net.FiveTuple().set(Fixtures.ip("10.0.0.5"), 1000, Fixtures.ip("172.30.0.41"), 80,
                Protocol.UDP), 0, 0);
        ModeTestCluster one = Fixtures.svc().protocol(Protocol.UDP).endpoint("10.180.0.1", null);
        p.sync(one.build(), Fixtures.sliceUpdate(one));
        assertFalse(IpvsRenderer.ipvsadm(p.tables()).contains("10.180.0.2"));
    }

    @Test
    void fullSyncCountsVirtualServersRealServersAddressesAndIpsetEntries() {
        ModeTestCluster s = Fixtures.svc().endpoint("10.180.0.1", null);
        IpvsDataPlane p = Fixtures.plane("rr");
        SyncStats st = p.sync(s.build());
        // 1 virtual server + 1 real server + KUBE-CLUSTER-IP + KUBE-IPVS-IPS entries + the kube-ipvs0 bind
        assertEquals(5, st.mapElements());
        assertEquals(11, st.chains());
        assertEquals(5, p.netlinkReads());
        SyncStats again = p.sync(s.build());
        assertEquals(0, again.mapElements(), "nothing changed: no writes");
        SyncStats gone = p.sync(ClusterSnapshot.empty());
        assertEquals(4, gone.mapElements(), "delete the virtual server, two ipset entries, unbind");
        assertEquals(0, p.tables().vst.size());
    }

    @Test
    void anEndpointThatReturnsWhileDrainingIsDeletedAndReAdded() {
        ModeTestCluster two = Fixtures.svc().endpoint("10.180.0.1", null).endpoint("10.180.0.2", null);
        IpvsDataPlane p = Fixtures.plane("rr");
        p.sync(two.build());
        for (int i = 0; i < 2; i++) {
            pick(p, "10.0.0.5", 1000 + i, 0);
        }
        ModeTestCluster one = Fixtures.svc().endpoint("10.180.0.1", null);
        p.sync(one.build(), Fixtures.sliceUpdate(one));
        assertEquals(1, p.gracefullyTerminating());
        SyncStats back = p.sync(two.build(), Fixtures.sliceUpdate(two));
        assertEquals(2, back.mapElements());
        assertEquals(0, p.gracefullyTerminating());
    }
}
