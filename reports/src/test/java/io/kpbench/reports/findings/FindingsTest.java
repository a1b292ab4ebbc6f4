package io.kpbench.reports.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.reports.Fixtures;
import io.kpbench.reports.read.ResultsFolder;
import io.kpbench.reports.read.ResultsReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FindingsTest {
    @TempDir
    Path tmp;

    @Test
    void comparesIptablesWithNftablesByThePairedRatioAndItsIntervalWhenTheRunHasOne() {
        List<String> s = Findings.of(ResultsReader.read(Fixtures.source()));
        assertTrue(s.contains("At 30,000 services an iptables first packet costs 10.4× (95% interval 9.87–11, 14 "
                + "paired forks) an nftables one in latency per packet, and 54.7× (95% interval 52–57.5, 14 paired "
                + "forks) an nftables one in throughput per packet in this model."), s.toString());
    }

    @Test
    void withoutPairedRatiosComparesIptablesWithNftablesAtTheLargestServiceCount() throws IOException {
        Path dir = Fixtures.copy(tmp);
        Files.delete(dir.resolve("ratios.csv"));
        List<String> s = Findings.of(ResultsReader.read(dir));
        assertTrue(s.contains("At 30,000 services an iptables first packet costs 41× an nftables one in this model."),
                s.toString());
    }

    @Test
    void statesTwoThreadScalingFromPairedWindowsWithEachIntervalAndTheMachinesProbe() throws IOException {
        Path dir = Fixtures.copy(tmp);
        Files.writeString(dir.resolve("scaling.csv"), "mode,services,rounds,windowMillis,onePerUs,twoPerUs,scaling,"
                + "ci95Low,ci95High,computeScaling,computeLow,computeHigh\n"
                + "iptables,10000,30,100,0.1829,0.3585,1.9604,1.8910,2.0324,1.9152,1.8930,1.9324\n"
                + "ebpf,10000,30,100,30.0884,59.4237,1.9750,1.8854,2.0688,2.0651,2.0314,2.0993\n");
        List<String> s = Findings.of(ResultsReader.read(dir));
        assertTrue(s.contains("Two threads over one, in paired windows at 10,000 services (30 rounds, 95% intervals): "
                + "iptables 1.96× (1.89-2.03), ebpf 1.98× (1.89-2.07); the machine's compute probe in the same JVMs "
                + "1.92-2.07× (scaling.csv)."), s.toString());
    }

    @Test
    void aSingleShotSyncCarriesItsGcTimeBesideIt() {
        List<String> s = Findings.of(ResultsReader.read(Fixtures.source()));
        assertTrue(s.contains("A full sync of 30,000 services takes 900 ms/op (single shot; 360 ms GC) in userspace "
                + "and 120 ms/op (single shot; 48 ms GC) in ebpf; a partial nftables sync after one endpoint change "
                + "takes 0.31 ms/op."), s.toString());
    }

    @Test
    void statesMaglevAndModuloDisruptionAtOneHundredEndpoints() {
        List<String> s = Findings.of(ResultsReader.read(Fixtures.source()));
        assertTrue(s.contains("Maglev (M=16381) moves 1.1% of flows when one of 100 endpoints goes; modulo moves 99% "
                + "(the optimum is 1.0%)."), s.toString());
    }

    @Test
    void statesTheRulesWalkedAndTheHarnessOverhead() {
        List<String> s = Findings.of(ResultsReader.read(Fixtures.source()));
        assertTrue(s.contains("At 30,000 services an iptables first packet walks 15,003 rules on average; nftables "
                + "evaluates 3."), s.toString());
        assertTrue(s.contains("The harness floor (a no-op data plane driven through the same packet path) costs 2.5 "
                + "ns/op independent and 2.5 ns/op dependent at 30,000 services (paired arms); "
                + "A0BaselineBenchmark.returnField's 0.452 ns/op is JMH's own floor, not the packet path's."),
                s.toString());
    }

    @Test
    void saysNothingAboutDataTheRunDoesNotHave() throws IOException {
        Files.writeString(tmp.resolve("memory.csv"), "mode,services,endpoints,retainedBytes,bytesPerService\n"
                + "IPVS,1000,10,2097152,2097.2\nEBPF,1000,10,1048576,1048.6\n");
        ResultsFolder f = ResultsReader.read(tmp);
        assertEquals(List.of("At 1,000 services ipvs retains 2 MiB (2,097 bytes per service) and ebpf 1 MiB."),
                Findings.of(f));
    }

    @Test
    void formatsRatiosAndPercentagesForProse() {
        assertEquals("41×", Fmt.times(41.2));
        assertEquals("1.6×", Fmt.times(1.64));
        assertEquals("1.1%", Fmt.pct(0.011));
        assertEquals("99%", Fmt.pct(0.99));
        assertEquals("30,000", Fmt.count(30000));
        assertFalse(Fmt.num(Double.NaN).isEmpty());
    }
}
