package io.kpbench.proxy.nftables;

import static io.kpbench.proxy.ModeTestCluster.FAKE_NODE;
import static io.kpbench.proxy.ModeTestCluster.cluster;
import static io.kpbench.proxy.ModeTestCluster.nftablesFakeNode;
import static io.kpbench.proxy.ModeTestCluster.slice;
import static io.kpbench.proxy.ModeTestCluster.svc;
import static io.kpbench.proxy.ModeTestCluster.synced;
import static io.kpbench.proxy.PacketFlow.EXT;
import static io.kpbench.proxy.PacketFlow.flow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.ChangeSet;
import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.ObjectRef;
import io.kpbench.cluster.Service;
import io.kpbench.cluster.ServiceType;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.SyncStats;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * kube-proxy's TestSyncProxyRulesRepeated (transaction sizes) and TestTerminatingEndpointsTrafficPolicyCluster
 * (flows before and after the slice is deleted by an incremental sync).
 */
class IncrementalSyncTest {

    private static EndpointSlice one(String ns, String name, String ip, String port, int p) {
        return slice(ns, name, 1).ep(ip, null).tcp(port, p).build();
    }

    @Test
    void incrementalSyncsWriteOnlyTheDifferencesAsKubeProxyDoes() {
        Service s1 = svc("ns1", "svc1").clusterIP("172.30.0.41").tcp("p80", 80, 0).build();
        Service s2 = svc("ns2", "svc2").clusterIP("172.30.0.42").tcp("p8080", 8080, 0).build();
        ClusterSnapshot c = cluster(List.of(s1, s2),
                List.of(one("ns1", "svc1", "10.0.1.1", "p80", 80), one("ns2", "svc2", "10.0.2.1", "p8080", 8080)));
        NftablesDataPlane p = synced(new NftablesDataPlane(nftablesFakeNode(), IpFamily.IPv4), c);
        assertTrue(p.render().contains("add chain ip kube-proxy endpoint-5TPGNJF2-ns1/svc1/tcp/p80__10.0.1.1/80"));
        assertTrue(p.render().contains("add chain ip kube-proxy service-MHHHYRWA-ns2/svc2/tcp/p8080"));

        ChangeSet add3 = ChangeSet.builder().addService(svc("ns3", "svc3").clusterIP("172.30.0.43")
                .tcp("p80", 80, 0).build()).addSlice(one("ns3", "svc3", "10.0.3.1", "p80", 80)).build();
        c = c.apply(add3);
        SyncStats st = p.sync(c, add3);
        assertEquals(10, st.lines(), String.join("\n", p.lastTransaction()));
        assertEquals(4, st.rules());
        assertEquals(2, st.mapElements());
        assertTrue(p.lastTransaction().contains(
                "add chain ip kube-proxy endpoint-2OCDJSZQ-ns3/svc3/tcp/p80__10.0.3.1/80"));

        ChangeSet del2 = ChangeSet.builder().deleteService(s2.ref())
                .deleteSlice(ObjectRef.of("ns2", "svc2-1"), s2.ref()).build();
        c = c.apply(del2);
        st = p.sync(c, del2);
        assertEquals(4, st.lines(), String.join("\n", p.lastTransaction()));
        assertTrue(p.render().contains("add chain ip kube-proxy service-MHHHYRWA-ns2/svc2/tcp/p8080"),
                "deleted chains stay, flushed, until the next sync");

        ChangeSet none = ChangeSet.builder().build();
        st = p.sync(c, none);
        assertEquals(List.of("delete chain ip kube-proxy endpoint-7RVP4LUQ-ns2/svc2/tcp/p8080__10.0.2.1/8080",
                "delete chain ip kube-proxy service-MHHHYRWA-ns2/svc2/tcp/p8080"), p.lastTransaction());
        assertFalse(p.render().contains("svc2"));
        assertEquals(0, p.sync(c, none).lines(), "a sync with no changes writes nothing");

        PacketFlows.check(p, List.of(
                flow("svc1 still works", "10.0.0.2", "172.30.0.41", 80, "10.0.1.1:80", false),
                flow("svc2 is gone, its cluster IP is unallocated", "10.0.0.2", "172.30.0.42", 8080, "DROP", false),
                flow("svc3 was added incrementally", "10.0.0.2", "172.30.0.43", 80, "10.0.3.1:80", false)));
        NftablesDataPlane fresh = synced(new NftablesDataPlane(nftablesFakeNode(), IpFamily.IPv4), c);
        assertEquals(GoldenRenderingTest.canonical(fresh.render()), GoldenRenderingTest.canonical(p.render()),
                "incremental syncs converge to the full-sync ruleset");
    }

    @Test
    void emptiedServiceRejectsAndRefilledServiceDispatchesAgain() {
        Service s = svc("ns4", "svc4").clusterIP("172.30.0.44").tcp("p80", 80, 0).build();
        ClusterSnapshot c = cluster(List.of(s), List.of());
        NftablesDataPlane p = synced(new NftablesDataPlane(nftablesFakeNode(), IpFamily.IPv4), c);
        PacketFlows.check(p, List.of(flow("no endpoints", "10.0.0.2", "172.30.0.44", 80, "REJECT", false)));
        ChangeSet add = ChangeSet.builder().addSlice(one("ns4", "svc4", "10.0.4.1", "p80", 80)).build();
        c = c.apply(add);
        SyncStats st = p.sync(c, add);
        assertEquals(10, st.lines(), String.join("\n", p.lastTransaction()));
        PacketFlows.check(p, List.of(flow("endpoint added", "10.0.0.2", "172.30.0.44", 80, "10.0.4.1:80", false)));
    }

    @Test
    void terminatingEndpointsAreUsedOnlyWhenNoReadyOnesExistAndDeletionRejects() {
        Service s = svc("ns1", "svc1").type(ServiceType.LoadBalancer).clusterIP("172.30.1.1").tcp("", 80, 0)
                .lb("1.2.3.4").healthCheckNodePort(30000).build();
        List<EndpointSlice> cases = List.of(
                slice("ns1", "svc1", 1).tcp("", 80).ep("10.0.1.1", FAKE_NODE, true, true, false)
                        .ep("10.0.1.2", FAKE_NODE, true, true, false).ep("10.0.1.3", "another-node", false, true, true)
                        .ep("10.0.1.4", "another-node", false, false, true)
                        .ep("10.0.1.5", "another-node", true, true, false).build(),
                slice("ns1", "svc1", 1).tcp("", 80).ep("10.0.1.2", FAKE_NODE, false, true, true)
                        .ep("10.0.1.3", FAKE_NODE, false, true, true).ep("10.0.1.4", "another-node", false, false, true)
                        .ep("10.0.1.5", "another-node", false, true, true).build(),
                slice("ns1", "svc1", 1).tcp("", 80).ep("10.0.1.5", "node-1", false, true, true).build(),
                slice("ns1", "svc1", 1).tcp("", 80).ep("10.0.1.5", FAKE_NODE, false, false, true)
                        .ep("10.0.1.5", "node-1", false, false, true).build());
        List<String> outputs = List.of("10.0.1.1:80, 10.0.1.2:80, 10.0.1.5:80", "10.0.1.2:80, 10.0.1.3:80, 10.0.1.5:80",
                "10.0.1.5:80", "REJECT");
        for (int i = 0; i < cases.size(); i++) {
            ClusterSnapshot c = cluster(List.of(s), List.of(cases.get(i)));
            NftablesDataPlane p = synced(new NftablesDataPlane(nftablesFakeNode(), IpFamily.IPv4), c);
            String out = outputs.get(i);
            boolean dnat = !"REJECT".equals(out);
            PacketFlows.check(p, List.of(flow("pod to clusterIP", "10.0.0.2", "172.30.1.1", 80, out, false),
                    flow("external to LB", EXT, "1.2.3.4", 80, out, dnat)));
            ChangeSet del = ChangeSet.builder().deleteSlice(cases.get(i).ref(), s.ref()).build();
            p.sync(c.apply(del), del);
            PacketFlows.check(p, List.of(
                    flow("pod to clusterIP after endpoints deleted", "10.0.0.2", "172.30.1.1", 80, "REJECT", false),
                    flow("external to LB after endpoints deleted", EXT, "1.2.3.4", 80, "REJECT",
                            false)));
        }
    }
}
