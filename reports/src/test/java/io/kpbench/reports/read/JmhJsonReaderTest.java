package io.kpbench.reports.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.reports.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmhJsonReaderTest {
    @TempDir
    Path tmp;

    @Test
    void readsEveryRecordOfACompleteFile() throws IOException {
        JmhJsonReader.Result r = JmhJsonReader.read(Fixtures.source().resolve("jmh.json"));
        assertNull(r.problem());
        assertEquals(159, r.records().size());
        JmhRecord first = r.records().get(0);
        assertEquals("FirstPacketClassifyBenchmark.classify", first.shortName());
        assertEquals("IPTABLES", first.param("mode"));
        assertEquals("#", first.secondary("rulesPerPacket").unit());
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
        assertNotNull(r.problem());
        assertTrue(r.problem().startsWith("truncated or malformed after 2 complete records"), r.problem());
    }

    @Test
    void anEmptyFileHasNoRecordsAndSaysSo() throws IOException {
        JmhJsonReader.Result r = JmhJsonReader.read(write(""));
        assertTrue(r.records().isEmpty());
        assertEquals("empty file", r.problem());
    }

    @Test
    void aRecordWithoutAPrimaryMetricIsSkipped() throws IOException {
        JmhJsonReader.Result r = JmhJsonReader.read(write("[{\"benchmark\":\"a.B.c\"}]"));
        assertTrue(r.records().isEmpty());
        assertNull(r.problem());
    }

    private Path write(String s) throws IOException {
        Path f = tmp.resolve("jmh.json");
        Files.writeString(f, s);
        return f;
    }
}
