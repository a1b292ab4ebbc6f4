package io.kpbench.proxy.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.ServiceType;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.ipvs.companion.CompanionRulesText;
import io.kpbench.proxy.ipvs.companion.IpSets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IpvsRendererTest {
    /** A NodePort service with two endpoints, the higher address first, on a proxier of family {@code f}. */
    private static IpvsDataPlane plane(Fixtures.Family f) {
        return f.synced(f.svc().type(ServiceType.NodePort).nodePort(3001).endpoint(f.ep2(), null)
                .endpoint(f.ep1(), null));
    }

    private static IpvsDataPlane plane() {
        return plane(Fixtures.Family.v4());
    }

    private static IpvsDataPlane plane6() {
        return plane(Fixtures.Family.v6());
    }

    /** Each family: the virtual servers in ipvsadm's order and the first real-server line, padded. */
    static Stream<Arguments> ipvsadmListings() {
        return Stream.of(
                Arguments.of(Named.of("IPv4", Fixtures.Family.v4()),
                        List.of("172.30.0.41:80", "192.168.0.2:3001", "192.168.1.2:3001"),
                        "  -> 10.180.0.1:80                Masq    1      0          0"),
                Arguments.of(Named.of("IPv6", Fixtures.Family.v6()),
                        List.of("[2001:db8::1:1]:3001", "[2001:db8::1:2]:3001", "[2020::1]:80"),
                        "  -> [fd00:10::1]:80              Masq    1      0          0"));
    }

    /** Each family: its set-name prefix and ipset family. */
    static Stream<Arguments> ipsetFamilies() {
        return Stream.of(Arguments.of(Named.of("IPv4", Fixtures.Family.v4()), "KUBE-", "inet"),
                Arguments.of(Named.of("IPv6", Fixtures.Family.v6()), "KUBE-6-", "inet6"));
    }

    /** IPv6 addresses print in brackets and sort by address, as IPv4 ones do. */
    @ParameterizedTest
    @MethodSource("ipvsadmListings")
    void ipvsadmListsSortedServicesAndPaddedRealServerLines(Fixtures.Family f, List<String> services,
            String firstDest) {
        String out = IpvsRenderer.ipvsadm(plane(f).tables());
        String dest1 = String.format("  -> %-28s %-7s %-6d %-10d %-10d%n", hostPort(f, f.ep1()), "Masq", 1, 0, 0);
        String dest2 = String.format("  -> %-28s %-7s %-6d %-10d %-10d%n", hostPort(f, f.ep2()), "Masq", 1, 0, 0);
        StringBuilder expected = new StringBuilder("IP Virtual Server version 1.2.1 (size=4096)\n"
                + "Prot LocalAddress:Port Scheduler Flags\n"
                + "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n");
        for (String service : services) {
            expected.append("TCP  ").append(service).append(" rr\n").append(dest1).append(dest2);
        }
        assertEquals(expected.toString(), out);
        assertTrue(dest1.startsWith(firstDest), dest1);
    }

    /** IPv6 sets are named {@code KUBE-6-…} with family inet6. */
    @ParameterizedTest
    @MethodSource("ipsetFamilies")
    void ipsetListPrintsTheHeaderFieldsAndMembers(Fixtures.Family f, String setPrefix, String inet) {
        String out = ipsetList(plane(f));
        assertTrue(out.contains("Name: " + setPrefix + "CLUSTER-IP\nType: hash:ip,port\nRevision: 7\n"
                + "Header: family " + inet + " hashsize 1024 maxelem 65536 comment\n"), out);
        assertTrue(out.contains("Number of entries: 1\nMembers:\n" + f.vip() + ",tcp:80\n"), out);
        assertTrue(out.contains("Name: " + setPrefix + "NODE-PORT-TCP\nType: bitmap:port\nRevision: 3\n"
                + "Header: range 0-65535 comment\n"), out);
        assertTrue(out.contains("Members:\n3001\n"), out);
        assertTrue(out.contains("Name: " + setPrefix + "IPVS-IPS\nType: hash:ip\n"), out);
        assertTrue(out.contains("References: 1\nNumber of entries: 1\nMembers:\n" + f.vip() + "\n"), out);
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
    void ipsetListTruncatesIpv6SetNamesTo31Characters() {
        String out = ipsetList(plane6());
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

    /** {@code address:80} as ipvsadm prints it: IPv6 in brackets. */
    private static String hostPort(Fixtures.Family f, String address) {
        return (f.family() == IpFamily.IPv6 ? "[" + address + "]" : address) + ":80";
    }

    private static String ipsetList(IpvsDataPlane p) {
        return IpvsRenderer.ipsetList(p.node(), p.tables());
    }

    private static CompanionRulesText.Restore iptablesRestore(IpvsDataPlane p) {
        return IpvsRenderer.iptablesRestore(p.node(), p.tables());
    }
}
