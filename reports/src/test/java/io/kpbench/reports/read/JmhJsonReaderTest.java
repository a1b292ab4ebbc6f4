package io.kpbench.reports.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.reports.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmhJsonReaderTest {
    @TempDir
    Path tmp;

    @Test
    void readsEveryRecordOfACompleteFile() throws IOException {
        JmhJsonReader.Result r = JmhJsonReader.read(Fixtures.source().resolve("jmh.json"));
        assertEquals(List.of(), r.problems());
        assertEquals(159, r.records().size());
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
    void aScoreThatIsNotANumberNamesTheRecordAndTheFieldAndKeepsTheOtherRecords() throws IOException {
        Path f = write("[" + record("\"score\":\"fast\",\"scoreUnit\":\"ns/op\"") + ","
                + record("\"score\":1.5,\"scoreUnit\":\"ns/op\"") + "]");
        JmhJsonReader.Result r = JmhJsonReader.read(f);
        assertEquals(List.of("record 1 (A0BaselineBenchmark.returnField size=10): primaryMetric.score: not a number "
                + "(\"fast\")"), r.problems());
        assertEquals(1, r.records().size());
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
    void badSyntaxNamesItsLineAndColumn() throws IOException {
        // Jackson places a bad bare word at its end: "oops" ends before column 20
        Path f = write("[\n" + record("\"score\":1.5") + ",\n{\"benchmark\": oops}\n]");
        JmhJsonReader.Result r = JmhJsonReader.read(f);
        assertEquals(1, r.records().size());
        assertEquals(List.of("not valid JSON at line 3, column 20 (in record 2; 1 complete records before it)"),
                r.problems());
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

    @Test
    void recoversTheCompleteRecordsBeforeATruncation() throws IOException {
        String full = Files.readString(Fixtures.source().resolve("jmh.json"));
        int cut = full.indexOf("\"benchmark\"", full.indexOf("\"benchmark\"", full.indexOf("\"benchmark\"") + 1) + 1);
        Path f = write(full.substring(0, cut + 40));
        JmhJsonReader.Result r = JmhJsonReader.read(f);
        assertEquals(2, r.records().size());
        assertEquals(List.of("truncated after 2 complete records (the file ends inside the result array)"),
                r.problems());
    }

    @Test
    void aFileCutInsideANumberIsTruncatedNotASyntaxError() throws IOException {
        Path f = write("[" + record("\"score\":1.5") + ",\n" + record("\"score\":128.").substring(0, 120) + "128.");
        assertEquals(List.of("truncated after 1 complete records (the file ends inside the result array)"),
                JmhJsonReader.read(f).problems());
    }

    @Test
    void anEmptyFileHasNoRecordsAndSaysSo() throws IOException {
        JmhJsonReader.Result r = JmhJsonReader.read(write(""));
        assertTrue(r.records().isEmpty());
        assertEquals(List.of("empty (JMH wrote nothing)"), r.problems());
    }

    @Test
    void aRecordWithoutAPrimaryMetricIsAProblemNamingTheRecordAndTheField() throws IOException {
        JmhJsonReader.Result r = JmhJsonReader.read(write("[{\"benchmark\":\"a.B.c\"}]"));
        assertTrue(r.records().isEmpty());
        assertEquals(List.of("record 1 (B.c): primaryMetric: missing"), r.problems());
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
