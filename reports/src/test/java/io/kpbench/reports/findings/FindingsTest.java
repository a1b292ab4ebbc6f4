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
    void comparesIptablesWithNftablesAtTheLargestServiceCount() {
        List<String> s = Findings.of(ResultsReader.read(Fixtures.source()));
        assertTrue(s.contains("At 30,000 services an iptables first packet costs 41× an nftables one in this model."),
                s.toString());
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
        assertTrue(s.contains("The harness itself costs 0.452 ns/op (A0BaselineBenchmark.returnField); smaller "
                + "differences are noise."), s.toString());
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
