package io.kpbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fork gate: probes give times, rows count forks per key, and a fork whose probe is more than 15% from the
 * session median is flagged and reported, while a malformed file is one line naming the file and the line.
 */
class ForkGateTest {
    @TempDir
    Path dir;

    private static final Instant T0 = Instant.parse("2026-12-06T01:00:00Z");

    private static ForkGate.Probe probe(double chaseNs, double computeNs) {
        return new ForkGate.Probe(T0, 0.0, 1.5, chaseNs, computeNs);
    }

    private Path forks() {
        return dir.resolve(ForkGate.FILE);
    }

    private List<String> lines() throws IOException {
        return Files.readAllLines(forks(), StandardCharsets.UTF_8);
    }

    @Test
    void aFlaggedForkIsReported() throws IOException {
        double[] chase = {20.0, 20.4, 19.8, 26.0, 20.1};
        for (double c : chase) {
            ForkGate.append(dir, "firstPacket", "services=30000", probe(c, 0.9));
        }
        ForkGate.GateSummary s = ForkGate.flag(dir);
        assertEquals(new ForkGate.GateSummary(5, 1, 0, 20.1, 0.9), s);
        List<String> l = lines();
        assertEquals(ForkGate.HEADER, l.get(0));
        for (int i = 0; i < chase.length; i++) {
            assertTrue(l.get(i + 1).endsWith(i == 3 ? ",true,," : ",false,,"), l.get(i + 1));
        }
    }

    @Test
    void aComputeProbeOffTheMedianFlagsItsForkToo() throws IOException {
        for (double c : new double[] {1.0, 1.0, 1.0, 0.8}) {
            ForkGate.append(dir, "firstPacket", "services=10000", probe(20, c));
        }
        assertEquals(1, ForkGate.flag(dir).flagged());
        assertTrue(lines().get(4).endsWith(",true,,"));
    }

    @Test
    void aUniformSessionFlagsNothing() throws IOException {
        for (int i = 0; i < 14; i++) {
            ForkGate.append(dir, "firstPacket", "services=30000", probe(20 + (i % 3) * 0.5, 0.9 + (i % 2) * 0.05));
        }
        ForkGate.GateSummary s = ForkGate.flag(dir);
        assertEquals(14, s.forks());
        assertEquals(0, s.flagged());
        assertTrue(lines().stream().skip(1).allMatch(r -> r.endsWith(",false,,")));
    }

    @Test
    void aForkWhoseHarnessFloorSitsAboveTheQuietFloorIsMarkedSlowedAndKeepsItsFlag() throws IOException {
        for (int i = 0; i < 10; i++) {
            ForkGate.append(dir, "firstPacket", "services=30000", probe(20, 1));
        }
        ForkGate.append(dir, "firstPacket", "services=10000", probe(20, 1));
        double[] floors = {5.0, 4.9, 5.6, 10.2, 5.1, 4.8, 9.4, 5.5, 5.0, 5.2};
        ForkGate.GateSummary s = ForkGate.flag(dir, Map.of("services=30000", floors));
        assertEquals(2, s.slowed(), "10.2 and 9.4 lie more than 15% above the quiet floor 4.9; 5.6 does not");
        assertEquals(0, s.flagged(), "the probes before the forks saw a quiet host");
        List<String> l = lines();
        assertTrue(l.get(4).endsWith(",false,10.200,true"), l.get(4));
        assertTrue(l.get(8).endsWith(",false,5.500,false"), l.get(8));
        assertTrue(l.get(11).endsWith(",false,,"), "a fork without paired figures is not judged: " + l.get(11));
        assertEquals(2, s.toMap().get("slowed"));
        assertEquals(2, ForkGate.flag(dir, Map.of("services=30000", floors)).slowed(), "flagging twice is stable");
    }

    @Test
    void theQuietFloorIsWhatATenthOfTheForksReachNotTheMedianOfABusyRun() {
        double[] busy = {9.8, 10.7, 10.8, 13.3, 9.5, 10.9, 5.1, 5.0, 10.6, 9.4, 7.2, 10.3, 11.0, 5.0, 5.0, 7.2, 10.6,
            9.2, 4.7, 9.8};
        assertEquals(5.0, ForkGate.quietFloor(busy));
        assertEquals(4.0, ForkGate.quietFloor(new double[] {4.0}));
    }

    @Test
    void eachForkGetsTheCountOfEarlierRowsWithItsBenchmarkAndParams() throws IOException {
        List<Integer> ordinals = new ArrayList<>();
        String[][] keys = {{"a", "services=1"}, {"a", "services=2"}, {"a", "services=1"}, {"b", "services=1"},
            {"a", "services=1"}, {"a", "mode=X,services=2"}, {"a", "mode=X,services=2"}};
        for (String[] k : keys) {
            ordinals.add(ForkGate.append(dir, k[0], k[1], probe(20, 1)));
        }
        assertEquals(List.of(0, 0, 1, 0, 2, 0, 1), ordinals);
        List<String> l = lines();
        assertEquals(keys.length + 1, l.size(), "one header, one row per fork");
        assertEquals(1, l.stream().filter(ForkGate.HEADER::equals).count());
        assertTrue(l.get(7).startsWith("a,\"mode=X,services=2\",1," + ProcessHandle.current().pid() + ","
                + "2026-12-06T01:00:00Z,0.00,1.50,20.000,1.000,"), l.get(7));
    }

    @Test
    void aTruncatedFileIsOneLineNamingTheFileAndTheLine() throws IOException {
        for (int i = 0; i < 3; i++) {
            ForkGate.append(dir, "firstPacket", "services=30000", probe(20, 1));
        }
        String text = Files.readString(forks(), StandardCharsets.UTF_8);
        Files.writeString(forks(), text.substring(0, text.length() - 12), StandardCharsets.UTF_8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ForkGate.flag(dir));
        assertEquals(forks() + ": line 4: expected 12 fields, found 8 (is the file truncated?)", e.getMessage());
        IllegalArgumentException again = assertThrows(IllegalArgumentException.class,
                () -> ForkGate.append(dir, "firstPacket", "services=30000", probe(20, 1)));
        assertEquals(e.getMessage(), again.getMessage(), "a fork refuses to append to a damaged file too");
    }

    @Test
    void aGarbledProbeOrHeaderIsNamedWithItsLine() throws IOException {
        ForkGate.append(dir, "firstPacket", "services=30000", probe(20, 1));
        String row = lines().get(1);
        Files.writeString(forks(), ForkGate.HEADER + "\n" + row + "\n" + row.replace("20.000", "fast") + "\n");
        assertEquals(forks() + ": line 3: chaseNs 'fast' is not a number",
                assertThrows(IllegalArgumentException.class, () -> ForkGate.flag(dir)).getMessage());
        Files.writeString(forks(), "benchmark,params\n" + row + "\n");
        assertEquals(forks() + ": line 1: the header is not " + ForkGate.HEADER,
                assertThrows(IllegalArgumentException.class, () -> ForkGate.flag(dir)).getMessage());
        Files.writeString(forks(), "");
        String empty = assertThrows(IllegalArgumentException.class, () -> ForkGate.flag(dir)).getMessage();
        assertTrue(empty.startsWith(forks() + ": line 1: empty"), empty);
        assertFalse(empty.contains("\n"));
    }

    @Test
    void noForksFileGivesAnEmptySummary() throws IOException {
        ForkGate.GateSummary s = ForkGate.flag(dir);
        assertEquals(0, s.forks());
        assertEquals(0, s.flagged());
        assertTrue(Double.isNaN(s.chaseNsMedian()));
        assertEquals(null, s.toMap().get("chaseNsMedian"));
        assertFalse(Files.exists(forks()));
    }

    @Test
    void theProbesMeasurePositiveTimesAndTheHostSamplesAreInRange() throws IOException {
        ForkGate.Probe p = ForkGate.measure(Duration.ofMillis(20));
        assertTrue(p.chaseNs() > 0 && Double.isFinite(p.chaseNs()), "chase " + p.chaseNs());
        assertTrue(p.computeNs() > 0 && Double.isFinite(p.computeNs()), "compute " + p.computeNs());
        assertTrue(Double.isNaN(p.stealPct()) || p.stealPct() >= 0 && p.stealPct() <= 100, "steal " + p.stealPct());
        assertTrue(Double.isNaN(p.load1()) || p.load1() >= 0, "load " + p.load1());
        assertEquals(0, ForkGate.append(dir, "memoryFloor", "bytes=32768", p));
        assertEquals(1, ForkGate.flag(dir).forks());
    }

    @Test
    void stealIsTheStealShareOfTheTicksBetweenTwoSamples() throws IOException {
        Path stat = dir.resolve("stat");
        Files.writeString(stat, "cpu  100 0 50 800 0 0 0 50 0 0\ncpu0 1 2 3 4 5 6 7 8 9 10\n");
        long[] before = ForkGate.HostSample.cpuTicks(stat);
        Files.writeString(stat, "cpu  170 0 60 900 0 0 0 70 0 0\n");
        long[] after = ForkGate.HostSample.cpuTicks(stat);
        assertEquals(10.0, ForkGate.HostSample.stealPct(before, after), 1e-9);
        assertTrue(Double.isNaN(ForkGate.HostSample.stealPct(before, before)));
        assertTrue(Double.isNaN(ForkGate.HostSample.stealPct(null, after)));
        assertTrue(Double.isNaN(ForkGate.HostSample.load1(dir.resolve("missing"))));
    }
}
