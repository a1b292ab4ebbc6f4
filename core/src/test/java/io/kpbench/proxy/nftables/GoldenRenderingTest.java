package io.kpbench.proxy.nftables;

import static io.kpbench.proxy.ModeTestCluster.kubeProxyOverall;
import static io.kpbench.proxy.ModeTestCluster.nftablesFakeNode;
import static io.kpbench.proxy.ModeTestCluster.synced;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

    @Test
    void overallRulesetEqualsKubeProxysExpectedOutputInCanonicalOrder() throws IOException {
        NftablesDataPlane p = synced(new NftablesDataPlane(nftablesFakeNode(), IpFamily.IPv4), kubeProxyOverall());
        String expected = resource("golden/golden-nft-base.txt") + "\n" + resource("golden/golden-nft-services.txt");
        assertEquals(canonical(expected), canonical(p.render()));
        assertEquals(122, canonical(expected).lines().count());
    }

    @Test
    void fullSyncTransactionDeclaresEveryChainOfTheRenderedTable() {
        NftablesDataPlane p = synced(new NftablesDataPlane(nftablesFakeNode(), IpFamily.IPv4), kubeProxyOverall());
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
