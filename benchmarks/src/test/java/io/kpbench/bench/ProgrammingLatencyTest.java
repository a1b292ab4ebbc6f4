package io.kpbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.lab.KernelSync;
import io.kpbench.proxy.ProxyMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ProgrammingLatencyTest {
    @TempDir
    Path dir;

    @Test
    void theCsvHasTheColumnsTheIssueNamesThenWhetherTheModeFellBehind() {
        assertEquals("mode,services,changesPerSecond,minSyncPeriodMs,p50Ms,p99Ms,maxMs,syncsPerSecond,syncCpuShare,"
                + "fellBehind", ProgrammingLatency.HEADER);
    }

    @Test
    void theQuickProfileRunsOneAndTenThousandServicesAtThreeRatesWithTheDefaultMinSyncPeriod() {
        LatencyCells q = LatencyCells.of(BenchProfile.QUICK);
        assertEquals(List.of(1000, 10_000), q.services());
        assertEquals(List.of(1, 10, 100), q.changesPerSecond());
        assertEquals(List.of(1000L), q.minSyncMillis());
        assertEquals(6, q.cells().size());
    }

    @Test
    void theFullProfileAddsThirtyThousandServicesAndMinSyncPeriodsOfZeroAndTenSeconds() {
        LatencyCells f = LatencyCells.of(BenchProfile.FULL);
        assertEquals(List.of(1000, 10_000, 30_000), f.services());
        assertEquals(List.of(0L, 1000L, 10_000L), f.minSyncMillis());
        assertEquals(27, f.cells().size());
    }

    @Test
    void theSmokeProfileRunsOneSmallCell() {
        LatencyCells s = LatencyCells.of(BenchProfile.SMOKE);
        assertEquals(List.of(new LatencyCells.Cell(100, 10, 1000)), s.cells());
    }

    @Test
    void theQuickProfilesSimulatedTimeStaysSmall() {
        LatencyCells q = LatencyCells.of(BenchProfile.QUICK);
        long total = 0;
        for (LatencyCells.Cell c : q.cells()) {
            total += q.warmupNanos() + q.windowNanos(c.changesPerSecond());
        }
        // every mode replays this; the wall time is its sync share of it (see LatencyCells)
        assertEquals(2 * (3 * 3 + 30 + 20 + 10), total / 1_000_000_000L);
    }

    @Test
    void mergeWritesTheHeaderThenEachPartsRowsInOrder() throws IOException {
        Path a = Files.writeString(dir.resolve("a.csv"), "iptables,100,10,1000,1.000,2.000,3.000,0.500,0.0100\n");
        Path b = Files.writeString(dir.resolve("b.csv"), "nftables,100,10,1000,0.500,1.000,1.500,0.500,0.0010\n\n");
        ProgrammingLatency.merge(List.of(a, b), dir.resolve(ProgrammingLatency.CSV));
        List<String> lines = Files.readAllLines(dir.resolve(ProgrammingLatency.CSV));
        assertEquals(3, lines.size());
        assertEquals(ProgrammingLatency.HEADER, lines.get(0));
        assertTrue(lines.get(1).startsWith("iptables,"));
        assertTrue(lines.get(2).startsWith("nftables,"));
    }

    @Test
    void kernelSyncWritesItsCsvWhereTheLabRunsAndNothingWhereItCannot() throws IOException {
        ProgrammingLatency.kernelSync(dir, List.of(100));
        Path csv = dir.resolve(ProgrammingLatency.KERNEL_CSV);
        if (KernelSync.missing() != null) {
            assertFalse(Files.exists(csv), "skipped with one printed line, no file");
            return;
        }
        List<String> lines = Files.readAllLines(csv);
        assertEquals(KernelSync.HEADER, lines.get(0));
        assertEquals(List.of("iptables-nft,100,full", "iptables-nft,100,partial", "nftables,100,full",
                "nftables,100,partial"), lines.subList(1, lines.size()).stream()
                .map(r -> String.join(",", List.of(r.split(",")).subList(0, 3))).toList());
    }

    @Test
    void aChildJvmThatFailsFailsTheRunAndLeavesTheHeaderAndNoParts() throws IOException {
        // a flag no JVM knows: every child exits at once, before measuring anything
        boolean ok = ProgrammingLatency.run(dir, BenchProfile.SMOKE, List.of("-XX:+KpbenchNoSuchFlag"));
        assertFalse(ok);
        assertEquals(List.of(ProgrammingLatency.HEADER), Files.readAllLines(dir.resolve(ProgrammingLatency.CSV)));
        assertFalse(Files.exists(dir.resolve(".programming-latency-parts")));
    }

    @Test
    void eachCellOfASizeStartsFromTheBaseClusterAndItsChecksPass() throws IOException {
        LatencyCells two = new LatencyCells(List.of(100), List.of(10, 30), List.of(0L, 1000L), 0.1);
        Path part = dir.resolve("part.csv");
        assertTrue(ProgrammingLatency.measure(ProxyMode.IPVS, two, dir, part));
        List<String> rows = Files.readAllLines(part);
        assertEquals(List.of("ipvs,100,10,0", "ipvs,100,30,0", "ipvs,100,10,1000", "ipvs,100,30,1000"),
                rows.stream().map(r -> String.join(",", List.of(r.split(",")).subList(0, 4))).toList());
    }

    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void aSmallCellWritesItsRowAndItsHgrmAndEveryCheckPasses(ProxyMode mode) throws IOException {
        LatencyCells tiny = new LatencyCells(List.of(100), List.of(20), List.of(1000L), 0.1);
        Path part = dir.resolve("part.csv");
        assertTrue(ProgrammingLatency.measure(mode, tiny, dir, part));
        List<String> rows = Files.readAllLines(part);
        assertEquals(1, rows.size());
        String[] f = rows.get(0).split(",");
        assertEquals(10, f.length);
        assertEquals("false", f[9], "a hundred services keep up with ten changes a second");
        assertEquals(mode.cliName(), f[0]);
        assertEquals("100", f[1]);
        double p50 = Double.parseDouble(f[4]);
        double p99 = Double.parseDouble(f[5]);
        double max = Double.parseDouble(f[6]);
        assertTrue(p50 > 0 && p50 <= p99 && p99 <= max, rows.get(0));
        assertTrue(max < 2500, "one cooldown and two small syncs at most: " + max);
        assertTrue(Files.exists(dir.resolve("programming-latency-" + mode.cliName() + "-100svc-20cps-1000ms.hgrm")));
    }
}
