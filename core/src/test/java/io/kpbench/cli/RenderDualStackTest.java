package io.kpbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.proxy.ProxyMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code render} on a dual-stack node prints each family's ruleset after its own header, as {@code iptables-save}
 * and {@code ip6tables-save} are separate outputs; a single-stack node prints its one ruleset bare.
 */
class RenderDualStackTest {
    private static final String DUAL = "../scenarios/dual-stack.yaml";

    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void eachFamilysRulesetFollowsItsOwnHeader(ProxyMode mode) {
        CliRun r = CliRun.of("render", "--mode", mode.cliName(), "-f", DUAL, "--node", "ds-node-1");
        assertEquals(0, r.code(), r.err());
        String out = r.out();
        assertTrue(out.startsWith("# IPv4\n"), out);
        int v6 = out.indexOf("\n# IPv6\n");
        assertTrue(v6 > 0, out);
        assertEquals(v6, out.lastIndexOf("\n# IPv6\n"), out);
        assertEquals(0, out.lastIndexOf("# IPv4\n"), out);
        String ipv4 = out.substring(0, v6);
        String ipv6 = out.substring(v6);
        assertTrue(ipv4.contains("10.96.100.10"), ipv4);
        assertFalse(ipv4.contains("fd00:10:96::"), ipv4);
        assertTrue(ipv6.contains("fd00:10:96::"), ipv6);
        assertFalse(ipv6.contains("10.96.100.10"), ipv6);
    }

    @Test
    void aSingleStackNodePrintsNoHeader() {
        CliRun r = CliRun.of("render", "--mode", "iptables", "-f", "../scenarios/seed-nginx.yaml", "--node", "node-a");
        assertEquals(0, r.code(), r.err());
        assertFalse(r.out().contains("# IPv4"), r.out());
        assertFalse(r.out().contains("# IPv6"), r.out());
    }
}
