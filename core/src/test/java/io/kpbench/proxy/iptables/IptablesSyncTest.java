package io.kpbench.proxy.iptables;

import static io.kpbench.proxy.ModeTestCluster.cluster;
import static io.kpbench.proxy.ModeTestCluster.ep;
import static io.kpbench.proxy.ModeTestCluster.iptablesFakeNode;
import static io.kpbench.proxy.ModeTestCluster.slice;
import static io.kpbench.proxy.ModeTestCluster.svc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.ChangeSet;
import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.Endpoint;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.ObjectRef;
import io.kpbench.cluster.Service;
import io.kpbench.cluster.ServiceType;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.SyncStats;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** kube-proxy's TestSyncProxyRulesRepeated, TestBadIPs and TestSyncProxyRulesLargeClusterMode. */
class IptablesSyncTest {
    private static final String STATIC_NAT = String.join("\n",
            "-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000",
            "-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN",
            "-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000",
            "-A KUBE-POSTROUTING -m comment --comment \"kubernetes service traffic requiring SNAT\" -j MASQUERADE");

    static Service clusterIP(String ns, String name, String ip, String port, int p) {
        return svc(ns, name).clusterIP(ip).tcp(port, p, 0).build();
    }

    static List<String> natRules(String restore) {
        List<String> out = new ArrayList<>();
        boolean nat = false;
        for (String l : restore.split("\n")) {
            nat = l.equals("*nat") || nat && !l.equals("COMMIT");
            if (nat && (l.startsWith(":KUBE-S") && !l.startsWith(":KUBE-SERVICES") || l.startsWith("-X "))) {
                out.add(l);
            }
        }
        return out;
    }

    @Test
    void partialSyncsRewriteOnlyChangedServicesAndDeleteStaleChains() {
        IptablesDataPlane p = new IptablesDataPlane(iptablesFakeNode(), IpFamily.IPv4);
        EndpointSlice eps1 = slice("ns1", "svc1", 1, "p80", 80, ep("10.0.1.1"));
        ClusterSnapshot c = cluster(List.of(clusterIP("ns1", "svc1", "172.30.0.41", "p80", 80),
                clusterIP("ns2", "svc2", "172.30.0.42", "p8080", 8080)),
                List.of(eps1, slice("ns2", "svc2", 1, "p8080", 8080, ep("10.0.2.1"))));
        SyncStats s = p.sync(c);
        assertTrue(s.full());
        assertEquals(List.of(":KUBE-SEP-SNQ3ZNILQDEJNDQO - [0:0]", ":KUBE-SEP-UHEGFW77JX3KXTOV - [0:0]",
                ":KUBE-SVC-2VJB64SDSIJUP5T6 - [0:0]", ":KUBE-SVC-XPGD46QRK7WJZT7O - [0:0]"),
                natRules(IptablesCanonical.sort(p.lastRestoreInput())));

        EndpointSlice eps3 = slice("ns3", "svc3", 1, "p80", 80, ep("10.0.3.1"));
        ChangeSet add3 = ChangeSet.builder().addService(clusterIP("ns3", "svc3", "172.30.0.43", "p80", 80))
                .addSlice(eps3).build();
        c = c.apply(add3);
        s = p.sync(c, add3);
        assertFalse(s.full());
        assertEquals(List.of(":KUBE-SEP-BSWRHOQ77KEXZLNL - [0:0]", ":KUBE-SVC-X27LE4BHSL4DOUIK - [0:0]"),
                natRules(IptablesCanonical.sort(p.lastRestoreInput())));
        assertTrue(p.lastRestoreInput().contains(STATIC_NAT.split("\n")[0]));

        ChangeSet del2 = ChangeSet.builder().deleteService(ObjectRef.of("ns2", "svc2"))
                .deleteSlice(ObjectRef.of("ns2", "svc2-1"), ObjectRef.of("ns2", "svc2")).build();
        c = c.apply(del2);
        p.sync(c, del2);
        assertEquals(List.of(":KUBE-SEP-UHEGFW77JX3KXTOV - [0:0]", ":KUBE-SVC-2VJB64SDSIJUP5T6 - [0:0]",
                "-X KUBE-SEP-UHEGFW77JX3KXTOV", "-X KUBE-SVC-2VJB64SDSIJUP5T6"), natRules(p.lastRestoreInput()));

        ChangeSet add4 = ChangeSet.builder().addService(clusterIP("ns4", "svc4", "172.30.0.44", "p80", 80)).build();
        c = c.apply(add4);
        p.sync(c, add4);
        assertTrue(p.lastRestoreInput().contains("-A KUBE-SERVICES -m comment --comment \"ns4/svc4:p80 has no "
                + "endpoints\" -m tcp -p tcp -d 172.30.0.44 --dport 80 -j REJECT"));
        assertEquals(List.of(), natRules(p.lastRestoreInput()));

        ChangeSet upd3 = ChangeSet.builder().updateSlice(slice("ns3", "svc3", 1, "p80", 80, ep("10.0.3.2"),
                ep("10.0.3.3"))).build();
        c = c.apply(upd3);
        p.sync(c, upd3);
        assertEquals(java.util.Set.of(":KUBE-SEP-BSWRHOQ77KEXZLNL - [0:0]", ":KUBE-SEP-DKCFIS26GWF2WLWC - [0:0]",
                ":KUBE-SEP-JVVZVJ7BSEPPRNBS - [0:0]", ":KUBE-SVC-X27LE4BHSL4DOUIK - [0:0]",
                "-X KUBE-SEP-BSWRHOQ77KEXZLNL"), java.util.Set.copyOf(natRules(p.lastRestoreInput())));
        assertTrue(p.lastRestoreInput().contains("-A KUBE-SVC-X27LE4BHSL4DOUIK -m comment --comment \"ns3/svc3:p80 -> "
                + "10.0.3.2:80\" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-DKCFIS26GWF2WLWC"));

        ChangeSet none = ChangeSet.builder().build();
        s = p.sync(c, none);
        assertEquals(List.of(), natRules(p.lastRestoreInput()));
        assertEquals(5 + 7, s.rules(), "filter: firewall, svc4 REJECT, 3 forward; nat: 2 services, tail, 4 static");
        assertTrue(p.render().contains(":KUBE-SEP-JVVZVJ7BSEPPRNBS - [0:0]"), "unchanged chains stay in the kernel");
        assertFalse(p.render().contains("KUBE-SEP-UHEGFW77JX3KXTOV"), "deleted chains are gone");
    }

    @Test
    void badIPsAreNormalisedAsKubeProxyDoes() {
        ClusterSnapshot c = cluster(List.of(svc("ns1", "svc1").type(ServiceType.LoadBalancer)
                .clusterIP("172.30.0.041").tcp("p80", 80, 3001).lb("1.2.3.004").externalIPs("192.168.099.022")
                .sourceRanges("203.0.113.000/025").build()),
                List.of(slice("ns1", "svc1", 1, "p80", 80, ep("10.180.00.001"))));
        IptablesDataPlane p = new IptablesDataPlane(iptablesFakeNode(), IpFamily.IPv4);
        p.sync(c);
        String r = p.lastRestoreInput();
        for (String line : new String[] {
            "-A KUBE-PROXY-FIREWALL -m comment --comment \"ns1/svc1:p80 traffic not accepted by KUBE-FW-XPGD46QRK7WJZT7O\""
                    + " -m tcp -p tcp -d 1.2.3.4 --dport 80 -j DROP",
            "-A KUBE-SERVICES -m comment --comment \"ns1/svc1:p80 external IP\" -m tcp -p tcp -d 192.168.99.22 "
                    + "--dport 80 -j KUBE-EXT-XPGD46QRK7WJZT7O",
            "-A KUBE-FW-XPGD46QRK7WJZT7O -m comment --comment \"ns1/svc1:p80 loadbalancer IP\" -s 203.0.113.0/25 "
                    + "-j KUBE-EXT-XPGD46QRK7WJZT7O",
            "-A KUBE-SEP-SXIVWICOYRO3J4NJ -m comment --comment ns1/svc1:p80 -m tcp -p tcp -j DNAT --to-destination "
                    + "10.180.0.1:80"}) {
            assertTrue(r.contains(line), line);
        }
    }

    @Test
    void largeClusterModeDropsEndpointCommentsAboveOneThousandEndpoints() {
        List<Endpoint> a = new ArrayList<>();
        List<Endpoint> b = new ArrayList<>();
        for (int i = 0; i < 499; i++) {
            a.add(ep("10.0." + (i % 256) + "." + (i / 256)));
            b.add(ep("10.1." + (i % 256) + "." + (i / 256)));
        }
        ClusterSnapshot c = cluster(List.of(svc("ns1", "svc1").clusterIP("172.30.0.41").tcp("p80", 80, 0).build(),
                svc("ns2", "svc2").clusterIP("172.30.0.42").tcp("p8080", 8080, 0).build(),
                svc("ns3", "svc3").clusterIP("172.30.0.43").tcp("p8081", 8081, 0).build()),
                List.of(slice("ns1", "svc1", 1, "p80", 80, a.toArray(new Endpoint[0])),
                        slice("ns2", "svc2", 1, "p8080", 8080, b.toArray(new Endpoint[0]))));
        IptablesDataPlane p = new IptablesDataPlane(iptablesFakeNode().withMasqueradeAll(true), IpFamily.IPv4);
        p.sync(c);
        assertTrue(p.lastRestoreInput().contains("-A KUBE-SEP-DKGQUZGBKLTPAR56 -m comment --comment ns1/svc1:p80 "
                + "-m tcp -p tcp -j DNAT --to-destination 10.0.0.0:80"));
        ChangeSet add = ChangeSet.builder().addSlice(slice("ns3", "svc3", 1, "p8081", 8081, ep("203.0.113.4"),
                ep("203.0.113.8"), ep("203.0.113.12"))).build();
        c = c.apply(add);
        p.sync(c, add);
        assertTrue(p.lastRestoreInput().contains("-A KUBE-SEP-RUVVH7YV3PHQBDOS -m tcp -p tcp -j DNAT "
                + "--to-destination 203.0.113.4:8081"));
        assertFalse(p.lastRestoreInput().contains("10.0.0.0:80"), "unchanged services are not rewritten");
        p.sync(c);
        assertTrue(p.lastRestoreInput().contains("-A KUBE-SEP-DKGQUZGBKLTPAR56 -m tcp -p tcp -j DNAT "
                + "--to-destination 10.0.0.0:80"));
    }
}
