package io.kpbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportMainTest {
    @TempDir
    static Path shared;
    static Path fixture;
    static Map<String, String> before;
    static Path out;
    static String html;

    @TempDir
    Path tmp;

    /** One report of a copy of the fixture, shared by the tests that only read it (charts take seconds). */
    @BeforeAll
    static void reportACopyOfTheFixture() throws IOException {
        fixture = Fixtures.copy(shared.resolve("in"));
        before = Fixtures.snapshot(fixture);
        Result r = run("report", fixture.toString(), "--results", shared.resolve("results").toString());
        out = shared.resolve("results").resolve("report-" + Fixtures.NAME);
        assertEquals(0, r.code, r.err);
        assertEquals("kpbench report: wrote " + out.resolve("report.html") + "\n", r.out);
        html = Files.readString(out.resolve("report.html"));
    }

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = ReportMain.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Result(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theReportLeavesItsInputFolderByteForByteUnchanged() {
        assertEquals(before, Fixtures.snapshot(fixture));
    }

    @Test
    void byDefaultTheReportGoesToReportRunIdUnderResults() {
        assertTrue(Files.isRegularFile(out.resolve("REPORT.md")));
        assertTrue(Files.isDirectory(out.resolve("charts")));
    }

    @Test
    void dashOWritesWhereItIsTold() throws IOException {
        Path run = Fixtures.tinyRun(tmp, "20250101T000000Z-tiny");
        Map<String, String> tiny = Fixtures.snapshot(run);
        Result r = run("report", run.toString(), "-o", tmp.resolve("elsewhere").toString());
        assertEquals(0, r.code, r.err);
        assertEquals("kpbench report: wrote " + tmp.resolve("elsewhere/report.html") + "\n", r.out);
        assertTrue(Files.readString(tmp.resolve("elsewhere/REPORT.md")).contains("A0BaselineBenchmark.returnField"));
        assertEquals(tiny, Fixtures.snapshot(run));
    }

    @Test
    void inPlaceWithLatestWritesIntoTheNewestRunFolderAsTheBenchProfileDoes() throws IOException {
        Fixtures.tinyRun(tmp, "20240101T000000Z-aaaa");
        Path newest = Fixtures.tinyRun(tmp, "20250101T000000Z-bbbb");
        Files.createDirectories(tmp.resolve("report-20250101T000000Z-bbbb"));
        Result r = run("report", "--in-place", "--latest", tmp.toString());
        assertEquals(0, r.code, r.err);
        assertEquals("kpbench report: wrote " + newest.resolve("report.html") + "\n", r.out);
        assertTrue(Files.isRegularFile(newest.resolve("REPORT.md")));
    }

    @Test
    void latestWithoutAValueLooksUnderTheResultsFolder() {
        Fixtures.tinyRun(tmp, "20250101T000000Z-bbbb");
        Result r = run("report", "--latest", "--results", tmp.toString());
        assertEquals(0, r.code, r.err);
        assertEquals("kpbench report: wrote " + tmp.resolve("report-20250101T000000Z-bbbb/report.html") + "\n", r.out);
    }

    @Test
    void latestPicksTheNewestRunFolderAndNeverAReportWrittenBesideIt() throws IOException {
        Fixtures.tinyRun(tmp, "20240101T000000Z-aaaa");
        Fixtures.tinyRun(tmp, "20250101T000000Z-bbbb");
        Files.writeString(Files.createDirectories(tmp.resolve("report-20250101T000000Z-bbbb")).resolve("REPORT.md"),
                "x");
        Files.createDirectories(tmp.resolve("scratch"));
        assertEquals(tmp.resolve("20250101T000000Z-bbbb"), ReportMain.latest(tmp));
    }

    @Test
    void writesAPngAndAParseableSvgForEveryChart() throws Exception {
        Path charts = out.resolve("charts");
        try (var s = Files.list(charts)) {
            assertEquals(38, s.count(), "19 charts, PNG and SVG each");
        }
        try (var s = Files.list(charts)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                assertTrue(Files.size(p) > 1000, p + " is too small");
                if (p.toString().endsWith(".svg")) {
                    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
                    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
                    assertEquals("svg", f.newDocumentBuilder().parse(p.toFile()).getDocumentElement().getNodeName());
                }
            }
        }
    }

    @Test
    void reportHtmlIsSelfContained() {
        assertFalse(html.matches("(?s).*<script[^>]*src=.*"), "no external script");
        assertFalse(html.contains("type=\"module\""), "no ES modules");
        assertFalse(html.contains("<link"), "no external style");
        assertTrue(html.contains("<script type=\"application/json\" id=\"report-data\">"));
        assertTrue(html.contains("echarts"), "ECharts is inlined");
        assertTrue(html.contains("At 30,000 services an iptables first packet costs 10.4× (95% interval 9.87–11, 14 "
                + "paired forks) an nftables one"));
        assertTrue(html.contains("Model against published measurements"));
    }

    @Test
    void reportMdHasTheFindingsThePngChartsAndATablePerBenchmark() throws IOException {
        String md = Files.readString(out.resolve("REPORT.md"));
        assertTrue(md.contains("- Maglev (M=16381) moves 1.1% of flows"));
        assertTrue(md.contains("![First-packet classify vs services (endpoints per service: 10)]"
                + "(charts/first-packet-e10.png)"));
        assertTrue(md.contains("### SyncBenchmark.fullSync"));
        assertTrue(md.contains("### A0BaselineBenchmark.returnField"));
    }

    @Test
    void aTruncatedJmhJsonIsOneLineNamingTheFileUnlessPartialIsAsked() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("run"));
        String full = Files.readString(Fixtures.source().resolve("jmh.json"));
        Files.writeString(dir.resolve("jmh.json"), full.substring(0, full.length() / 3));
        Result strict = run("report", dir.toString(), "-o", tmp.resolve("a").toString());
        assertEquals(2, strict.code);
        assertTrue(strict.err.startsWith("kpbench report: " + dir.resolve("jmh.json") + ": truncated after "),
                strict.err);
        assertFalse(Files.exists(tmp.resolve("a")), "nothing written");

        Result r = run("report", dir.toString(), "--partial", "-o", tmp.resolve("b").toString());
        assertEquals(0, r.code, r.err);
        String page = Files.readString(tmp.resolve("b/report.html"));
        assertTrue(page.contains("jmh.json: truncated after "), "note of the truncation");
        assertTrue(page.contains("run.json is missing"));
        assertTrue(page.contains("Memory per mode: skipped, no data (needs memory.csv)."));
    }
}
