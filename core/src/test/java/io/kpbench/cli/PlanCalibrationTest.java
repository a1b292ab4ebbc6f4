package io.kpbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kpbench.lab.Calibration;
import io.kpbench.lab.CalibrationFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kpbench plan --calibration FILE}: the projected kernel first-packet cost at the cluster's size. */
class PlanCalibrationTest {
    @TempDir
    Path dir;

    private Path node() {
        Calibration ipt = new Calibration("iptables-legacy", 30_000, 2.0, 0.0, 0.99, 12, 2000, 1e8, 500, List.of(),
                List.of(100, 1000, 5000, 10_000));
        return new CalibrationFile("a real node", Map.of(), "unavailable: no ip_vs module on this machine",
                List.of(ipt), Map.of()).write(dir);
    }

    @Test
    void aCalibrationFromAnotherMachineProjectsEachCalibratedBackEndAndSaysWhyNotTheOthers() {
        CliRun r = CliRun.of("plan", "--synthetic", "services=300", "--calibration", node().toString());
        assertEquals(0, r.code(), r.err());
        // the middle of 300 ClusterIP ports: 7 + 149 rules; 30 us + 2 ns x 156 = 30.3 us
        assertTrue(r.out().contains("calibration: a real node"), r.out());
        assertTrue(r.out().contains("iptables-legacy N=300: 156 ops -> 30.3 us"), r.out());
        assertTrue(r.out().contains("ipvs: no calibration: IPVS unavailable: no ip_vs module"), r.out());
        assertTrue(r.out().contains("nftables: no calibration in this file"), r.out());
    }

    @Test
    void jsonCarriesTheProjection() throws Exception {
        CliRun r = CliRun.of("plan", "--synthetic", "services=300", "--json", "--calibration", node().toString());
        assertEquals(0, r.code(), r.err());
        JsonNode k = new ObjectMapper().readTree(r.out()).get("kernelProjection");
        assertEquals("a real node", k.get("calibration").asText());
        assertEquals(30_312, k.get("projections").get(0).get("projectedNs").asLong());
    }

    @Test
    void aMissingCalibrationFileIsOneLineAndExitTwo() {
        CliRun r = CliRun.of("plan", "--synthetic", "services=300", "--calibration", dir.resolve("no.json").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().strip().endsWith("no such calibration file"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}
