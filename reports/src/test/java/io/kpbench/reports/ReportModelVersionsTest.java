package io.kpbench.reports;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, point 9: the report's header names the kube-proxy, Linux and Cilium releases the run's model followed,
 * read from run.json's {@code model} block, and says "not recorded" for a folder written before that block.
 */
class ReportModelVersionsTest {
    @TempDir
    Path tmp;

    @Test
    void theHeaderNamesTheReleasesRecordedInRunJsonNotThisBuildsOwn() throws IOException {
        Path run = Fixtures.tinyRun(tmp, "20260101T000000Z-model");
        Files.writeString(run.resolve("run.json"), "{\"runId\": \"20260101T000000Z-model\", \"model\": "
                + "{\"kubeProxy\": \"v1.31\", \"kubeProxyUserspace\": \"v1.25\", \"linux\": \"6.6\", "
                + "\"cilium\": \"1.16\"}}\n");
        Path out = tmp.resolve("out");
        ReportMain.report(run, out);
        String md = Files.readString(out.resolve("REPORT.md"));
        String html = Files.readString(out.resolve("report.html"));
        String line = "Model follows: kube-proxy v1.31 (userspace v1.25), Linux 6.6, Cilium 1.16";
        assertTrue(md.lines().limit(4).anyMatch(line::equals), md);
        assertTrue(html.contains("<p class=\"model\">" + line + "</p>"), html);
        assertTrue(html.indexOf(line) < html.indexOf("For the design review"), "in the header, before the answer");
        assertTrue(md.contains("- **model follows**: kube-proxy v1.31"), "and among the run parameters");
    }

    @Test
    void aFolderWithoutTheModelBlockSaysTheReleasesWereNotRecorded() throws IOException {
        Path run = Fixtures.tinyRun(tmp, "20250101T000000Z-old");
        Path out = tmp.resolve("out");
        ReportMain.report(run, out);
        String md = Files.readString(out.resolve("REPORT.md"));
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(md.lines().limit(4).anyMatch(l -> l.startsWith("Model follows: not recorded")), md);
        assertTrue(html.contains("<p class=\"model\">Model follows: not recorded"), html);
    }
}
