package io.kpbench.reports.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.kpbench.reports.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairedCsvTest {
    private static final String HEADER = "numerator,denominator,benchmark,params,forks,median,ci95Low,ci95High";

    @Test
    void wholeLinesPassAndTheFixtureReadsAsTypedRows() {
        assertNull(PairedCsv.check(PairedCsv.RATIOS, List.of(HEADER, "# a comment", "",
                "iptables,nftables,firstPacket.dependent,services=30000,14,10.41,9.87,10.98")));
        ResultsFolder f = ResultsReader.read(Fixtures.source());
        PairedCsv.Ratio r = PairedCsv.ratios(f).stream().filter(x -> x.median() == 10.41).findFirst().orElseThrow();
        assertEquals(new PairedCsv.Ratio("iptables", "nftables", "firstPacket.dependent", "services=30000", 14, 10.41,
                9.87, 10.98), r);
        assertEquals(30000, r.services());
        assertEquals(28, PairedCsv.forks(f).size());
        assertEquals(28, PairedCsv.arms(f).size());
    }

    @Test
    void theFirstDefectIsNamedByLineAndField() {
        assertEquals("line 2: median: not a number (\"\")", PairedCsv.check(PairedCsv.RATIOS, List.of(HEADER,
                "iptables,nftables,firstPacket.dependent,services=30000,14,,9.87,10.98")));
        assertEquals("line 2: 9 fields, 8 expected", PairedCsv.check(PairedCsv.RATIOS, List.of(HEADER,
                "iptables,nftables,firstPacket.dependent,services=30000,14,10.4,9.87,10.98,1")));
        assertEquals("line 2: numerator: empty", PairedCsv.check(PairedCsv.RATIOS, List.of(HEADER,
                ",nftables,firstPacket.dependent,services=30000,14,10.4,9.87,10.98")));
        assertEquals("no header (" + HEADER + " expected)", PairedCsv.check(PairedCsv.RATIOS, List.of("")));
    }

    @Test
    void aLineCutInsideItsLastNumberIsNamedBecauseItsIntervalNoLongerHoldsTheFigure() {
        assertEquals("line 2: ci95High: the interval 0.1361-0. does not hold the figure 0.1432 (truncated?)",
                PairedCsv.check(PairedCsv.RATIOS, List.of(HEADER,
                        "ebpf,nftables,firstPacket.independent,services=10000,16,0.1432,0.1361,0.")));
        assertEquals("line 2: ci95High: the interval 4.39-4. does not hold the figure 4.59 (truncated?)",
                PairedCsv.check(PairedCsv.ARMS, List.of("benchmark,params,arm,forks,nsPerOp,ci95Low,ci95High",
                        "firstPacket.independent,services=10000,baseline,16,4.59,4.39,4.")));
        assertNull(PairedCsv.check(PairedCsv.RATIOS, List.of(HEADER,
                "ebpf,nftables,firstPacket.independent,services=10000,16,0.1432,0.1361,0.1507")));
    }

    @Test
    void aFigureOfOneForkHasNoIntervalButHalfAnIntervalIsADefect() {
        assertNull(PairedCsv.check(PairedCsv.RATIOS, List.of(HEADER,
                "iptables,nftables,firstPacket.dependent,services=30000,1,10.4100,,")));
        assertEquals("line 2: ci95High: empty while ci95Low is given (truncated?)", PairedCsv.check(PairedCsv.RATIOS,
                List.of(HEADER, "iptables,nftables,firstPacket.dependent,services=30000,14,10.4100,9.8700,")));
    }

    @Test
    void forksCsvWithTheInForkFloorIsReadAndAGarbledVerdictIsNamed() {
        String header = "benchmark,params,fork,pid,started,stealPct,load1,chaseNs,computeNs,flagged,floorNs,slowed";
        String row = "PairedFirstPacketBenchmark.classify,services=30000,1,42,2025-03-01T12:00:00Z,0.0,0.5,95,12,false,";
        assertNull(PairedCsv.check(PairedCsv.FORKS, List.of(header, row + "9.8,true", row + ",")));
        assertEquals("line 2: slowed: not true or false (\"maybe\")",
                PairedCsv.check(PairedCsv.FORKS, List.of(header, row + "9.8,maybe")));
        assertEquals("line 2: floorNs: not a number (\"slow\")",
                PairedCsv.check(PairedCsv.FORKS, List.of(header, row + "slow,true")));
    }

    @Test
    void aTruncatedScalingRowIsNamedByLineAndField() {
        String header = "mode,services,rounds,windowMillis,onePerUs,twoPerUs,scaling,ci95Low,ci95High,computeScaling,"
                + "computeLow,computeHigh";
        assertNull(PairedCsv.check(PairedCsv.SCALING, List.of(header,
                "iptables,10000,30,100,0.1829,0.3585,1.9604,1.8910,2.0324,1.4152,1.0930,1.8324")));
        assertEquals("line 2: computeScaling: missing (the line has 9 of 12 fields: truncated?)",
                PairedCsv.check(PairedCsv.SCALING, List.of(header,
                "iptables,10000,30,100,0.1829,0.3585,1.9604,1.8910,2.0")));
        assertEquals("line 2: scaling: not a number (\"fast\")", PairedCsv.check(PairedCsv.SCALING, List.of(header,
                "iptables,10000,30,100,0.1829,0.3585,fast,1.8910,2.0324,1.4152,1.0930,1.8324")));
    }

    @Test
    void aForkNotYetJudgedHasAnEmptyFlag() {
        assertNull(PairedCsv.check(PairedCsv.FORKS, List.of("benchmark,params,fork,pid,started,stealPct,load1,"
                + "chaseNs,computeNs,flagged", "PairedFirstPacketBenchmark.classify,services=30000,1,42,"
                + "2025-03-01T12:00:00Z,0.0,0.5,95,12,")));
    }
}
