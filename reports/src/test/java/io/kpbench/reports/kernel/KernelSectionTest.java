package io.kpbench.reports.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.lab.Calibration;
import io.kpbench.lab.CalibrationFile;
import io.kpbench.reports.Fixtures;
import io.kpbench.reports.ReportMain;
import io.kpbench.reports.read.ResultsFolder;
import io.kpbench.reports.read.ResultsReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelSectionTest {
    @TempDir
    Path tmp;

    /** A calibration of exactly 40 us + 10 ns per rule (iptables-nft) and a flat 45 us (nftables). */
    private static CalibrationFile exact(String name) {
        Calibration ipt = new Calibration("iptables-nft", 40_000, 10.0, 0.0, 1.0, 12, 2000, 1e8, 1000,
                List.of(), List.of(100, 1000, 5000, 10_000));
        Calibration nft = new Calibration("nftables", 45_000, null, null, Double.NaN, 12, 18, 0, 1000, List.of(),
                List.of(100, 1000, 5000, 10_000));
        return new CalibrationFile(name, Map.of("kernel", "6.1"), "unavailable: no ip_vs module on this machine",
                List.of(ipt, nft), Map.of());
    }

    private static String report(Path dir, Path out, String... extra) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = new String[3 + extra.length];
        args[0] = "report";
        args[1] = dir.toString();
        args[2] = "--out=" + out;
        System.arraycopy(extra, 0, args, 3, extra.length);
        int rc = ReportMain.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
        return Files.readString(out.resolve("REPORT.md"));
    }

    @Test
    void theProjectionIsCalibrationTimesTheModelsCountBesideTheBlogWithTheRatio() throws Exception {
        Path run = Fixtures.tinyRun(tmp, "run");
        exact("lab machine").write(run);
        ResultsFolder f = ResultsReader.read(run);
        KernelSection k = KernelSection.of(f, null);
        assertTrue(k.status().contains("lab machine"), k.status());
        List<String> at5k = k.projection().rows().stream()
                .filter(r -> r.get(0).equals("iptables-nft") && r.get(1).equals("5000")).findFirst().orElseThrow();
        // middle of 5,000 services: 7 + 2,499 rules; 40 us + 10 ns x 2,506 = 65.06 us; the blog's p50 is 47.1 us
        assertEquals("2506", at5k.get(3));
        assertEquals("65.1", at5k.get(4));
        assertEquals("47", at5k.get(7));
        assertEquals("1.38", at5k.get(8));
        List<String> at100k = k.projection().rows().stream()
                .filter(r -> r.get(0).equals("iptables-nft") && r.get(1).equals("100000")).findFirst().orElseThrow();
        assertEquals("extrapolated", at100k.get(6));
        assertTrue(k.notProjected().stream().anyMatch(n -> n.startsWith("ipvs: no projection") && n.contains("ip_vs")));
        assertTrue(k.notProjected().stream().anyMatch(n -> n.startsWith("ebpf: no projection")));
        String md = report(run, tmp.resolve("out"));
        assertTrue(md.contains("## " + KernelSection.TITLE), md);
        assertTrue(md.contains("| iptables-nft | 30000 |"), md);
        assertTrue(md.contains("cache misses at scale are not in the fit"));
    }

    @Test
    void aSkippedLabIsStatedInTheReportWithItsReason() throws Exception {
        Path run = Fixtures.tinyRun(tmp, "run");
        Files.writeString(run.resolve("kernel-lab-skipped.txt"), "kernel-lab skipped: missing root\n");
        KernelSection k = KernelSection.of(ResultsReader.read(run), null);
        assertEquals("No kernel projection: kernel-lab skipped: missing root.", k.status());
        assertNull(k.projection());
        assertTrue(report(run, tmp.resolve("out")).contains("No kernel projection: kernel-lab skipped: missing root."));
    }

    @Test
    void calibrationReusesAnotherMachinesFile() throws Exception {
        Path run = Fixtures.tinyRun(tmp, "run");
        Path node = exact("a real node").write(Files.createDirectories(tmp.resolve("node")));
        String md = report(run, tmp.resolve("out"), "--calibration=" + node);
        assertTrue(md.contains("(--calibration), measured on a real node"), md);
        assertTrue(md.contains("| nftables | 100000 |"), md);
    }
}
