package io.kpbench.proxy.iptables;

import static io.kpbench.proxy.ModeTestCluster.iptablesFakeNode;
import static io.kpbench.proxy.ModeTestCluster.kubeProxyOverall;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpbench.net.IpFamily;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IptablesGoldenTest {

    static String golden(String name) throws IOException {
        try (InputStream in = IptablesGoldenTest.class.getResourceAsStream("/golden/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void overallRulesMatchKubeProxysTestOverallIPTablesRules() throws IOException {
        IptablesDataPlane p = new IptablesDataPlane(iptablesFakeNode(), IpFamily.IPv4);
        p.sync(kubeProxyOverall());
        assertEquals(IptablesCanonical.sort(golden("golden-iptables.txt")),
                IptablesCanonical.sort(p.lastRestoreInput()));
    }

    @Test
    void natRuleCountMatchesKubeProxysMetric() {
        IptablesDataPlane p = new IptablesDataPlane(iptablesFakeNode(), IpFamily.IPv4);
        var stats = p.sync(kubeProxyOverall());
        assertEquals(55 + 10, stats.rules());
    }
}
