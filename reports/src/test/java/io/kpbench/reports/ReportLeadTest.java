package io.kpbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.reports.review.DesignReview;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report leads with the answer: report.html and REPORT.md of the fixture, section by section. */
class ReportLeadTest {
    @TempDir
    static Path shared;
    static String html;
    static String md;

    @TempDir
    Path tmp;

    @BeforeAll
    static void reportTheFixture() throws IOException {
        Path out = shared.resolve("out");
        ReportMain.report(Fixtures.copy(shared.resolve("in")), out);
        html = Files.readString(out.resolve("report.html"));
        md = Files.readString(out.resolve("REPORT.md"));
    }

    private static List<String> all(String regex, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void theDesignReviewIsTheFirstSectionOfBothAndShowsTheIntervals() {
        List<String> h2 = all("<h2[^>]*>([^<]*)</h2>", html);
        assertEquals("For the design review", h2.get(0));
        assertEquals("## For the design review", md.lines().filter(l -> l.startsWith("## ")).findFirst()
                .orElseThrow());
        String lead = html.substring(0, html.indexOf("</section>"));
        assertTrue(lead.contains("<td>iptables / nftables</td><td>first packet, dependent (latency per packet)</td>"
                + "<td class=\"num\">30k</td><td class=\"num\">10.4×</td><td class=\"num\">9.87–11.0 (±5.3%)</td>"
                + "<td class=\"num\">14</td>"), lead);
        assertTrue(md.contains("| iptables / nftables | first packet, dependent (latency per packet) | 30k | 10.4× | "
                + "9.87–11.0 (±5.3%) | 14 |"));
        assertTrue(lead.indexOf("Modes cross over") > lead.indexOf("10.4×"), "the crossover follows the table");
        assertTrue(lead.contains("id=\"chart-first-packet-e1\""), "the first-packet chart is on the first screen");
        assertEquals(1, all("(id=\"chart-first-packet-e1\")", html).size(), "and only there");
        assertTrue(lead.contains("<details id=\"other-ratios\">"), "the other ratios are collapsed");
    }

    @Test
    void htmlAndMarkdownHaveTheSameSectionsInTheSameOrder() {
        List<String> h2 = all("<h2[^>]*>([^<]*)</h2>", html);
        List<String> md2 = all("^## (.*)$", md);
        assertEquals(md2.subList(0, md2.size() - 1), h2);
        assertEquals("Run parameters", md2.get(md2.size() - 1), "the run parameters close REPORT.md");
    }

    @Test
    void theClusterTheMachineAndTheGateFollowTheAnswerInOneLineEach() {
        String lead = html.substring(0, html.indexOf("</section>"));
        assertTrue(lead.contains("<li>Cluster: synthetic ClusterIP services, 1k–30k services"), lead);
        assertTrue(lead.contains("<li>Machine: Synthetic CPU @ 3.0GHz (test fixture) (family 25, model 1, "
                + "stepping 1)"), lead);
        assertTrue(lead.contains("<li>Gate: 1 of 28 paired forks flagged by the probe gate (pointer chase / compute "
                + "&gt; 15% from the session median)"), lead);
        assertTrue(md.contains("- Gate: 1 of 28 paired forks flagged by the probe gate"));
    }

    @Test
    void theRunParametersAreCollapsedLowDownNotAtTheTop() {
        int details = html.indexOf("<details id=\"run-parameters\">");
        assertTrue(details > html.indexOf("Results by benchmark"), "after the tables");
        int table = html.indexOf("<table class=\"meta\">");
        assertTrue(table > details && table < html.indexOf("</details>", details), "the parameters are inside it");
        assertEquals(1, all("(<table class=\"meta\">)", html).size());
        assertTrue(md.indexOf("- **parameters**:") > md.indexOf("## Run parameters"));
    }

    @Test
    void churnShowsTheReaderAndTheWriterNeverTheirAverage() {
        String churn = md.substring(md.indexOf("### ChurnBenchmark.churn"));
        churn = churn.substring(0, churn.indexOf("\n\n###"));
        assertTrue(churn.contains("| mode | services | classify (reader) | rollingUpdate (writer) |"), churn);
        // the fixture's primary (the average) at NFTABLES, 1000 services is 12.5602; the reader is 11.7
        assertFalse(churn.contains("12.6"), churn);
        assertFalse(churn.contains("score"), churn);
    }

    @Test
    void thePairedBenchmarksMixedPrimaryScoreIsNeverShown() {
        assertFalse(md.contains("PairedFirstPacketBenchmark"), "no table of the mixture");
        assertFalse(html.contains("4,242"));
        assertTrue(md.contains("| first packet, independent (throughput per packet) | 10k | harness floor (no-op data "
                + "plane, same packet path) | 2.50 |"));
    }

    @Test
    void syncShowsItsSingleShotTimeWithTheGcTimeBesideIt() {
        assertTrue(md.contains("| mode | services | score | ± error | unit | GC per op |"), "gcMs beside the score");
        assertTrue(md.contains("ms/op (single shot) | 11.2 ms |"));
    }

    @Test
    void captionsSayWhichIntervalEachFigureCarries() {
        assertTrue(html.contains("Error bars are JMH's 99.9% score error (one fork's iterations); the ratios of the "
                + "design review and the paired arms use the 95% interval over forks instead."));
        assertTrue(md.contains("95% t-interval over forks on the log ratios, never JMH's 99.9% iteration error."));
        assertTrue(md.contains("It covers this run's forks, not a drift of the host that lasts the whole run: to hold "
                + "a figure across runs, pool several with scripts/pool.sh"), "what the interval does not cover");
    }

    @Test
    void theHardwareFloorHasAChartAndATable() {
        assertTrue(html.contains("id=\"chart-memory-floor\""));
        assertTrue(md.contains("## Against the hardware floor"));
        assertTrue(md.contains("| mode | services | dependent first packet (ns) | tables (retained) | floor at that "
                + "size (ns) | multiple of the floor |"));
    }

    @Test
    void aDamagedRatiosCsvUnderPartialIsNamedInPlaceOfTheTable() throws IOException {
        Path run = Fixtures.copy(tmp.resolve("in"));
        Files.writeString(run.resolve("ratios.csv"), "numerator,denominator,benchmark,params,forks,median,ci95Low,"
                + "ci95High\niptables,nftables,firstPacket.dependent,services=30000,14,10.4");
        ReportMainTest.Result r = ReportMainTest.run("report", run.toString(), "--partial", "-o",
                tmp.resolve("out").toString());
        assertEquals(0, r.code(), r.err());
        String page = Files.readString(tmp.resolve("out/report.html"));
        assertTrue(page.contains("<p class=\"no-paired\">" + DesignReview.DAMAGED + "</p>"));
        assertTrue(page.contains("<li>ratios.csv: line 2: ci95Low: missing (the line has 6 of 8 fields: "
                + "truncated?)</li>"));
    }

    @Test
    void aRunWithoutRatiosCsvSaysSoInOneLineAndStillWritesTheReport() throws IOException {
        Path run = Fixtures.tinyRun(tmp, "20250101T000000Z-tiny");
        ReportMain.report(run, tmp.resolve("out"));
        String page = Files.readString(tmp.resolve("out/report.html"));
        assertTrue(page.contains("<p class=\"no-paired\">" + DesignReview.NO_PAIRED + "</p>"));
        assertFalse(page.contains("<th>95% interval</th>"));
        assertTrue(Files.readString(tmp.resolve("out/REPORT.md")).contains(DesignReview.NO_PAIRED));
    }

    @Test
    void aRunOnAGivenClusterNamesItOnTheFirstScreenAndShowsItsPlan() throws IOException {
        Path in = Fixtures.copy(tmp.resolve("in"));
        String run = Files.readString(in.resolve("run.json"));
        Files.writeString(in.resolve("run.json"), run.replaceFirst("\\{", "{\"cluster\": {\"headline\": "
                + "\"prod-eu.yaml: 6,012 services (5,300 ClusterIP, 400 NodePort, 312 LoadBalancer), node "
                + "ip-10-0-1-5\", \"scales\": [1, 2, 5]},"));
        Files.writeString(in.resolve("plan.txt"), "MODE iptables\nNodePort range  ports  712  2768  <headroom>\n");
        Path out = tmp.resolve("out");
        ReportMain.report(in, out);
        String page = Files.readString(out.resolve("report.html"));
        String cluster = "Cluster: prod-eu.yaml: 6,012 services (5,300 ClusterIP, 400 NodePort, 312 LoadBalancer), "
                + "node ip-10-0-1-5, at ×1, ×2, ×5.";
        String lead = page.substring(page.indexOf("<h2>For the design review</h2>"), page.indexOf("<table"));
        assertTrue(lead.contains("<p class=\"cluster-lead\">" + cluster + "</p>"), "named before any table: " + lead);
        assertEquals(1, page.split(Pattern.quote(cluster), -1).length - 1, "and said once");
        assertTrue(page.contains("<h2 id=\"capacity-plan\">Limits and headroom of this cluster</h2>"));
        assertTrue(page.contains("NodePort range  ports  712  2768  &lt;headroom&gt;"), "the plan, escaped");
        String report = Files.readString(out.resolve("REPORT.md"));
        assertTrue(report.indexOf("**" + cluster + "**") < report.indexOf("| ratio |"), "REPORT.md names it first");
        assertEquals(all("<h2[^>]*>([^<]*)</h2>", page), all("^## (.*)$", report).subList(0,
                all("^## (.*)$", report).size() - 1), "REPORT.md has the section too");
        assertFalse(html.contains("capacity-plan"), "a run without a cluster has no plan section");
    }
}
