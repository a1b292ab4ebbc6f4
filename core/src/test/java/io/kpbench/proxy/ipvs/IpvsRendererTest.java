package io.kpbench.proxy.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.ServiceType;
import io.kpbench.proxy.ipvs.companion.CompanionRulesText;
import io.kpbench.proxy.ipvs.companion.IpSets;
import org.junit.jupiter.api.Test;

class IpvsRendererTest {
    /** A NodePort service with two endpoints, the higher address first, on a proxier of family {@code f}. */
    private static IpvsDataPlane plane(Fixtures.Family f) {
        IpvsDataPlane p = f.plane("rr");
        p.sync(f.svc().type(ServiceType.NodePort).nodePort(3001).endpoint(f.ep2(), null).endpoint(f.ep1(), null)
                .build());
        return p;
    }

    private static IpvsDataPlane plane() {
        return plane(Fixtures.Family.v4());
    }

    private static IpvsDataPlane plane6() {
        return plane(Fixtures.Family.v6());
    }

    @Test
    void ipvsadmListsSortedServicesAndPaddedRealServerLines() {
        String out = IpvsRenderer.ipvsadm(plane().tables());
        String dest1 = String.format("  -> %-28s %-7s %-6d %-10d %-10d%n", "10.180.0.1:80", "Masq", 1, 0, 0);
        String dest2 = String.format("  -> %-28s %-7s %-6d %-10d %-10d%n", "10.180.0.2:80", "Masq", 1, 0, 0);
        assertEquals("IP Virtual Server version 1.2.1 (size=4096)\n"
                + "Prot LocalAddress:Port Scheduler Flags\n"
                + "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n"
                + "TCP  172.30.0.41:80 rr\n" + dest1 + dest2
                + "TCP  192.168.0.2:3001 rr\n" + dest1 + dest2
                + "TCP  192.168.1.2:3001 rr\n" + dest1 + dest2, out);
        assertTrue(dest1.startsWith("  -> 10.180.0.1:80                Masq    1      0          0"));
    }

    @Test
    void ipsetListPrintsTheHeaderFieldsAndMembers() {
        String out = ipsetList(plane());
        assertTrue(out.contains("Name: KUBE-CLUSTER-IP\nType: hash:ip,port\nRevision: 7\n"
                + "Header: family inet hashsize 1024 maxelem 65536 comment\n"), out);
        assertTrue(out.contains("Number of entries: 1\nMembers:\n172.30.0.41,tcp:80\n"), out);
        assertTrue(out.contains("Name: KUBE-NODE-PORT-TCP\nType: bitmap:port\nRevision: 3\nHeader: range 0-65535"
                + " comment\n"), out);
        assertTrue(out.contains("Members:\n3001\n"), out);
        assertTrue(out.contains("Name: KUBE-IPVS-IPS\nType: hash:ip\n"), out);
        assertTrue(out.contains("References: 1\nNumber of entries: 1\nMembers:\n172.30.0.41\n"), out);
    }

    @Test
    void iptablesRestoreHoldsTheConstantRuleSet() {
        CompanionRulesText.Restore r = iptablesRestore(plane());
        assertTrue(r.text().startsWith("*nat\n:KUBE-SERVICES - [0:0]\n"));
        assertTrue(r.text().contains("-A KUBE-SERVICES -m comment --comment \"Kubernetes service cluster ip + port"
                + " for masquerade purpose\" -m set --match-set KUBE-CLUSTER-IP dst,dst ! -s 10.0.0.0/8"
                + " -j KUBE-MARK-MASQ\n"));
        assertTrue(r.text().contains("-A KUBE-NODE-PORT -p tcp -m comment --comment \"Kubernetes nodeport TCP port"
                + " for masquerade purpose\" -m set --match-set KUBE-NODE-PORT-TCP dst -j KUBE-MARK-MASQ\n"));
        assertTrue(r.text().contains("-A KUBE-MARK-MASQ -j MARK --or-mark 0x004000\n"));
        assertEquals(r.text().split("\n").length, r.lines());
    }

    @Test
    void ipvsadmPrintsIpv6AddressesInBracketsSortedByAddress() {
        String out = IpvsRenderer.ipvsadm(plane6().tables());
        String d1 = String.format("  -> %-28s %-7s %-6d %-10d %-10d%n", "[fd00:10::1]:80", "Masq", 1, 0, 0);
        String d2 = String.format("  -> %-28s %-7s %-6d %-10d %-10d%n", "[fd00:10::2]:80", "Masq", 1, 0, 0);
        assertEquals("IP Virtual Server version 1.2.1 (size=4096)\n"
                + "Prot LocalAddress:Port Scheduler Flags\n"
                + "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n"
                + "TCP  [2001:db8::1:1]:3001 rr\n" + d1 + d2
                + "TCP  [2001:db8::1:2]:3001 rr\n" + d1 + d2
                + "TCP  [2020::1]:80 rr\n" + d1 + d2, out);
    }

    @Test
    void ipsetListNamesIpv6SetsKube6WithFamilyInet6AndTruncatesTo31Characters() {
        String out = ipsetList(plane6());
        assertTrue(out.contains("Name: KUBE-6-CLUSTER-IP\nType: hash:ip,port\nRevision: 7\n"
                + "Header: family inet6 hashsize 1024 maxelem 65536 comment\n"), out);
        assertTrue(out.contains("Number of entries: 1\nMembers:\n2020::1,tcp:80\n"), out);
        assertTrue(out.contains("Name: KUBE-6-NODE-PORT-TCP\nType: bitmap:port\nRevision: 3\n"
                + "Header: range 0-65535 comment\n"), out);
        assertTrue(out.contains("Name: KUBE-6-IPVS-IPS\nType: hash:ip\n"), out);
        assertTrue(out.contains("Members:\n2020::1\n"), out);
        assertTrue(out.contains("Name: KUBE-6-LOAD-BALANCER-SOURCE-CID\n"), out);
        assertTrue(out.contains("Name: KUBE-6-NODE-PORT-LOCAL-SCTP-HAS\n"), out);
        for (String name : IpSets.NAMES) {
            assertTrue(IpSets.inet6Name(name).length() <= 31, name);
        }
    }

    @Test
    void ip6tablesRestoreReferencesTheKube6SetsAndTheIpv6ClusterCidr() {
        CompanionRulesText.Restore r = iptablesRestore(plane6());
        assertTrue(r.text().contains("-A KUBE-SERVICES -s ::1/128 -j RETURN\n"));
        assertTrue(r.text().contains("-m set --match-set KUBE-6-CLUSTER-IP dst,dst ! -s fd00:10::/64"
                + " -j KUBE-MARK-MASQ\n"), r.text());
        assertTrue(r.text().contains("-A KUBE-NODE-PORT -p tcp -m comment --comment \"Kubernetes nodeport TCP port"
                + " for masquerade purpose\" -m set --match-set KUBE-6-NODE-PORT-TCP dst -j KUBE-MARK-MASQ\n"));
        assertTrue(r.text().contains("-A KUBE-IPVS-FILTER -m conntrack --ctstate NEW -m set --match-set"
                + " KUBE-6-IPVS-IPS dst -j REJECT\n"));
        assertFalse(r.text().contains("--match-set KUBE-CLUSTER-IP "), r.text());
        assertEquals(iptablesRestore(plane()).rules(), r.rules(), "same rule count in both families");
    }

    private static String ipsetList(IpvsDataPlane p) {
        return IpvsRenderer.ipsetList(p.node(), p.tables());
    }

    private static CompanionRulesText.Restore iptablesRestore(IpvsDataPlane p) {
        return IpvsRenderer.iptablesRestore(p.node(), p.tables());
    }
}
