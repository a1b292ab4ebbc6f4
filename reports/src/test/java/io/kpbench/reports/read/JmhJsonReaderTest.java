package io.kpbench.reports.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.reports.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JmhJsonReaderTest {
    @TempDir
    Path tmp;

    @Test
    void readsEveryRecordOfACompleteFile() throws IOException {
        JmhJsonReader.Result r = JmhJsonReader.read(Fixtures.source().resolve("jmh.json"));
        assertEquals(List.of(), r.problems());
        assertEquals(168, r.records().size());
        JmhRecord first = r.records().get(0);
        assertEquals("FirstPacketClassifyBenchmark.classify", first.shortName());
        assertEquals("IPTABLES", first.param("mode"));
        assertEquals("#", first.secondary("rulesPerPacket").unit());
        assertEquals(3, first.samples().size(), "rawData, every fork's iterations");
    }

    @Test
    void rawDataOfEveryForkIsFlattenedIntoSamples() throws IOException {
        Path f = write("[" + record("\"score\":2.0,\"scoreError\":1.0,\"scoreUnit\":\"ns/op\","
                + "\"rawData\":[[1.0,2.0],[3.0,\"NaN\"]]") + "]");
        assertEquals(List.of(1.0, 2.0, 3.0), JmhJsonReader.read(f).records().get(0).samples());
    }

    @Test
    void rawDataThatIsNotAnArrayOfArraysNamesTheField() throws IOException {
        Path f = write("[" + record("\"score\":1.5,\"rawData\":[1.0]") + "]");
        assertEquals(List.of("record 1 (A0BaselineBenchmark.returnField size=10): primaryMetric.rawData[0]: not an "
                + "array of iteration scores"), JmhJsonReader.read(f).problems());
    }

    @Test
    void aBinaryFileIsNotUtf8TextAndNamesNoParser() throws IOException {
        Path f = tmp.resolve("jmh.json");
        Files.write(f, new byte[] {'[', (byte) 0xC3, 0x28, 0x00, (byte) 0xFF});
        assertEquals(List.of("not UTF-8 text (JMH's JSON result expected)"), JmhJsonReader.read(f).problems());
    }

    @Test
    void readsTheStringNaNAsNaNAndKeepsTheScore() throws IOException {
        Path f = write("[{\"benchmark\":\"io.kpbench.bench.A0BaselineBenchmark.returnField\",\"mode\":\"avgt\","
                + "\"threads\":1,\"forks\":1,\"params\":{},\"primaryMetric\":{\"score\":0.45,\"scoreError\":\"NaN\","
                + "\"scoreUnit\":\"ns/op\"},\"secondaryMetrics\":{\"x\":{\"score\":\"NaN\",\"scoreError\":NaN,"
                + "\"scoreUnit\":\"#\"}}}]");
        JmhRecord r = JmhJsonReader.read(f).records().get(0);
        assertEquals(0.45, r.primary().score());
        assertTrue(Double.isNaN(r.primary().error()));
        assertEquals(0.0, r.primary().errorOrZero());
        assertFalse(r.secondary("x").present());
    }

    /** A damaged file: the complete records read from it, and the one problem named. */
    static Stream<Arguments> damagedFiles() throws IOException {
        String full = Files.readString(Fixtures.source().resolve("jmh.json"));
        int cut = full.indexOf("\"benchmark\"", full.indexOf("\"benchmark\"", full.indexOf("\"benchmark\"") + 1) + 1);
        return Stream.of(
                Arguments.of("a score that is not a number names the record and the field, and keeps the others",
                        "[" + record("\"score\":\"fast\",\"scoreUnit\":\"ns/op\"") + ","
                                + record("\"score\":1.5,\"scoreUnit\":\"ns/op\"") + "]", 1,
                        "record 1 (A0BaselineBenchmark.returnField size=10): primaryMetric.score: not a number "
                                + "(\"fast\")"),
                // Jackson places a bad bare word at its end: "oops" ends before column 20
                Arguments.of("bad syntax names its line and column",
                        "[\n" + record("\"score\":1.5") + ",\n{\"benchmark\": oops}\n]", 1,
                        "not valid JSON at line 3, column 20 (in record 2; 1 complete records before it)"),
                Arguments.of("the complete records before a truncation are recovered", full.substring(0, cut + 40), 2,
                        "truncated after 2 complete records (the file ends inside the result array)"),
                Arguments.of("a file cut inside a number is truncated, not a syntax error",
                        "[" + record("\"score\":1.5") + ",\n" + record("\"score\":128.").substring(0, 120) + "128.",
                        1, "truncated after 1 complete records (the file ends inside the result array)"),
                Arguments.of("an empty file has no records and says so", "", 0, "empty (JMH wrote nothing)"),
                Arguments.of("a record without a primary metric names the record and the field",
                        "[{\"benchmark\":\"a.B.c\"}]", 0, "record 1 (B.c): primaryMetric: missing"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damagedFiles")
    void aDamagedFileKeepsItsCompleteRecordsAndNamesTheProblem(String what, String text, int records, String problem)
            throws IOException {
        JmhJsonReader.Result r = JmhJsonReader.read(write(text));
        assertEquals(records, r.records().size(), what);
        assertEquals(List.of(problem), r.problems(), what);
    }

    private static String record(String primaryMetric) {
        return "{\"benchmark\":\"io.kpbench.bench.A0BaselineBenchmark.returnField\",\"mode\":\"avgt\","
                + "\"params\":{\"size\":\"10\"},\"primaryMetric\":{" + primaryMetric + "}}";
    }

    private Path write(String s) throws IOException {
        Path f = tmp.resolve("jmh.json");
        Files.writeString(f, s);
        return f;
    }
}
