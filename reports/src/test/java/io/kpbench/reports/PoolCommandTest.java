package io.kpbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pool} on small run folders: what it writes, and the runs it refuses to treat as one quantity. */
class PoolCommandTest {
    private static final String RATIOS_HEADER = "numerator,denominator,benchmark,params,forks,median,ci95Low,ci95High";

    @TempDir
    Path tmp;

    /** A whole run folder with a run.json of this commit and cluster and the given ratios.csv rows. */
    private Path run(String name, String sha, String cluster, String... ratios) throws IOException {
        Path dir = Fixtures.tinyRun(tmp.resolve("in"), name);
        Files.writeString(dir.resolve("run.json"), "{\"runId\": \"" + name + "\", \"gitSha\": \"" + sha
                + "\", \"profile\": \"quick\", \"started\": \"2026-12-06T15:59:56.142650222Z\", " + cluster
                + "\"host\": {\"cpuModel\": \"Xeon\", \"cpuModelNumber\": 207}, "
                + "\"gate\": {\"forks\": 30, \"flagged\": 5, \"slowed\": 15, \"chaseNsMedian\": 145.9}}\n");
        Files.writeString(dir.resolve("ratios.csv"), RATIOS_HEADER + "\n" + String.join("\n", ratios) + "\n");
        return dir;
    }

    private Path run(String name, double ipt10k, double ipt30k) throws IOException {
        return run(name, "2801c5d4d9ba", "", "ebpf,nftables,firstPacket.independent,services=10000,16,0.17,0.16,0.18",
                "iptables,nftables,firstPacket.independent,services=30000,14," + ipt30k + "," + (ipt30k - 1) + ","
                        + (ipt30k + 1),
                "iptables,nftables,firstPacket.independent,services=10000,16," + ipt10k + "," + (ipt10k - 0.5) + ","
                        + (ipt10k + 0.5),
                "userspace,established,firstPacket.dependent,services=1000,16,0.9,0.8,1.0");
    }

    private ReportMainTest.Result pool(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("pool", "--results", tmp.resolve("results").toString()));
        all.addAll(List.of(args));
        return ReportMainTest.run(all.toArray(String[]::new));
    }

    @Test
    void threeRunsArePooledInRunOrderWithTheHeadlineFirst() throws IOException {
        Path c = run("20261206T170000Z-2801c5d4d9ba", 10.0, 17.0);
        Path a = run("20261206T150000Z-2801c5d4d9ba", 9.0, 16.0);
        Path b = run("20261206T160000Z-2801c5d4d9ba", 11.0, 18.0);
        Map<String, String> before = Fixtures.snapshot(tmp.resolve("in"));
        ReportMainTest.Result r = pool(c.toString(), a.toString(), b.toString());
        Path out = tmp.resolve("results/pool-3-runs-20261206T150000Z-2801c5d4d9ba-to-20261206T170000Z-2801c5d4d9ba");
        assertEquals(0, r.code(), r.err());
        assertEquals("kpbench pool: wrote " + out.resolve("pooled.md") + "\n", r.out());
        assertEquals(before, Fixtures.snapshot(tmp.resolve("in")), "the runs are only read");

        List<String> csv = Files.readAllLines(out.resolve("pooled.csv"));
        assertEquals("numerator,denominator,benchmark,params,runs,ratio,ci95Low,ci95High,min,max,betweenRunSdLog,"
                + "withinRunSeLog,meanRunHalfWidth,dispersion,runsForTarget", csv.get(0));
        assertTrue(csv.get(1).startsWith("iptables,nftables,firstPacket.independent,services=10000,3,9.96655,"),
                "the headline order: iptables / nftables at 10k first; the geometric mean of 9, 10 and 11: "
                        + csv.get(1));
        assertTrue(csv.get(2).startsWith("iptables,nftables,firstPacket.independent,services=30000,3,"), csv.get(2));
        assertTrue(csv.get(3).startsWith("ebpf,nftables,"), csv.get(3));
        assertTrue(csv.get(4).startsWith("userspace,established,firstPacket.dependent,services=1000,3,0.900000,"),
                "no headline: last");

        String md = Files.readString(out.resolve("pooled.md"));
        assertTrue(md.startsWith("# Paired ratios pooled over 3 runs\n"), md);
        assertTrue(md.indexOf("20261206T150000Z") < md.indexOf("20261206T160000Z")
                && md.indexOf("20261206T160000Z") < md.indexOf("20261206T170000Z"), "runs in run order");
        assertTrue(md.contains("| iptables / nftables | first packet, independent (throughput per packet) | 10k | "
                + "9.97× |"), md);
        assertTrue(md.indexOf("## Runs\n") < md.indexOf("## For the design review\n")
                && md.indexOf("## For the design review\n") < md.indexOf("## Other paired ratios\n"), md);
        assertTrue(md.contains("| runs for ±10% |"), md);
        assertTrue(md.contains("| 20261206T150000Z-2801c5d4d9ba | 2801c5d4d9ba | quick | 2026-12-06T15:59:56Z | 30 | "
                + "146 | 5 / 15 |"), "each run in one line, to the second: " + md);
        assertTrue(md.indexOf("iptables / nftables") < md.indexOf("userspace / established"), md);
    }

    @Test
    void runsOfDifferentCommitsAreRefusedInOneLineUnlessTheCallerSaysTheCodeIsTheSame() throws IOException {
        Path a = run("20261206T150000Z-2801c5d4d9ba", 9.0, 16.0);
        Path b = run("20261206T160000Z-7a6f920014c1", "7a6f920014c1", "",
                "iptables,nftables,firstPacket.independent,services=10000,16,10.5,9.5,11.0");
        ReportMainTest.Result r = pool(a.toString(), b.toString());
        assertEquals(2, r.code());
        assertEquals("kpbench pool: " + b.resolve("run.json") + ": gitSha is \"7a6f920014c1\" here but "
                + "\"2801c5d4d9ba\" in " + a.resolve("run.json") + " (pool runs of one commit, or add "
                + "--across-commits when the code they measured is the same)\n", r.err());
        assertFalse(Files.exists(tmp.resolve("results")), "nothing written");

        ReportMainTest.Result across = pool("--across-commits", a.toString(), b.toString());
        assertEquals(0, across.code(), across.err());
        Path md = Path.of(across.out().trim().substring("kpbench pool: wrote ".length()));
        assertTrue(Files.readString(md).contains("different commits (`--across-commits`)"));
    }

    @Test
    void runsOfDifferentClustersAreRefusedEvenAcrossCommits() throws IOException {
        Path a = run("20261206T150000Z-2801c5d4d9ba", 9.0, 16.0);
        Path b = run("20261206T160000Z-2801c5d4d9ba", "2801c5d4d9ba",
                "\"cluster\": {\"headline\": \"eks.yaml: 11 services\", \"services\": 11, \"scales\": [1]}, ",
                "iptables,nftables,firstPacket.independent,services=11,16,2.5,2.2,2.8");
        ReportMainTest.Result r = pool("--across-commits", a.toString(), b.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("kpbench pool: " + b.resolve("run.json") + ": cluster is \"{"), r.err());
        assertTrue(r.err().endsWith(" here but none in " + a.resolve("run.json") + ": runs of different clusters "
                + "or machines are not draws of one quantity\n"), r.err());
        assertEquals(1, r.err().lines().count());
    }

    @Test
    void aRunWithoutRatiosOrGivenTwiceOrAloneIsRefusedInOneLine() throws IOException {
        Path a = run("20261206T150000Z-2801c5d4d9ba", 9.0, 16.0);
        Path bare = Fixtures.tinyRun(tmp.resolve("in"), "20261206T160000Z-2801c5d4d9ba");
        ReportMainTest.Result noRatios = pool(a.toString(), bare.toString());
        assertEquals(2, noRatios.code());
        assertEquals("kpbench pool: " + bare + ": no readable ratios.csv (pool needs each run's paired ratios: a "
                + "-Pbench run with the paired first-packet pass)\n", noRatios.err());

        ReportMainTest.Result twice = pool(a.toString(), a.toString());
        assertEquals(2, twice.code());
        assertTrue(twice.err().startsWith("kpbench pool: " + a + ": the run 20261206T150000Z-2801c5d4d9ba is given "
                + "twice"), twice.err());

        Path copy = tmp.resolve("copies/20261206T150000Z-renamed");
        Files.createDirectories(copy);
        for (String file : List.of("jmh.json", "run.json", "ratios.csv")) {
            Files.copy(a.resolve(file), copy.resolve(file));
        }
        ReportMainTest.Result renamed = pool(a.toString(), copy.toString());
        assertEquals(2, renamed.code());
        assertTrue(renamed.err().startsWith("kpbench pool: " + copy + ": the run 20261206T150000Z-2801c5d4d9ba is "
                + "given twice"), "a copy under another name is the same run: " + renamed.err());

        ReportMainTest.Result alone = pool(a.toString());
        assertEquals(2, alone.code());
        assertTrue(alone.err().startsWith("kpbench pool: ") && alone.err().contains("(see --help)"), alone.err());
        assertEquals(1, alone.err().lines().count());

        ReportMainTest.Result badTarget = pool("--target", "ten", a.toString(), a.toString());
        assertEquals("kpbench pool: --target ten: not a percentage (such as 10 or 10%)\n", badTarget.err());
        assertFalse(Files.exists(tmp.resolve("results")), "nothing written");
    }
}
