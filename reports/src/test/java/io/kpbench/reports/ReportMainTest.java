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
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportMainTest {
    @TempDir
    static Path shared;
    static Path fixture;
    static String html;

    @TempDir
    Path tmp;

    /** One report of the fixture, shared by the tests that only read it (charts take seconds). */
    @BeforeAll
    static void reportTheFixture() throws IOException {
        fixture = Fixtures.copy(shared);
        Result r = run("report", fixture.toString());
        assertEquals(0, r.code, r.err);
        assertEquals("kpbench report: wrote " + fixture.resolve("report.html") + "\n", r.out);
        html = Files.readString(fixture.resolve("report.html"));
    }

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ReportMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aFolderThatIsNotAResultsFolderIsOneLineAndExitCodeTwo() throws IOException {
        Files.writeString(tmp.resolve("notes.txt"), "hello");
        Result r = run("report", tmp.toString());
        assertEquals(2, r.code);
        assertEquals("kpbench report: " + tmp + ": not a results folder (no jmh.json, run.json or CSV)\n", r.err);
        assertEquals("", r.out);
    }

    @Test
    void writesAPngAndAParseableSvgForEveryChart() throws Exception {
        Path charts = fixture.resolve("charts");
        try (var s = Files.list(charts)) {
            assertEquals(30, s.count());
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
        assertTrue(html.contains("At 30,000 services an iptables first packet costs 41× an nftables one"));
        assertTrue(html.contains("Model against published measurements"));
    }

    @Test
    void reportMdHasTheFindingsThePngChartsAndATablePerBenchmark() throws IOException {
        String md = Files.readString(fixture.resolve("REPORT.md"));
        assertTrue(md.contains("- Maglev (M=16381) moves 1.1% of flows"));
        assertTrue(md.contains("![First-packet classify vs services (endpoints per service: 10)]"
                + "(charts/first-packet-e10.png)"));
        assertTrue(md.contains("### SyncBenchmark.fullSync"));
        assertTrue(md.contains("### A0BaselineBenchmark.returnField"));
    }

    @Test
    void aTruncatedJmhJsonStillRendersWithAVisibleNote() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("run"));
        String full = Files.readString(Fixtures.source().resolve("jmh.json"));
        Files.writeString(dir.resolve("jmh.json"), full.substring(0, full.length() / 3));
        Result r = run("report", dir.toString());
        assertEquals(0, r.code, r.err);
        String page = Files.readString(dir.resolve("report.html"));
        assertTrue(page.contains("jmh.json is truncated or malformed after"), "note of the truncation");
        assertTrue(page.contains("run.json is missing"));
        assertTrue(page.contains("Memory per mode: skipped, no data (needs memory.csv)."));
    }

    @Test
    void latestPicksTheNewestRunFolder() throws IOException {
        Files.createDirectories(tmp.resolve("20240101T000000Z-aaaa"));
        Files.createDirectories(tmp.resolve("20250101T000000Z-bbbb"));
        assertEquals(tmp.resolve("20250101T000000Z-bbbb"), ReportMain.latest(tmp));
    }

    @Test
    void compareWritesAMarkdownAndHtmlTableWithFlags() throws IOException {
        Path newer = Files.createDirectories(tmp.resolve("new"));
        String json = Files.readString(Fixtures.source().resolve("jmh.json"));
        Files.writeString(newer.resolve("jmh.json"), json.replace("\"score\": 4510.0,", "\"score\": 9020.0,"));
        Path out = tmp.resolve("cmp");
        Result r = run("compare", Fixtures.source().toString(), newer.toString(), "--tolerance", "10%", "--out",
                out.toString());
        assertEquals(0, r.code, r.err);
        String md = Files.readString(out.resolve("compare.md"));
        assertTrue(md.contains("1 regressed"), md.substring(0, 400));
        assertTrue(md.contains("| +100.0% | regressed |"));
        assertTrue(Files.readString(out.resolve("compare.html")).contains("<svg"));
        assertTrue(Files.size(out.resolve("charts/compare.png")) > 1000);
    }

    @Test
    void aBadToleranceIsAUserError() {
        Result r = run("compare", "a", "b", "--tolerance", "lots");
        assertEquals(2, r.code);
        assertEquals("kpbench compare: --tolerance lots: not a percentage (such as 10 or 10%)\n", r.err);
    }
}
