package io.kpbench.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.reports.Fixtures;
import io.kpbench.reports.ReportMain;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Opens report.html in a real headless Chromium from a {@code file://} URL: every chart must render (a non-empty
 * SVG in its container, counted by the page into {@code data-charts-rendered}) with no script error, and a PNG
 * screenshot is kept in {@code target/browser-check/}. Skipped, with a message, where Chromium is not installed;
 * {@code .ci/run} installs Debian's {@code chromium} so that CI always runs it.
 */
class ReportBrowserTest {
    private static final Path OUT = Path.of("target", "browser-check").toAbsolutePath();

    static String chromium() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        return null;
    }

    @Test
    void everyChartRendersInHeadlessChromiumWithoutScriptErrors() throws Exception {
        String chromium = chromium();
        Assumptions.assumeTrue(chromium != null, "chromium is not installed: skipping the real-browser check of "
                + "report.html (apt-get install -y chromium; .ci/run does this on CI)");
        Files.createDirectories(OUT);
        Path dir = OUT.resolve(Fixtures.NAME);
        if (Files.exists(dir)) {
            try (var s = Files.walk(dir)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Fixtures.copy(OUT);
        Path html = ReportMain.report(dir, dir);
        String url = html.toUri().toString();
        assertTrue(url.startsWith("file:/"), url);

        String dom = browse(chromium, "--dump-dom", url);
        int expected = attr(dom, "data-charts-expected");
        assertEquals(19, expected, "charts in the page data");
        assertEquals(expected, attr(dom, "data-charts-rendered"), "charts rendered (non-empty SVG)");
        assertEquals(0, attr(dom, "data-errors"), "script errors: " + errors(dom));
        Matcher m = Pattern.compile("<div class=\"chart\" id=\"chart-[^\"]+\"([^>]*)>").matcher(dom);
        int containers = 0;
        while (m.find()) {
            containers++;
            assertTrue(m.group(1).contains("data-rendered=\"true\""), "container " + m.group());
        }
        assertEquals(expected, containers);

        Path shot = OUT.resolve("report.png");
        Files.deleteIfExists(shot);
        browse(chromium, "--screenshot=" + shot, "--window-size=1280,4000", "--hide-scrollbars", url);
        assertTrue(Files.size(shot) > 50_000, "screenshot " + shot);
        System.out.println("report.html screenshot: " + shot);
    }

    @Test
    void aMergedFolderOfShardsOnTwoMachinesRendersAndNamesTheMachines() throws Exception {
        String chromium = chromium();
        Assumptions.assumeTrue(chromium != null, "chromium is not installed: skipping the real-browser check of "
                + "a merged folder's report.html");
        Path root = OUT.resolve("merged-shards");
        if (Files.exists(root)) {
            deleteTree(root);
        }
        List<Path> shards = io.kpbench.reports.merge.ShardFixtures.twoShards(root, "node-a", "node-b");
        Path merged = root.resolve("merged");
        io.kpbench.reports.merge.ShardMerge.merge(merged, shards);
        String url = ReportMain.report(merged, merged).toUri().toString();
        String dom = browse(chromium, "--dump-dom", url);
        int expected = attr(dom, "data-charts-expected");
        assertTrue(expected > 0, "charts in the page data");
        assertEquals(expected, attr(dom, "data-charts-rendered"), "charts rendered (non-empty SVG)");
        assertEquals(0, attr(dom, "data-errors"), "script errors: " + errors(dom));
        assertTrue(dom.contains("shard 1 on node-a") && dom.contains("shard 2 on node-b"), "the machines are named");
        assertTrue(dom.contains("not compared: different machines"), "no ratio across the machines");
    }

    /** Runs headless Chromium with a fresh profile and returns its stdout. */
    private static String browse(String chromium, String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("kpbench-chromium");
        List<String> cmd = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--virtual-time-budget=10000"));
        cmd.addAll(List.of(args));
        Path stdout = Files.createTempFile("kpbench-chromium", ".out");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("chromium did not finish in 120 s: " + cmd);
            }
            return Files.readString(stdout, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(stdout);
            deleteTree(profile);
        }
    }

    /** Removes the throwaway Chromium profile, so that no run leaves one in the temp folder. */
    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static int attr(String dom, String name) {
        Matcher m = Pattern.compile("<body[^>]*\\s" + name + "=\"(\\d+)\"").matcher(dom);
        assertTrue(m.find(), name + " is not set on <body>: the page script did not run");
        return Integer.parseInt(m.group(1));
    }

    private static String errors(String dom) {
        Matcher m = Pattern.compile("(?s)<pre id=\"console-errors\"[^>]*>(.*?)</pre>").matcher(dom);
        return m.find() ? m.group(1) : "";
    }
}
