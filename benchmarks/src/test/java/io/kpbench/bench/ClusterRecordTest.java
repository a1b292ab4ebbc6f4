package io.kpbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run records of its cluster: the fingerprint in run.json, the headline, and the plan files. */
class ClusterRecordTest {
    private static BenchInput eks(List<Integer> scales) {
        return new BenchInput(List.of(Path.of(BenchInputTest.EKS).toAbsolutePath()), "", "", scales, 0, null);
    }

    @Test
    void theHeadlineNamesTheFileTheServicesByTypeAndTheNode() {
        String h = ClusterRecord.headline(eks(List.of(1)));
        assertTrue(h.matches("kubectl-get-eks\\.yaml: \\d+ services \\(\\d+ ClusterIP, \\d+ NodePort, \\d+ "
                + "LoadBalancer.*\\), node ip-192-168-12-34\\.ec2\\.internal"), h);
    }

    @Test
    void theFingerprintHasEachFilesSha256TheCountsTheNodeAndTheScales() throws IOException {
        JsonNode m = new ObjectMapper().valueToTree(ClusterRecord.describe(eks(List.of(1, 2, 5))));
        JsonNode file = m.path("files").get(0);
        assertEquals("kubectl-get-eks.yaml", file.path("name").asText());
        assertTrue(file.path("sha256").asText().matches("[0-9a-f]{64}"), file.toString());
        assertEquals(m.path("services").asInt(), m.path("servicesByType").path("ClusterIP").asInt()
                + m.path("servicesByType").path("NodePort").asInt() + m.path("servicesByType").path("LoadBalancer")
                .asInt() + m.path("servicesByType").path("ExternalName").asInt());
        assertEquals("ip-192-168-12-34.ec2.internal", m.path("node").asText());
        assertEquals("[1,2,5]", m.path("scales").toString());
        assertEquals(3, m.path("nodes").asInt());
    }

    @Test
    void thePlanIsWrittenAsTextAndJsonWithTheRunsScales(@TempDir Path dir) throws IOException {
        ClusterRecord.writePlan(eks(List.of(1, 20)), dir);
        String text = Files.readString(dir.resolve("plan.txt"));
        assertTrue(text.contains("NodePort range"), text);
        JsonNode plan = new ObjectMapper().readTree(dir.resolve("plan.json").toFile());
        assertTrue(plan.toString().contains("20"), "the run's x20 is planned too");
        try (var files = Files.list(dir)) {
            assertEquals(List.of("plan.json", "plan.txt"), files.map(p -> p.getFileName().toString()).sorted()
                    .toList(), "no temporary file is left");
        }
    }
}
