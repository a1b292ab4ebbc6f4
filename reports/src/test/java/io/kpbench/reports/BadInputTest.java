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
                Arguments.of("no command", new Case(d -> List.of(),
                        d -> "a command is required: report or compare (see --help)")),
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
