package io.kpbench.reports.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.reports.Fixtures;
import io.kpbench.reports.Table;
import io.kpbench.reports.read.ResultsFolder;
import io.kpbench.reports.read.ResultsReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DesignReviewTest {
    @TempDir
    Path tmp;

    private static DesignReview fixture() {
        return DesignReview.of(ResultsReader.read(Fixtures.source()), List.of());
    }

    @Test
    void theHeadlineLeadsWithIptablesOverNftablesAndShowsEachRatiosIntervalAndForks() {
        Table t = fixture().headline();
        assertEquals(List.of("ratio", "variant", "services", "median", "95% interval", "forks"), t.header());
        assertEquals(List.of("iptables / nftables", "first packet, independent (throughput per packet)", "10k",
                "25.3×", "24.0–26.5 (±5.0%)", "14"), t.rows().get(0));
        assertTrue(t.rows().contains(List.of("iptables / nftables", "first packet, dependent (latency per packet)",
                "30k", "10.4×", "9.87–11.0 (±5.3%)", "14")), t.rows().toString());
    }

    @Test
    void headlineRowsAreTheModesOverNftablesThenEachModeOverEstablishedAtThirtyThousandNftablesFirst() {
        List<String> names = fixture().headline().rows().stream().map(r -> r.get(0) + " " + r.get(2)).distinct()
                .toList();
        assertEquals(List.of("iptables / nftables 10k", "iptables / nftables 30k", "ipvs / nftables 10k",
                "ipvs / nftables 30k", "ebpf / nftables 10k", "ebpf / nftables 30k", "nftables / established 30k",
                "iptables / established 30k", "ipvs / established 30k", "ebpf / established 30k",
                "userspace / established 30k"), names);
        assertTrue(fixture().others().rows().stream().anyMatch(r -> r.get(0).equals("userspace / nftables")));
        assertTrue(fixture().others().rows().stream().noneMatch(r -> r.get(0).equals("iptables / nftables")));
    }

    @Test
    void withoutRatiosCsvThereIsNoTableAndTheRestStillStands() throws IOException {
        Path dir = Fixtures.copy(tmp);
        Files.delete(dir.resolve("ratios.csv"));
        DesignReview d = DesignReview.of(ResultsReader.read(dir), List.of());
        assertNull(d.headline());
        assertTrue(d.gate().startsWith("Gate: 1 of 28"), d.gate());
    }

    @Test
    void theCrossoverIsInterpolatedOnLogLogAxesBetweenTheBracketingCounts() {
        double x = Crossover.at(new double[] {1000, 10_000}, new double[] {50, 200}, new double[] {100, 100});
        assertEquals(Math.sqrt(1000.0 * 10_000), x, 1e-6);
        assertTrue(Double.isNaN(Crossover.at(new double[] {1000, 10_000}, new double[] {1, 2},
                new double[] {10, 10})), "never crosses");
        assertEquals(Double.NEGATIVE_INFINITY, Crossover.at(new double[] {1000}, new double[] {20},
                new double[] {10}), "already above at the smallest count");
    }

    @Test
    void theCrossoverSentenceNamesTheCountOrSaysItIsNotWithinTheMeasuredRange() throws IOException {
        Files.writeString(tmp.resolve("jmh.json"), "[" + first("IPTABLES", 1000, 50) + "," + first("IPTABLES", 10000,
                200) + "," + first("NFTABLES", 1000, 100) + "," + first("NFTABLES", 10000, 100) + "]");
        assertTrue(Crossover.sentence(ResultsReader.read(tmp)).startsWith("Modes cross over at ~3.2k services: "
                + "above it an iptables first packet costs more than an nftables one"));
        assertTrue(fixture().crossover().startsWith("Modes cross over: not within the measured range (1k–30k "
                + "services)"), fixture().crossover());
    }

    private static String first(String mode, int services, double ns) {
        return "{\"benchmark\":\"io.kpbench.bench.FirstPacketClassifyBenchmark.classify\",\"mode\":\"avgt\","
                + "\"threads\":1,\"forks\":1,\"params\":{\"mode\":\"" + mode + "\",\"services\":\"" + services
                + "\",\"endpoints\":\"1\",\"traffic\":\"UNIFORM\"},\"primaryMetric\":{\"score\":" + ns
                + ",\"scoreError\":1,\"scoreUnit\":\"ns/op\"},\"secondaryMetrics\":{}}";
    }

    @Test
    void theGateCountsTheFlaggedForksOfForksCsvAndQuotesTheSessionMedians() {
        assertEquals("Gate: 1 of 28 paired forks flagged by the probe gate (pointer chase / compute > 15% from the "
                + "session median); session medians: pointer chase 95.2 ns, compute 12.1 ns.", fixture().gate());
    }

    @Test
    void slowedForksWhoseOwnProbesWereSlowerTooAreBlamedOnABusyHost() throws IOException {
        String gate = gateWithSlowedForks(1.3);
        assertTrue(gate.startsWith("Gate: 1 of 28 paired forks flagged"), gate);
        assertTrue(gate.contains(" 5 of 28 ran slowed (harness floor > 15% above the run's quiet floor). Their own "
                + "probes were slower too ("), gate);
        assertTrue(gate.endsWith("the host was busy while they measured, and a busy host moves the compute-bound "
                + "arms more than the memory-bound ones, so a second run may differ by more than these intervals."),
                gate);
    }

    @Test
    void slowedForksWhoseOwnProbesWereAsFastAsTheOthersAreBlamedOnSpellsTheProbesMissed() throws IOException {
        String gate = gateWithSlowedForks(1.0);
        assertTrue(gate.contains(" 5 of 28 ran slowed (harness floor > 15% above the run's quiet floor). Their own "
                + "probes, run in each fork just before its setup, were as fast as the other forks' ("), gate);
        assertTrue(gate.endsWith("the host's core slowed in spells the gate's half-second probes missed and the "
                + "floor, measured throughout, saw. The intervals over forks include it; a second run, in other "
                + "spells, may differ by more than these intervals."), gate);
    }

    /** The fixture's forks.csv with its first five forks slowed, their probes multiplied by {@code probeFactor}. */
    private String gateWithSlowedForks(double probeFactor) throws IOException {
        Path dir = Fixtures.copy(tmp);
        List<String> lines = Files.readAllLines(dir.resolve("forks.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        int chase = header.indexOf("chaseNs");
        int compute = header.indexOf("computeNs");
        List<String> out = new java.util.ArrayList<>(List.of(lines.get(0) + ",floorNs,slowed"));
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            cells[chase] = "140";
            cells[compute] = "1.75";
            if (i <= 5) {
                cells[chase] = Double.toString(140 * probeFactor);
                cells[compute] = Double.toString(1.75 * probeFactor);
            }
            out.add(String.join(",", cells) + (i <= 5 ? ",10.2,true" : ",5.0,false"));
        }
        Files.write(dir.resolve("forks.csv"), out);
        return DesignReview.of(ResultsReader.read(dir), List.of()).gate();
    }

    @Test
    void withoutForksCsvTheGateComesFromRunJson() throws IOException {
        Path dir = Fixtures.copy(tmp);
        Files.delete(dir.resolve("forks.csv"));
        Files.writeString(dir.resolve("run.json"), Files.readString(dir.resolve("run.json"))
                .replace("\"flagged\": 1", "\"flagged\": 3"));
        assertTrue(DesignReview.of(ResultsReader.read(dir), List.of()).gate().startsWith("Gate: 3 of 28 paired "
                + "forks flagged by the probe gate"));
    }

    @Test
    void theClusterAndTheMachineAreOneLineEach() {
        DesignReview d = fixture();
        assertEquals("Cluster: synthetic ClusterIP services, 1k–30k services × 1–10 endpoints per service, 10k–1M "
                + "tracked flows.", d.cluster());
        assertEquals("Machine: Synthetic CPU @ 3.0GHz (test fixture) (family 25, model 1, stepping 1), 2 cores, "
                + "8.0 GiB memory, kernel 6.1.0-fixture amd64, THP madvise, JVM OpenJDK 64-Bit Server VM 17.0.15.",
                d.machine());
    }

    @Test
    void aRunOnAGivenClusterNamesItFirstAndLeadsWithItsOwnScales() throws IOException {
        Files.writeString(tmp.resolve("run.json"), "{\"cluster\": {\"headline\": \"prod.yaml: 11 services (6 "
                + "ClusterIP, 1 NodePort, 3 LoadBalancer, 1 ExternalName), node n1\", \"services\": 11, "
                + "\"scales\": [1, 5, 10]}}");
        StringBuilder csv = new StringBuilder("numerator,denominator,benchmark,params,forks,median,ci95Low,ci95High\n");
        for (int services : new int[] {11, 55, 110}) {
            for (String num : List.of("iptables", "userspace")) {
                csv.append(num).append(",nftables,firstPacket.independent,services=").append(services)
                        .append(",16,2.0,1.9,2.1\n");
            }
            csv.append("nftables,established,firstPacket.dependent,services=").append(services)
                    .append(",16,5.0,4.8,5.2\n");
        }
        Files.writeString(tmp.resolve("ratios.csv"), csv.toString());
        DesignReview d = DesignReview.of(ResultsReader.read(tmp), List.of());
        assertEquals("Cluster: prod.yaml: 11 services (6 ClusterIP, 1 NodePort, 3 LoadBalancer, 1 ExternalName), "
                + "node n1, at ×1, ×5, ×10.", d.lead());
        assertNull(d.cluster(), "the cluster is said once, under the heading");
        assertEquals(List.of("iptables / nftables 11", "iptables / nftables 55", "iptables / nftables 110",
                "nftables / established 110"), d.headline().rows().stream().map(r -> r.get(0) + " " + r.get(2))
                .toList());
        assertEquals(5, d.others().rows().size(), "userspace at every scale, established below the largest");
    }

    @Test
    void aSyntheticRunHasNoLeadAndItsClusterFollowsTheTable() {
        assertNull(fixture().lead());
        assertTrue(fixture().cluster().startsWith("Cluster: synthetic"));
    }

    @Test
    void theClusterLineGathersTheParametersOfEveryPassOfAProfile() throws IOException {
        Files.writeString(tmp.resolve("run.json"), "{\"params\": {\"passes\": [{\"params\": {\"services\": "
                + "[\"1000\", \"30000\"], \"endpoints\": [\"10\"]}}, {\"params\": {\"services\": "
                + "[\"100000\"]}}]}, \"host\": {\"cpuModel\": \"AMD EPYC\", \"cores\": 2}}");
        DesignReview d = DesignReview.of(ResultsReader.read(tmp), List.of());
        assertEquals("Cluster: synthetic ClusterIP services, 1k–100k services × 10 endpoints per service.",
                d.cluster());
        assertEquals("Machine: AMD EPYC, 2 cores.", d.machine());
    }

    @Test
    void eachModesDependentFirstPacketIsAMultipleOfTheFloorAtTheSizeOfItsTables() {
        ResultsFolder f = ResultsReader.read(Fixtures.source());
        Table t = Floor.of(f);
        List<String> nft = t.rows().stream().filter(r -> r.get(0).equals("nftables") && r.get(1).equals("30k"))
                .findFirst().orElseThrow();
        // (1250 + 640) bytes x 30,000 services = 54.1 MiB, between the 16 MiB (18 ns) and 64 MiB (143 ns) floors
        double floor = Math.exp(Math.log(18) + (Math.log(56_700_000.0) - Math.log(16_777_216.0))
                / (Math.log(67_108_864.0) - Math.log(16_777_216.0)) * (Math.log(143) - Math.log(18)));
        assertEquals(List.of("nftables", "30k", "116", "54.1 MiB", Labels.sig3(floor),
                String.format(java.util.Locale.ROOT, "%.1f×", 115.5 / floor)), nft);
    }

    @Test
    void aServicesCountBeyondMemoryCsvHasNoMemoryFigure() throws IOException {
        Path dir = Fixtures.copy(tmp);
        Files.writeString(dir.resolve("arms.csv"), "benchmark,params,arm,forks,nsPerOp,ci95Low,ci95High\n"
                + "firstPacket.dependent,services=100000,ebpf,14,60,58,62\n");
        List<String> row = Floor.of(ResultsReader.read(dir)).rows().get(0);
        assertEquals("no memory figure", row.get(3));
        assertEquals("–", row.get(5));
    }

    @Test
    void interpolationIsLogLogAndNeverExtrapolates() {
        TreeMap<Double, Double> p = new TreeMap<>(java.util.Map.of(10.0, 1.0, 1000.0, 100.0));
        assertEquals(10.0, Floor.interpolate(p, 100), 1e-9);
        assertTrue(Double.isNaN(Floor.interpolate(p, 5000)));
    }

    @Test
    void theBaselineArmIsTheHarnessFloor() {
        Table t = Arms.of(ResultsReader.read(Fixtures.source()));
        assertEquals(List.of("first packet, independent (throughput per packet)", "10k",
                "harness floor (no-op data plane, same packet path)", "2.50", "2.40–2.60 (±4.0%)", "14"),
                t.rows().get(0));
    }
}
