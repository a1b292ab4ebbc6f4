package io.kpbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad input to {@code report} and {@code compare} gives exit code 2 and exactly one line on stderr
 * that names the file and what is wrong: no stack trace, no Java class name, no "Exception", nothing on stdout, and
 * nothing written.
 */
class BadInputTest {
    @TempDir
    Path tmp;

    /**
     * One case.
     *
     * @param args the arguments, given the case's folder
     * @param line the expected stderr line, given the case's folder
     */
    record Case(Function<Path, List<String>> args, Function<Path, String> line) {
    }

    private static final String PARTIAL = "; --partial reports what is readable";
    private static final String RECORD = "{\"benchmark\":\"io.kpbench.bench.A0BaselineBenchmark.returnField\","
            + "\"mode\":\"avgt\",\"primaryMetric\":{\"score\":0.45,\"scoreError\":0.01,\"scoreUnit\":\"ns/op\"}}";

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a missing folder", new Case(d -> List.of("report", d.resolve("nope").toString()),
                        d -> d.resolve("nope") + ": no such folder")),
                Arguments.of("a binary file instead of a folder", new Case(d -> List.of("report",
                        binary(d.resolve("blob.bin")).toString()), d -> d.resolve("blob.bin") + ": not a folder (a "
                        + "results folder such as results/<UTC>-<sha>/ expected)")),
                Arguments.of("an empty folder", new Case(d -> List.of("report", d.toString()),
                        d -> d + ": not a results folder (no jmh.json, run.json or CSV)")),
                Arguments.of("a folder without jmh.json", new Case(d -> List.of("report", write(d, "run.json", "{}")),
                        d -> d.resolve("jmh.json") + ": missing (no JMH benchmark results)" + PARTIAL)),
                Arguments.of("a truncated jmh.json", new Case(d -> List.of("report", write(d, "jmh.json", "[" + RECORD
                        + "," + RECORD + "," + RECORD.substring(0, 50))), d -> d.resolve("jmh.json") + ": truncated "
                        + "after 2 complete records (the file ends inside the result array)" + PARTIAL)),
                Arguments.of("a garbled score in jmh.json", new Case(d -> List.of("report", write(d, "jmh.json", "["
                        + RECORD.replace("0.45", "\"fast\"") + "]")), d -> d.resolve("jmh.json") + ": record 1 "
                        + "(A0BaselineBenchmark.returnField): primaryMetric.score: not a number (\"fast\")" + PARTIAL)),
                Arguments.of("a jmh.json that is not an array", new Case(d -> List.of("report", write(d, "jmh.json",
                        RECORD)), d -> d.resolve("jmh.json") + ": not a JMH result (a JSON array of records expected)"
                        + PARTIAL)),
                Arguments.of("a binary jmh.json", new Case(d -> List.of("report", binary(d.resolve("jmh.json"))
                        .getParent().toString()), d -> d.resolve("jmh.json") + ": not UTF-8 text (JMH's JSON result "
                        + "expected)" + PARTIAL)),
                Arguments.of("a binary run.json", new Case(d -> {
                    write(d, "jmh.json", "[" + RECORD + "]");
                    binary(d.resolve("run.json"));
                    return List.of("report", d.toString());
                }, d -> d.resolve("run.json") + ": not UTF-8 text (the run's JSON description expected)" + PARTIAL)),
                Arguments.of("a truncated ratios.csv", paired("ratios.csv", RATIOS_HEADER + RATIO + "\n"
                        + RATIO.substring(0, RATIO.lastIndexOf(',', RATIO.lastIndexOf(',') - 1)) + "\n",
                        "line 3: ci95Low: missing (the line has 6 of 8 fields: truncated?)")),
                Arguments.of("a garbled median in ratios.csv", paired("ratios.csv", RATIOS_HEADER
                        + RATIO.replace("10.41", "ten"), "line 2: median: not a number (\"ten\")")),
                Arguments.of("a ratios.csv with another header", paired("ratios.csv", "numerator,denominator,ratio\n"
                        + RATIO, "line 1: header: not numerator,denominator,benchmark,params,forks,median,ci95Low,"
                        + "ci95High")),
                Arguments.of("a truncated arms.csv", paired("arms.csv", ARMS_HEADER + ARM + "\nfirstPacket.dependent,"
                        + "services=30000,ebpf,14,5", "line 3: ci95Low: missing (the line has 5 of 7 fields: "
                        + "truncated?)")),
                Arguments.of("a garbled fork count in arms.csv", paired("arms.csv", ARMS_HEADER
                        + ARM.replace(",14,", ",many,"), "line 2: forks: not a number (\"many\")")),
                Arguments.of("a truncated forks.csv", paired("forks.csv", FORKS_HEADER + FORK + "\n"
                        + FORK.substring(0, FORK.indexOf(",95.0")), "line 3: chaseNs: missing (the line has 7 of 10 "
                        + "fields: truncated?)")),
                Arguments.of("a garbled flag in forks.csv", paired("forks.csv", FORKS_HEADER
                        + FORK.replace(",false", ",maybe"), "line 2: flagged: not true or false (\"maybe\")")),
                Arguments.of("a truncated programming-latency.csv", paired("programming-latency.csv", LATENCY_HEADER
                        + LATENCY + "\n" + LATENCY.substring(0, LATENCY.indexOf(",1310")), "line 3: maxMs: missing "
                        + "(the line has 6 of 9 fields: truncated?)")),
                Arguments.of("a garbled p99 in programming-latency.csv", paired("programming-latency.csv",
                        LATENCY_HEADER + LATENCY.replace("1008.000", "slow"), "line 2: p99Ms: not a number "
                        + "(\"slow\")")),
                Arguments.of("no command", new Case(d -> List.of(),
                        d -> "a command is required: report, compare or merge (see --help)")),
                Arguments.of("an unknown option", new Case(d -> List.of("report", "--bogus", d.toString()),
                        d -> "Unknown option: '--bogus' (see --help)")),
                Arguments.of("-o with --in-place", new Case(d -> List.of("report", d.toString(), "-o", "x",
                        "--in-place"), d -> "give either -o OUT or --in-place, not both (see --help)")),
                Arguments.of("compare: a missing folder", new Case(d -> List.of("compare",
                        Fixtures.comparePair("old").toString(), d.resolve("nope").toString()),
                        d -> d.resolve("nope") + ": no such folder")),
                Arguments.of("compare: a folder without jmh.json", new Case(d -> List.of("compare",
                        write(d, "memory.csv", "mode,services\n"), Fixtures.comparePair("new").toString()),
                        d -> d.resolve("jmh.json") + ": missing (no JMH benchmark results)" + PARTIAL)),
                Arguments.of("compare: one folder", new Case(d -> List.of("compare", d.toString()),
                        d -> "Missing required parameter: 'NEW' (see --help)")),
                Arguments.of("compare: a bad tolerance", new Case(d -> List.of("compare", "a", "b", "--tolerance",
                        "lots"), d -> "--tolerance lots: not a percentage (such as 10 or 10%)")));
    }

    private static final String LATENCY_HEADER = "mode,services,changesPerSecond,minSyncPeriodMs,p50Ms,p99Ms,"
            + "maxMs,syncsPerSecond,syncCpuShare\n";
    private static final String LATENCY = "ipvs,10000,100,1000,554.400,1008.000,1310.400,0.996,0.0040";
    private static final String RATIOS_HEADER = "numerator,denominator,benchmark,params,forks,median,ci95Low,"
            + "ci95High\n";
    private static final String RATIO = "iptables,nftables,firstPacket.dependent,services=30000,14,10.41,9.87,10.98";
    private static final String ARMS_HEADER = "benchmark,params,arm,forks,nsPerOp,ci95Low,ci95High\n";
    private static final String ARM = "firstPacket.dependent,services=30000,nftables,14,115.5,110.9,120.1";
    private static final String FORKS_HEADER = "benchmark,params,fork,pid,started,stealPct,load1,chaseNs,computeNs,"
            + "flagged\n";
    private static final String FORK = "PairedFirstPacketBenchmark.classify,services=30000,3,4003,"
            + "2025-03-01T12:03:00Z,0.0,1.03,95.0,12.1,false";

    /** A run folder with a whole jmh.json and one damaged paired CSV, whose line and field the error names. */
    private static Case paired(String file, String text, String what) {
        return new Case(d -> {
            write(d, "jmh.json", "[" + RECORD + "]");
            return List.of("report", write(d, file, text));
        }, d -> d.resolve(file) + ": " + what + PARTIAL);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputIsOneLineNamingTheProblemAndExitCodeTwo(String name, Case c) {
        Path dir = tmp.resolve("run");
        mkdir(dir);
        Path out = tmp.resolve("out");
        List<String> args = new java.util.ArrayList<>(c.args().apply(dir));
        if (!args.isEmpty() && !args.contains("-o")) {
            args.addAll(List.of("-o", out.toString()));
        }
        ReportMainTest.Result r = ReportMainTest.run(args.toArray(String[]::new));
        String command = args.contains("compare") ? "compare" : "report";
        assertEquals(2, r.code(), r.err());
        assertEquals("kpbench " + command + ": " + c.line().apply(dir) + "\n", r.err());
        assertEquals("", r.out());
        assertFalse(r.err().contains("Exception") || r.err().contains("java.") || r.err().contains("\tat "),
                r.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    private static String write(Path dir, String name, String text) {
        try {
            Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir.toString();
    }

    private static Path binary(Path file) {
        try {
            return Files.write(file, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13,
                (byte) 0xFF, (byte) 0xFE});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void mkdir(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
