package io.kpbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.Service;
import io.kpbench.cluster.synthetic.SyntheticCluster;
import io.kpbench.cluster.synthetic.SyntheticSpec;
import org.junit.jupiter.api.Test;

/** {@code kpbench walk} and {@code kpbench dns} through {@link Main#run}, on a small synthetic cluster. */
class WalkDnsCommandTest {
    private static final String SPEC = "services=4,endpoints=2,nodes=2,namespaces=1,seed=7";

    private static Service first() {
        ClusterSnapshot c = SyntheticCluster.generate(SyntheticSpec.parse(SPEC));
        return c.services().values().iterator().next();
    }

    @Test
    void walkPrintsTheJourneyBothWaysEndingWithTheSummaryLines() {
        Service s = first();
        String to = s.ref().name() + "." + s.ref().namespace() + ":" + s.ports().get(0).port();
        CliRun r = CliRun.of("walk", "--synthetic", SPEC, "--mode", "nftables", "--from",
                "pod/default/client-node-0001", "--to", to, "--overlay", "vxlan");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("packet 2 [conntrack fast path]"), r.out());
        String[] lines = r.out().split("\n");
        assertTrue(lines[lines.length - 2].startsWith("Pod default/client-node-0001 -> Cluster DNS (A) -> "
                + "kube-proxy nftables (ClusterIP: DNAT) -> "), r.out());
        assertTrue(lines[lines.length - 1].endsWith(" -> conntrack on node-0001 (src " + s.clusterIP() + ":"
                + s.ports().get(0).port() + ") -> Pod default/client-node-0001"), r.out());
    }

    @Test
    void walkJsonCarriesEveryHop() {
        Service s = first();
        CliRun r = CliRun.of("walk", "--synthetic", SPEC, "--mode", "ipvs", "--from", "node/node-0002", "--to",
                s.clusterIP() + ":" + s.ports().get(0).port(), "--packets", "1", "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"outcome\" : \"REPLIED\""), r.out());
        assertTrue(r.out().contains("\"kind\" : \"PROXY\""), r.out());
    }

    @Test
    void badInputIsOneLineExitTwo() {
        for (String[] args : new String[][] {
            {"walk", "--synthetic", SPEC, "--mode", "iptables", "--from", "pod/default/nope", "--to", "x:80"},
            {"walk", "--synthetic", SPEC, "--mode", "iptables", "--from", "client", "--to", "nowhere.example:80"},
            {"walk", "--synthetic", SPEC, "--mode", "iptables", "--from", "client", "--to", "ftp://x/"},
            {"dns", "x", "--synthetic", SPEC, "--type", "MX"}}) {
            CliRun r = CliRun.of(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("kpbench: "), r.err());
        }
    }

    @Test
    void dnsAnswersLikeDigWithNoerrorAndNxdomain() {
        Service s = first();
        CliRun r = CliRun.of("dns", s.ref().name() + "." + s.ref().namespace(), "--synthetic", SPEC, "--from", "pod/default/client-node-0001");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("status: NOERROR"), r.out());
        assertTrue(r.out().contains(";; QUESTION SECTION:"), r.out());
        assertTrue(r.out().contains(";; ANSWER SECTION:\n" + s.ref().name() + "." + s.ref().namespace()
                + ".svc.cluster.local.\t5\tIN\tA\t" + s.clusterIP()), r.out());
        CliRun nx = CliRun.of("dns", "nope.default.svc.cluster.local", "--synthetic", SPEC);
        assertEquals(0, nx.code(), nx.err());
        assertTrue(nx.out().contains("status: NXDOMAIN"), nx.out());
    }
}
