package io.kpbench.proxy.nftables;

import static io.kpbench.proxy.ModeTestCluster.FAKE_NODE;
import static io.kpbench.proxy.ModeTestCluster.cluster;
import static io.kpbench.proxy.ModeTestCluster.nftablesFakeNode;
import static io.kpbench.proxy.ModeTestCluster.slice;
import static io.kpbench.proxy.ModeTestCluster.svc;
import static io.kpbench.proxy.ModeTestCluster.synced;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.ServiceType;
import io.kpbench.net.IpFamily;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoldenRenderingTest {
    private static final Map<String, Integer> ORDER =
            Map.of("table", 10, "chain", 9, "rule", 8, "set", 7, "map", 6, "element", 5);

    /** The input of kube-proxy's TestOverallNFTablesRules. */
    static ClusterSnapshot overallInput() {
        return cluster(List.of(
                svc("ns1", "svc1").clusterIP("172.30.0.41").tcp("p80", 80, 0).build(),
                svc("ns2", "svc2").type(ServiceType.LoadBalancer).externalLocal().clusterIP("172.30.0.42")
                        .tcp("p80", 80, 3001).lb("1.2.3.4").externalIPs("192.168.99.22").healthCheckNodePort(30000)
                        .build(),
                svc("ns3", "svc3").type(ServiceType.NodePort).clusterIP("172.30.0.43").tcp("p80", 80, 3003).build(),
                svc("ns4", "svc4").type(ServiceType.NodePort).clusterIP("172.30.0.44").externalIPs("192.168.99.33")
                        .tcp("p80", 80, 0).build(),
                svc("ns5", "svc5").type(ServiceType.LoadBalancer).clusterIP("172.30.0.45").tcp("p80", 80, 3002)
                        .lb("5.6.7.8").healthCheckNodePort(30000).sourceRanges(" 203.0.113.0/25").affinity(10800)
                        .build(),
                svc("ns6", "svc6").clusterIP("172.30.0.46").tcp("p80", 80, 0).build()),
                List.of(slice("ns1", "svc1", 1).ep("10.180.0.1", null).tcp("p80", 80).build(),
                        slice("ns2", "svc2", 1).ep("10.180.0.2", null).tcp("p80", 80).build(),
                        slice("ns3", "svc3", 1).ep("10.180.0.3", null).tcp("p80", 80).build(),
                        slice("ns4", "svc4", 1).ep("10.180.0.4", null).ep("10.180.0.5", FAKE_NODE)
                                .tcp("p80", 80).build(),
                        slice("ns5", "svc5", 1).ep("10.180.0.3", null).tcp("p80", 80).build()));
    }

    @Test
    void overallRulesetEqualsKubeProxysExpectedOutputInCanonicalOrder() throws IOException {
        NftablesDataPlane p = synced(new NftablesDataPlane(nftablesFakeNode(), IpFamily.IPv4), overallInput());
        String expected = resource("golden/golden-nft-base.txt") + "\n" + resource("golden/golden-nft-services.txt");
        assertEquals(canonical(expected), canonical(p.render()));
        assertEquals(122, canonical(expected).lines().count());
    }

    @Test
    void fullSyncTransactionDeclaresEveryChainOfTheRenderedTable() {
        NftablesDataPlane p = synced(new NftablesDataPlane(nftablesFakeNode(), IpFamily.IPv4), overallInput());
        long rendered = p.render().lines().filter(l -> l.startsWith("add chain")).count();
        long added = p.lastTransaction().stream().filter(l -> l.startsWith("add chain")).count();
        assertEquals(rendered, added);
    }

    /** kube-proxy's sortNFTablesTransaction (helpers_test.go). */
    static String canonical(String tx) {
        List<String> lines = new ArrayList<>();
        for (String l : tx.split("\n")) {
            if (!l.isEmpty() && l.charAt(0) != '#') {
                lines.add(l);
            }
        }
        lines.sort((li, lj) -> {
            String[] wi = li.split(" ");
            String[] wj = lj.split(" ");
            if (wi.length < 5 || wj.length < 5) {
                return 0;
            }
            if (!wi[1].equals(wj[1])) {
                return Integer.compare(ORDER.getOrDefault(wj[1], 0), ORDER.getOrDefault(wi[1], 0));
            }
            if (!wi[4].equals(wj[4])) {
                return wi[4].compareTo(wj[4]);
            }
            return "rule".equals(wi[1]) ? 0 : li.compareTo(lj);
        });
        return String.join("\n", lines);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = GoldenRenderingTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
