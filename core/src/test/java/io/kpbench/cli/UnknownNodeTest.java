package io.kpbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --node} must name one of the cluster's Nodes; the error lists the known ones. */
class UnknownNodeTest {
    private static final String SEED = "../scenarios/seed-nginx.yaml";

    @TempDir
    Path tmp;

    @Test
    void traceWithAnUnknownNodeBlamesNodeAndListsTheKnownOnes() {
        CliRun r = CliRun.of("trace", "--mode", "iptables", "-f", SEED, "--node", "node-z", "--src", "203.0.113.7",
                "--dst", "10.96.12.34", "--dport", "80");
        assertEquals(2, r.code(), r.err());
        assertEquals("kpbench: --node: unknown node 'node-z' (known: node-a, node-b)\n", r.err());
    }

    @Test
    void renderWithAnUnknownNodeIsTheSameError() {
        CliRun r = CliRun.of("render", "--mode", "nftables", "-f", SEED, "--node", "node-z");
        assertEquals(2, r.code(), r.err());
        assertEquals("kpbench: --node: unknown node 'node-z' (known: node-a, node-b)\n", r.err());
    }

    @Test
    void theKnownListStopsAtTenNodes() {
        CliRun r = CliRun.of("render", "--mode", "iptables", "--synthetic", "services=3,nodes=12", "--node", "nope");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.oneLineError(), r.err());
        assertTrue(r.err().contains("(known: node-0001, node-0002, node-0003, node-0004, node-0005, node-0006, "
                + "node-0007, node-0008, node-0009, node-0010, ...)"), r.err());
    }

    @Test
    void aDumpHasNoNodesSoAnyNodeNameGoesWithItsNodeIp() throws Exception {
        CliRun rendered = CliRun.of("render", "--mode", "iptables", "-f", SEED, "--node", "node-a");
        assertEquals(0, rendered.code(), rendered.err());
        Path dump = tmp.resolve("node.rules");
        Files.writeString(dump, rendered.out());
        CliRun r = CliRun.of("trace", "--mode", "iptables", "--iptables-save", dump.toString(), "--node",
                "some-node", "--node-ip", "192.168.49.2", "--src", "203.0.113.7", "--dst", "10.96.12.34",
                "--dport", "80");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("on some-node"), r.out());
    }
}
