package io.kpbench.proxy.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.net.FiveTuple;
import io.kpbench.net.Protocol;
import io.kpbench.proxy.Classification;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * UDP connections count as inactive, as Linux 6.12 IPVS counts them: {@code ip_vs_ctl.c __ip_vs_update_dest} puts
 * {@code IP_VS_CONN_F_INACTIVE} into every destination's {@code conn_flags}, {@code ip_vs_conn.c ip_vs_bind_dest}
 * copies it into each new connection and counts it in {@code inactconns}, and only {@code ip_vs_proto_tcp.c
 * set_tcp_state} (a move to ESTABLISHED) makes a connection active; UDP has no such move. So the schedulers that
 * count active connections only ({@code ip_vs_sed.c}, {@code ip_vs_nq.c}) see every UDP destination as idle.
 */
class IpvsUdpInactiveConnectionsTest {
    private static final String VIP = "172.30.0.41";

    private static IpvsDataPlane udpService(String scheduler) {
        IpvsDataPlane p = Fixtures.plane(scheduler);
        p.sync(Fixtures.svc().protocol(Protocol.UDP).endpoint("10.180.0.1", null).endpoint("10.180.0.2", null)
                .build());
        return p;
    }

    private static String pick(IpvsDataPlane p, int sport) {
        FiveTuple udp = new FiveTuple().set(Fixtures.ip("10.0.0.5"), sport, Fixtures.ip(VIP), 80, Protocol.UDP);
        return p.endpoint(Classification.endpoint(p.classify(udp, 0, 0)));
    }

    private static String realServer(String ep, int active, int inactive) {
        return String.format("  -> %-28s %-7s %-6d %-10d %-10d", ep + ":80", "Masq", 1, active, inactive);
    }

    @Test
    void aNewUdpConnectionIsCountedInInActConnAsIpVsBindDestCountsIt() {
        IpvsDataPlane p = udpService("rr");
        pick(p, 1000);
        pick(p, 1001);
        String ipvsadm = IpvsRenderer.ipvsadm(p.tables());
        assertTrue(ipvsadm.contains(realServer("10.180.0.1", 0, 1)), ipvsadm);
        assertTrue(ipvsadm.contains(realServer("10.180.0.2", 0, 1)), ipvsadm);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sed", "nq"})
    void underSedAndNqEveryUdpFlowGoesToOneDestinationBecauseNoUdpConnectionEverBecomesActive(String scheduler) {
        IpvsDataPlane p = udpService(scheduler);
        Set<String> chosen = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            chosen.add(pick(p, 1000 + i));
        }
        assertEquals(1, chosen.size(), scheduler + " (ip_vs_sed_dest_overhead counts activeconns only): " + chosen);
        String ipvsadm = IpvsRenderer.ipvsadm(p.tables());
        String ep = chosen.iterator().next().replace(":80", "");
        assertTrue(ipvsadm.contains(realServer(ep, 0, 6)), ipvsadm);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lc", "wlc"})
    void lcAndWlcStillSpreadUdpFlowsBecauseEveryUdpConnectionWeighsOneInTheOverhead(String scheduler) {
        IpvsDataPlane p = udpService(scheduler);
        Set<String> chosen = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            chosen.add(pick(p, 1000 + i));
        }
        assertEquals(2, chosen.size(), scheduler + ": " + chosen);
        String ipvsadm = IpvsRenderer.ipvsadm(p.tables());
        assertTrue(ipvsadm.contains(realServer("10.180.0.1", 0, 3)), ipvsadm);
        assertTrue(ipvsadm.contains(realServer("10.180.0.2", 0, 3)), ipvsadm);
    }
}
