package io.kpbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kpbench.common.ModelVersions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunInfoTest {
    private static final String EPYC = """
            processor\t: 0
            vendor_id\t: AuthenticAMD
            cpu family\t: 25
            model\t\t: 1
            model name\t: AMD EPYC 7R13 Processor
            stepping\t: 1
            microcode\t: 0xa0011d1

            processor\t: 1
            vendor_id\t: AuthenticAMD
            cpu family\t: 23
            model\t\t: 49
            model name\t: AMD EPYC 7R32
            stepping\t: 0
            """;

    @Test
    void theFirstProcessorsFamilyModelNumberAndSteppingAreRead() {
        Map<String, String> cpu = RunInfo.cpuInfo(EPYC);
        assertEquals(25, RunInfo.integer(cpu.get("cpu family")));
        assertEquals(1, RunInfo.integer(cpu.get("model")));
        assertEquals(1, RunInfo.integer(cpu.get("stepping")));
        assertEquals("AMD EPYC 7R13 Processor", cpu.get("model name"));
    }

    @Test
    void theModelNameIsNotMistakenForTheModelNumber() {
        Map<String, String> cpu = RunInfo.cpuInfo("model name\t: Intel(R) Xeon(R)\nmodel\t\t: 207\n");
        assertEquals(207, RunInfo.integer(cpu.get("model")));
        assertEquals("Intel(R) Xeon(R)", cpu.get("model name"));
    }

    @Test
    void aCpuThatGivesNoX86IdentityLeavesTheFieldsNull() {
        Map<String, String> cpu = RunInfo.cpuInfo("processor\t: 0\nBogoMIPS\t: 50.00\nCPU implementer\t: 0x41\n"
                + "stepping\t: unknown\n");
        assertNull(RunInfo.integer(cpu.get("cpu family")));
        assertNull(RunInfo.integer(cpu.get("model")));
        assertNull(RunInfo.integer(cpu.get("stepping")));
        assertTrue(RunInfo.cpuInfo(null).isEmpty());
        assertTrue(RunInfo.cpuInfo("").isEmpty());
    }

    @Test
    void theThpModeIsTheBracketedChoice() {
        assertEquals("madvise", RunInfo.thpMode("always [madvise] never\n"));
        assertEquals("always", RunInfo.thpMode("[always] madvise never\n"));
        assertEquals("never", RunInfo.thpMode("always madvise [never]"));
    }

    @Test
    void noThpFileOrNoBracketGivesNull() {
        assertNull(RunInfo.thpMode(null));
        assertNull(RunInfo.thpMode("always madvise never\n"));
        assertNull(RunInfo.thpMode("[]"));
    }

    /** Issue 17, point 9: run.json names the kube-proxy, Linux and Cilium releases the model follows. */
    @Test
    void runJsonRecordsTheReleasesTheModelFollows(@TempDir Path dir) throws IOException {
        BenchSettings s = new BenchSettings(BenchProfile.SMOKE, ".*", Map.of(), "none", dir, "");
        RunInfo.write(new RunFolder(dir, "abc123", false), s, 5, Map.of(), List.of(), Instant.EPOCH, null, null);
        JsonNode model = new ObjectMapper().readTree(dir.resolve("run.json").toFile()).path("model");
        assertEquals(ModelVersions.KUBE_PROXY, model.path("kubeProxy").asText());
        assertEquals(ModelVersions.KUBE_PROXY_USERSPACE, model.path("kubeProxyUserspace").asText());
        assertEquals(ModelVersions.LINUX, model.path("linux").asText());
        assertEquals(ModelVersions.CILIUM, model.path("cilium").asText());
        assertEquals(4, model.size());
    }
    /** Issue 18: run.json says which shard this run is and names the machine, for the merge and its report. */
    @Test
    void runJsonRecordsTheShardAndTheMachine(@TempDir Path dir) throws IOException {
        BenchSettings s = new BenchSettings(BenchProfile.SMOKE, ".*", Map.of(), "none", dir, "", new Shard(2, 3));
        RunInfo.write(new RunFolder(dir, "abc123", false), s, 5, Map.of(), List.of(), Instant.EPOCH, null, null);
        JsonNode run = new ObjectMapper().readTree(dir.resolve("run.json").toFile());
        assertEquals(2, run.path("shard").path("index").asInt());
        assertEquals(3, run.path("shard").path("count").asInt());
        assertTrue(run.path("host").has("hostname") && run.path("host").has("node"), run.toString());
        assertEquals("web-0", RunInfo.hostname("web-0\n", "other"));
        assertEquals("other", RunInfo.hostname(null, "other"));
        assertNull(RunInfo.hostname("  ", null));
    }

    @Test
    void aShardRecordsHowManyBenchmarkCellsItHeldAndAWholeRunDoesNot(@TempDir Path dir) throws IOException {
        BenchSettings shard = new BenchSettings(BenchProfile.SMOKE, ".*", Map.of(), "none", dir, "", new Shard(25, 30));
        RunInfo.write(new RunFolder(dir, "abc123", false), shard, 0, Map.of(), List.of(), Instant.EPOCH, null, null);
        JsonNode run = new ObjectMapper().readTree(dir.resolve("run.json").toFile());
        assertEquals(0, run.path("shard").path("cells").asInt(-1));
        BenchSettings whole = new BenchSettings(BenchProfile.SMOKE, ".*", Map.of(), "none", dir, "");
        RunInfo.write(new RunFolder(dir, "abc123", false), whole, 94, Map.of(), List.of(), Instant.EPOCH, null, null);
        run = new ObjectMapper().readTree(dir.resolve("run.json").toFile());
        assertTrue(run.path("shard").path("cells").isMissingNode(), run.path("shard").toString());
    }
}
