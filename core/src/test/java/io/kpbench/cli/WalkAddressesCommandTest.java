package io.kpbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code walk} through {@link Main#run}: {@code -4}/{@code -6}, {@code --nodeport-addresses}, an LB reached on its
 * ingress IP, and one-line refusals.
 */
class WalkAddressesCommandTest {
    private static final String DUAL = "../scenarios/dual-stack.yaml";
    private static final String SEED = "../scenarios/seed-nginx.yaml";
    private static final String LIST = "../scenarios/kubectl-get-list.yaml";

    @Test
    void anLbIngressIpIsWalkedAsGivenWithNoMadeUpName() {
        CliRun r = CliRun.of("walk", "-f", LIST, "--mode", "iptables", "--from", "client", "--to",
                "https://34.120.15.9/");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("load_balancer       lb 34.120.15.9 "), r.out());
        assertTrue(r.out().contains("Client -> Cloud LB -> Node worker-1 (LB VIP) -> kube-proxy iptables (LB VIP: "
                + "DNAT) -> Pod shop/"), r.out());
        assertTrue(r.out().contains(" -> conntrack on worker-1 (src 34.120.15.9:443) -> Client\n"), r.out());
        assertTrue(!r.out().contains("amazonaws") && !r.out().contains("elb"), r.out());
    }

    @Test
    void dashSixWalksTheIpv6ClusterIpAndDashFourTheIpv4One() {
        CliRun six = CliRun.of("walk", "-f", DUAL, "--mode", "ipvs", "--from", "pod/default/client-ds-node-1", "--to",
                "http://web.shop/", "-6");
        assertEquals(0, six.code(), six.err());
        assertTrue(six.out().contains("Cluster DNS (AAAA) -> kube-proxy IPVS (ClusterIP: DNAT)"), six.out());
        assertTrue(six.out().contains("(src [fd00:10:96::100:10]:80) -> Pod default/client-ds-node-1\n"), six.out());
        CliRun four = CliRun.of("walk", "-f", DUAL, "--mode", "ipvs", "--from", "pod/default/client-ds-node-1",
                "--to", "http://web.shop/", "--ipv4");
        assertEquals(0, four.code(), four.err());
        assertTrue(four.out().contains("(src 10.96.100.10:80) -> Pod default/client-ds-node-1\n"), four.out());
    }

    @Test
    void nodePortAddressesReachEveryNodesProxier() {
        CliRun r = CliRun.of("walk", "-f", SEED, "--mode", "nftables", "--from", "client", "--to",
                "192.168.49.2:30080", "--nodeport-addresses", "10.0.0.0/8", "--packets", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("(NodePort: no rule) -> Node node-a (itself)\n"), r.out());
        assertTrue(r.out().contains("=> NODE_REPLIED"), r.out());
    }

    @Test
    void badFamilyAndAddressInputIsOneLineExitTwo() {
        String[][] cases = {
            {"walk", "-f", SEED, "--from", "client", "--to", "192.168.49.2:30080", "-4", "-6"},
            {"walk", "-f", SEED, "--from", "pod/default/client-node-a", "--to", "[fd00::1]:80"},
            {"walk", "-f", SEED, "--from", "client", "--to", "192.168.49.2:30080", "--nodeport-addresses", "10.0/8"},
        };
        for (String[] args : cases) {
            CliRun r = CliRun.of(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.oneLineError(), r.err());
        }
    }
}
