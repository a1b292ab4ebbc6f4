package io.kpbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code render} of the seed scenario on node-a, for the hash-family modes: ipvsadm, ipset and the BPF LB dump. */
class RenderSeedTest {
    private static CliRun render(String mode) {
        CliRun r = CliRun.of("render", "--mode", mode, "-f", "../scenarios/seed-nginx.yaml", "--node", "node-a",
                "--cluster-cidr", "10.244.0.0/16");
        assertEquals(0, r.code(), r.err());
        return r;
    }

    @Test
    void ipvsRendersOneVirtualServerPerServiceAddressWithBothPodsAsMasqRealServers() {
        String out = render("ipvs").out();
        String expected = String.join("\n",
                "IP Virtual Server version 1.2.1 (size=4096)",
                "Prot LocalAddress:Port Scheduler Flags",
                "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn",
                "TCP  10.96.12.34:80 rr",
                "  -> 10.244.1.5:80                Masq    1      0          0         ",
                "  -> 10.244.2.7:80                Masq    1      0          0         ",
                "TCP  10.96.45.67:80 rr",
                "  -> 10.244.1.5:80                Masq    1      0          0         ",
                "  -> 10.244.2.7:80                Masq    1      0          0         ",
                "TCP  10.96.78.90:80 rr",
                "  -> 10.244.1.5:80                Masq    1      0          0         ",
                "  -> 10.244.2.7:80                Masq    1      0          0         ",
                "TCP  192.168.49.2:30080 rr",
                "  -> 10.244.1.5:80                Masq    1      0          0         ",
                "  -> 10.244.2.7:80                Masq    1      0          0         ",
                "TCP  192.168.49.2:30443 rr",
                "  -> 10.244.1.5:80                Masq    1      0          0         ",
                "  -> 10.244.2.7:80                Masq    1      0          0         ",
                "");
        assertTrue(out.startsWith(expected), out);
    }

    @Test
    void ipvsRendersTheIpsetsThatDriveMasqueradeAndHairpin() {
        String out = render("ipvs").out();
        assertTrue(out.contains("Name: KUBE-CLUSTER-IP\nType: hash:ip,port\n"), out);
        assertTrue(out.contains("Members:\n10.96.12.34,tcp:80\n10.96.45.67,tcp:80\n10.96.78.90,tcp:80\n"), out);
        assertTrue(out.contains("Name: KUBE-NODE-PORT-TCP\nType: bitmap:port\n"), out);
        assertTrue(out.contains("Number of entries: 2\nMembers:\n30080\n30443\n"), out);
        assertTrue(out.contains("Name: KUBE-LOOP-BACK\nType: hash:ip,port,ip\n"), out);
        assertTrue(out.contains("10.244.1.5,tcp:80,10.244.1.5\n"), "only node-a's own pod hairpins: " + out);
        assertTrue(out.contains("-A KUBE-SERVICES -m comment --comment \"Kubernetes service cluster ip + port for "
                + "masquerade purpose\" -m set --match-set KUBE-CLUSTER-IP dst,dst ! -s 10.244.0.0/16 "
                + "-j KUBE-MARK-MASQ"), out);
    }

    @Test
    void ebpfRendersEveryFrontendWithItsBackendSlots() {
        String out = render("ebpf").out();
        String[] lines = out.split("\n");
        assertEquals("SERVICE ADDRESS          BACKEND ADDRESS (REVNAT_ID) (SLOT)", lines[0]);
        for (String frontend : new String[] {"0.0.0.0:30080/TCP", "0.0.0.0:30443/TCP", "10.96.12.34:80/TCP",
            "10.96.45.67:80/TCP", "10.96.78.90:80/TCP", "192.168.49.2:30080/TCP", "192.168.49.2:30443/TCP"}) {
            int i = indexOfPrefix(lines, frontend);
            assertTrue(i > 0, frontend + " missing in\n" + out);
            assertTrue(lines[i].contains("0.0.0.0:0 (") && lines[i].contains(") (0)"), lines[i]);
            assertTrue(lines[i + 1].trim().startsWith("10.244.1.5:80/TCP (") && lines[i + 1].endsWith("(1)"),
                    lines[i + 1]);
            assertTrue(lines[i + 2].trim().startsWith("10.244.2.7:80/TCP (") && lines[i + 2].endsWith("(2)"),
                    lines[i + 2]);
        }
        assertEquals(1 + 7 * 3, lines.length, out);
    }

    private static int indexOfPrefix(String[] lines, String prefix) {
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(prefix + " ")) {
                return i;
            }
        }
        return -1;
    }
}
