package io.kpbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** {@code compare} on the fixture pair {@code runs/compare-old} and {@code runs/compare-new}, one row per verdict. */
class CompareCommandTest {
    @TempDir
    static Path shared;
    static Path older;
    static Path newer;
    static Map<String, String> before;
    static Path out;
    static String md;

    @BeforeAll
    static void compareCopiesOfTheFixturePair() throws IOException {
        older = copy(Fixtures.comparePair("old"), shared.resolve("in/20250101T000000Z-old"));
        newer = copy(Fixtures.comparePair("new"), shared.resolve("in/20250102T000000Z-new"));
        before = Fixtures.snapshot(shared.resolve("in"));
        ReportMainTest.Result r = ReportMainTest.run("compare", older.toString(), newer.toString(), "--results",
                shared.resolve("results").toString());
        out = shared.resolve("results/compare-20250101T000000Z-old-vs-20250102T000000Z-new");
        assertEquals(0, r.code(), r.err());
        assertEquals("kpbench compare: wrote " + out.resolve("compare.html") + "\n", r.out());
        md = Files.readString(out.resolve("compare.md"));
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        Files.copy(from.resolve("jmh.json"), to.resolve("jmh.json"));
        return to;
    }

    /** The table rows of one benchmark section of compare.md, as cells. */
    private static List<List<String>> rows(String benchmark) {
        String section = md.substring(md.indexOf("## " + benchmark + "\n"));
        int next = section.indexOf("\n## ", 4);
        section = next < 0 ? section : section.substring(0, next);
        List<List<String>> rows = new ArrayList<>();
        for (String line : section.lines().toList()) {
            if (line.startsWith("| ") && !line.contains("verdict") && !line.startsWith("|---")) {
                rows.add(List.of(line.substring(2, line.length() - 2).split(" \\| ")));
            }
        }
        return rows;
    }

    @Test
    void eachRowGetsTheVerdictItsIntervalsSupport() {
        List<List<String>> fp = rows("FirstPacketClassifyBenchmark.classify");
        assertEquals(List.of("regressed", "improved", "inconclusive (noise)", "unchanged", "unchanged"),
                fp.stream().map(r -> r.get(r.size() - 2)).toList());
        assertEquals("inconclusive (noise)", rows("SyncBenchmark.fullSync").get(0).get(3),
                "+154.1% with overlapping JMH intervals is noise, not a change");
        assertTrue(rows("SyncBenchmark.fullSync").get(0).get(2).startsWith("+154.1% ("));
        assertEquals("improved", rows("ThroughputBenchmark.classify (thrpt)").get(0).get(3),
                "higher throughput is better");
        assertEquals("only in old", rows("ChurnBenchmark.churn").get(0).get(3));
    }

    @Test
    void theSummaryCountsAgreeWithTheRows() {
        assertTrue(md.contains("**8 rows: 2 improved, 1 regressed, 2 inconclusive (noise), 2 unchanged, 1 only in old, "
                + "0 only in new.**"), md.substring(0, 1200));
    }

    @Test
    void rowsSortNumericallyByEachParameter() {
        assertEquals(List.of("IPTABLES 1000", "IPTABLES 10000", "IPTABLES 30000", "IPTABLES 100000", "NFTABLES 1000"),
                rows("FirstPacketClassifyBenchmark.classify").stream().map(r -> r.get(0) + " " + r.get(1)).toList());
    }

    @Test
    void aChangeIsShownWithItsInterval() {
        String change = rows("FirstPacketClassifyBenchmark.classify").get(0).get(4);
        assertTrue(change.matches("\\+50\\.0% \\(\\+\\d+\\.\\d% … \\+\\d+\\.\\d%\\)"), change);
    }

    @Test
    void eachBenchmarkHasAPlotOfItsOwnRowsOnly() throws Exception {
        Path svg = out.resolve("charts/compare-FirstPacketClassifyBenchmark.classify.svg");
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = f.newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", doc.getDocumentElement().getNodeName());
        String text = Files.readString(svg);
        assertEquals(5 + 4, count(text, "<circle"), "a dot per parameter set, and four in the legend");
        for (String label : List.of("IPTABLES · 1000", "IPTABLES · 100000", "NFTABLES · 1000")) {
            assertTrue(text.contains(">" + label + "<"), label);
        }
        assertFalse(text.contains("IPVS"), "no other benchmark's rows");
        assertTrue(Files.size(out.resolve("charts/compare-FirstPacketClassifyBenchmark.classify.png")) > 1000);
        assertTrue(Files.exists(out.resolve("charts/compare-ThroughputBenchmark.classify-thrpt.svg")));
        assertFalse(Files.exists(out.resolve("charts/compare-ChurnBenchmark.churn.svg")), "no ratio, no plot");
        assertTrue(md.contains("![FirstPacketClassifyBenchmark.classify](charts/compare-FirstPacketClassifyBenchmark"
                + ".classify.png)"));
        String html = Files.readString(out.resolve("compare.html"));
        assertEquals(count(html, "<svg"), 3, "the three plots inlined");
    }

    private static int count(String s, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void theComparisonLeavesBothInputFoldersByteForByteUnchanged() {
        assertEquals(before, Fixtures.snapshot(shared.resolve("in")));
    }

    @Test
    void dashOWritesWhereItIsTold(@TempDir Path tmp) {
        ReportMainTest.Result r = ReportMainTest.run("compare", older.toString(), newer.toString(), "-o",
                tmp.resolve("cmp").toString(), "--tolerance", "60%");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(tmp.resolve("cmp/compare.md")));
    }
}
