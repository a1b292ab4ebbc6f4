package io.kpbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --json} on every command that prints a result. */
class JsonOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SEED = "../scenarios/seed-nginx.yaml";
    /**
     * Commands without {@code --json}: help prints usage, and kernel-lab's result is the kernel-lab.csv it writes
     * (its stdout is progress), and k8s-bench and k8s-lab write Kubernetes YAML; the README says so.
     */
    private static final Set<String> WITHOUT_JSON = Set.of("help", "kernel-lab", "k8s-bench", "k8s-lab");

    @TempDir
    Path tmp;

    @Test
    void everyCommandWithOutputTakesJson() {
        List<String> missing = new ArrayList<>();
        Main.commandLine(new ByteArrayInputStream(new byte[0])).getSubcommands().forEach((name, cl) -> {
            if (!WITHOUT_JSON.contains(name) && cl.getCommandSpec().findOption("--json") == null) {
                missing.add(name);
            }
        });
        assertEquals(List.of(), missing);
    }

    @Test
    void renderJsonGivesTheModeTheNodeAndOneTextPerFamily() throws Exception {
        CliRun r = CliRun.of("render", "--mode", "iptables", "-f", "../scenarios/dual-stack.yaml", "--node",
                "ds-node-1", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = JSON.readTree(r.out());
        assertEquals("iptables", o.get("mode").asText());
        assertEquals("ds-node-1", o.get("node").asText());
        assertEquals(2, o.get("families").size());
        assertEquals("IPv4", o.get("families").get(0).get("family").asText());
        assertEquals("IPv6", o.get("families").get(1).get("family").asText());
        assertTrue(o.get("families").get(0).get("text").asText().contains("-d 10.96.100.10"));
        assertTrue(o.get("families").get(1).get("text").asText().contains("-d fd00:10:96::100:10"));
    }

    @Test
    void dnsJsonGivesTheStatusAndTheAnswerRecords() throws Exception {
        CliRun r = CliRun.of("dns", "nginx-cluster-ip", "--from", "pod/default/client-node-a", "-f", SEED,
                "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = JSON.readTree(r.out());
        assertEquals("NOERROR", o.get("status").asText());
        assertEquals("A", o.get("type").asText());
        assertEquals("nginx-cluster-ip.default.svc.cluster.local.", o.get("question").asText());
        JsonNode a = o.get("answers").get(0);
        assertEquals("A", a.get("type").asText());
        assertEquals("10.96.12.34", a.get("data").asText());
        assertTrue(a.get("ttl").isInt());
        assertTrue(o.get("tried").size() >= 1);
    }

    @Test
    void generateJsonSummarisesTheFileWritten() throws Exception {
        Path out = tmp.resolve("cluster.yaml");
        CliRun r = CliRun.of("generate", "--synthetic", "services=20,nodes=4,seed=3", "-o", out.toString(),
                "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        JsonNode o = JSON.readTree(r.out());
        assertEquals(out.toString(), o.get("output").asText());
        assertEquals(20, o.get("services").asInt());
        assertEquals(4, o.get("nodes").asInt());
        assertNotNull(o.get("endpointSlices"));
        assertTrue(o.get("spec").asText().startsWith("services=20,"));
        assertTrue(Files.size(out) > 0);
    }

    @Test
    void generateJsonWithoutAnOutputFileIsAUserError() {
        CliRun r = CliRun.of("generate", "--json");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.oneLineError(), r.err());
        assertTrue(r.err().contains("--json: needs -o FILE"), r.err());
    }
}
