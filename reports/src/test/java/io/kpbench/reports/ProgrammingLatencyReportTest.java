package io.kpbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.reports.chart.ChartCatalog;
import io.kpbench.reports.chart.ChartSpec;
import io.kpbench.reports.findings.ControlFindings;
import io.kpbench.reports.findings.Findings;
import io.kpbench.reports.read.ResultsFolder;
import io.kpbench.reports.read.ResultsReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control plane under churn in the report: programming-latency.csv's charts, sentence and anchors. */
class ProgrammingLatencyReportTest {
    private static final String SENTENCE = "Network programming latency at 10,000 services and 100 changes/s "
            + "(minSyncPeriod 1,000 ms), p99: ipvs 1,008 ms < nftables 1,016 ms < ebpf 1,600 ms < userspace "
            + "1,640 ms < iptables 2,040 ms; the ordering is measured (programming-latency.csv), not assumed. The "
            + "file does not record which modes fell behind (the experiment's console line does); syncing took more "
            + "than half of one core, one of its two conditions for falling behind, in iptables 62%.";

    @TempDir
    Path tmp;

    @Test
    void aFixtureFolderWithProgrammingLatencyCsvGivesThePanelsTheCpuChartAndTheSentence() {
        ResultsFolder f = ResultsReader.read(Fixtures.source());
        assertEquals(List.of(), f.problems(), "its .hgrm files are not taken for packet latency spectra");
        List<ChartSpec> charts = ChartCatalog.build(f).charts();
        List<String> ids = charts.stream().map(ChartSpec::id).filter(id -> id.startsWith("programming-")
                || id.startsWith("sync-cpu")).toList();
        assertEquals(List.of("programming-latency-1000svc", "programming-latency-10000svc", "sync-cpu-share"), ids);
        ChartSpec at10k = charts.stream().filter(c -> c.id().equals("programming-latency-10000svc")).findFirst()
                .orElseThrow();
        assertTrue(at10k.xLog(), "change rate on a log axis");
        assertEquals(List.of("iptables", "nftables", "ipvs", "ebpf", "userspace"), at10k.series().stream()
                .map(ChartSpec.Series::name).toList());
        assertEquals(List.of(1.0, 10.0, 100.0), at10k.series().get(0).points().stream().map(ChartSpec.Point::x)
                .toList());
        assertEquals(2040, at10k.series().get(0).points().get(2).y(), 1e-9);
        ChartSpec cpu = charts.stream().filter(c -> c.id().equals("sync-cpu-share")).findFirst().orElseThrow();
        assertEquals(10, cpu.series().size(), "a line per mode and services count");
        assertEquals("iptables 10,000 svc", cpu.series().get(0).name());
        assertEquals(62, cpu.series().get(0).points().get(2).y(), 1e-9);
        assertFalse(cpu.series().get(0).dashed());
        assertTrue(cpu.series().get(5).dashed(), "the smaller services count is dashed");
        assertTrue(Findings.of(f).contains(SENTENCE), Findings.of(f).toString());
    }

    @Test
    void aFellBehindColumnNamesTheModesThatFellBehind() throws IOException {
        Files.writeString(tmp.resolve("programming-latency.csv"), "mode,services,changesPerSecond,minSyncPeriodMs,"
                + "p50Ms,p99Ms,maxMs,syncsPerSecond,syncCpuShare,fellBehind\n"
                + "nftables,10000,100,1000,500,1010,1100,1,0.01,false\n"
                + "iptables,10000,100,1000,4000,9000,9500,0.2,0.99,true\n");
        Optional<String> s = ControlFindings.programmingLatency(ResultsReader.read(tmp));
        assertTrue(s.orElseThrow().contains("nftables 1,010 ms < iptables 9,000 ms; the ordering is measured"),
                s.get());
        assertTrue(s.get().endsWith(" iptables fell behind: syncs back to back, latency growing with the run length, "
                + "so its p99 holds for the measured window only (the open-loop lesson, applied to the control "
                + "plane)."), s.get());
    }

    @Test
    void bothReportsCarryTheSentenceAndThePublishedAnchorsLabelledAsNotMeasuredHere() throws IOException {
        Path out = tmp.resolve("out");
        ReportMainTest.Result r = ReportMainTest.run("report", Fixtures.copy(tmp.resolve("in")).toString(), "-o",
                out.toString());
        assertEquals(0, r.code(), r.err());
        String md = Files.readString(out.resolve("REPORT.md"));
        String html = Files.readString(out.resolve("report.html"));
        for (String page : List.of(md, html)) {
            assertTrue(page.contains("Control plane under churn"));
            assertTrue(page.contains("kubernetes/kubernetes#139513"));
            assertTrue(page.contains("published, not measured here"));
        }
        assertTrue(md.contains("## Control plane under churn\n\n" + SENTENCE), md);
        assertTrue(md.contains("| kubernetes/kubernetes#96018 | iptables | one iptables-restore of 695,992 lines "
                + "| 12.8 s | published, not measured here |"), md);
        assertTrue(md.contains("(charts/programming-latency-10000svc.png)"), md);
        assertTrue(html.contains("\"id\":\"sync-cpu-share\""), "the chart is in report.html's data");
        assertTrue(Files.isRegularFile(out.resolve("charts/sync-cpu-share.svg")));
    }

    @Test
    void anOldFolderWithoutTheFileShowsNoSectionAndNoError() throws IOException {
        Path dir = Fixtures.copy(tmp.resolve("in"));
        Files.delete(dir.resolve("programming-latency.csv"));
        Files.delete(dir.resolve("programming-latency-ipvs-10000svc-100cps-1000ms.hgrm"));
        ResultsFolder f = ResultsReader.read(dir);
        assertEquals(List.of(), f.problems());
        assertTrue(ControlFindings.programmingLatency(f).isEmpty());
        Report report = Report.of(f);
        assertTrue(report.charts().charts().stream().noneMatch(c -> c.id().startsWith("programming-")));
        Path out = tmp.resolve("out");
        ReportMainTest.Result r = ReportMainTest.run("report", dir.toString(), "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        assertFalse(Files.readString(out.resolve("REPORT.md")).contains("Control plane under churn"));
        assertFalse(Files.readString(out.resolve("report.html")).contains("Control plane under churn"));
    }
}
