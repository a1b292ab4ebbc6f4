package io.kpbench.reports.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.reports.read.ResultsReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConntrackChainsFindingTest {
    @TempDir
    Path tmp;

    private static String established(int flows, double ns, double nodes) {
        return "{\"benchmark\":\"io.kpbench.bench.EstablishedPacketBenchmark.lookup\",\"mode\":\"avgt\","
                + "\"threads\":1,\"forks\":1,\"params\":{\"mode\":\"NFTABLES\",\"flows\":\"" + flows + "\"},"
                + "\"primaryMetric\":{\"score\":" + ns + ",\"scoreError\":1,\"scoreUnit\":\"ns/op\"},"
                + "\"secondaryMetrics\":{\"chainNodesPerLookup\":{\"score\":" + nodes + ",\"scoreError\":0,"
                + "\"scoreUnit\":\"#\"}}}";
    }

    @Test
    void theEstablishedSentenceComparesTheChainsAndTheCostAtTheFewestAndTheMostFlows() throws IOException {
        Files.writeString(tmp.resolve("jmh.json"), "[" + established(1_000_000, 240, 4.2) + ","
                + established(100_000, 120, 1.4) + "]");
        String s = DataPlaneFindings.established(ResultsReader.read(tmp)).orElseThrow();
        assertTrue(s.endsWith(" Conntrack is a chained hash, as in the kernel: a hit visits 1.4 chain nodes at "
                + "100,000 flows and 4.2 at 1,000,000, and costs 2x as much there (120 against 240 ns/op)."), s);
    }

    @Test
    void oneFlowCountOrNoChainFigureAddsNothing() throws IOException {
        Files.writeString(tmp.resolve("jmh.json"), "[" + established(1_000_000, 240, 4.2) + "]");
        assertEquals("", DataPlaneFindings.chains(ResultsReader.read(tmp).bench("EstablishedPacketBenchmark.lookup")));
    }
}
