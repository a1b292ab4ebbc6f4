package io.kpbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** {@code kpbench plan}: text and JSON on a manifest and a synthetic cluster, and one-line errors on bad input. */
class PlanCommandTest {
    private static final String SEED = "../scenarios/seed-nginx.yaml";

    @Test
    void theTextNamesEveryModeItsLimitsTheirSourcesAndTheFirstLimitHit() {
        CliRun r = CliRun.of("plan", "-f", SEED, "--new-connections-per-second", "100");
        assertEquals(0, r.code(), r.err());
        for (String s : new String[] {"iptables", "nftables", "ipvs", "ebpf", "userspace", "NodePort range",
            "conntrack entries", "Cilium LB service map", "Cilium service IDs", "iptables rules",
            "nftables set and map elements", "IPVS mean bucket chain (S/256)", "Maglev tables",
            "--service-node-port-range", "--conntrack-max-per-core", "--bpf-lb-map-max", "first limit hit:",
            "x10: ", "memory: not measured"}) {
            assertTrue(r.out().contains(s), "missing '" + s + "':\n" + r.out());
        }
    }

    @Test
    void jsonParsesAndCarriesEachLimitWithItsHeadroomAndSource() throws Exception {
        CliRun r = CliRun.of("plan", "--synthetic", "services=300,endpoints=2,types=NodePort:1", "--json",
                "--cores", "8", "--new-connections-per-second", "1000");
        assertEquals(0, r.code(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals(262_144, root.get("nfConntrackMax").asLong());
        assertEquals(300, root.get("cluster").get("services").asInt());
        assertEquals(5, root.get("modes").size());
        JsonNode iptables = root.get("modes").get(0);
        assertEquals("iptables", iptables.get("mode").asText());
        JsonNode ports = iptables.get("limits").get(0);
        assertEquals("NodePort range", ports.get("name").asText());
        assertEquals(300, ports.get("inUse").asDouble(), 0.0);
        assertEquals(2_468, ports.get("headroom").asDouble(), 0.0);
        assertEquals("x10", ports.get("exceededAt").get(0).asText());
        assertTrue(ports.get("source").asText().contains("--service-node-port-range"));
        assertEquals(3_000, ports.get("atScale").get("x10").asDouble(), 0.0);
        JsonNode first = iptables.get("firstLimit").get("x5");
        assertEquals("conntrack entries (120 s each)", first.get("limit").asText());
        assertTrue(first.get("exceeded").asBoolean());
    }

    @Test
    void withoutManifestsItPlansTheSyntheticClusterAndSaysSo() {
        CliRun r = CliRun.of("plan", "--scale", "3");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("using the synthetic cluster"), r.err());
        assertTrue(r.out().contains("x3: "), r.out());
        assertFalse(r.out().contains("x10: "), r.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--cores| plan -f " + SEED + " --cores 0",
        "--new-connections-per-second| plan -f " + SEED + " --new-connections-per-second -5",
        "--new-connections-per-second| plan -f " + SEED + " --new-connections-per-second lots",
        "--scale| plan -f " + SEED + " --scale 0",
        "no-such.yaml| plan -f no-such.yaml",
        "--node| plan -f " + SEED + " --node nowhere"})
    void badInputIsExitTwoAndOneLineNamingIt(String names, String command) {
        CliRun r = CliRun.of(command.trim().split(" "));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.oneLineError(), r.err());
        assertFalse(JavaNames.in(r.err()), r.err());
        assertTrue(r.err().contains(names), r.err());
        assertEquals("", r.out());
    }
}
