package io.kpbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.proxy.ProxyMode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenLoopLatencyTest {
    @TempDir
    Path dir;

    /** A child's histogram: {@code n} values of {@code ns} and one of {@code maxNs}, over [start, start+2 s]. */
    private static Histogram child(String tag, long start, int n, long ns, long maxNs) {
        Histogram h = new Histogram(3);
        h.recordValueWithCount(ns, n);
        h.recordValue(maxNs);
        h.setStartTimeStamp(start);
        h.setEndTimeStamp(start + 2000);
        h.setTag(tag);
        return h;
    }

    private Path part(Histogram h) throws IOException {
        Path parts = Files.createDirectories(dir.resolve(".latency-parts"));
        Path p = parts.resolve(h.getTag() + ".hlog");
        OpenLoopLatency.writePart(p, h);
        return p;
    }

    @Test
    void eachChildsPartBecomesOneTaggedIntervalOfTheOneLogInModeOrder() throws IOException {
        long t0 = 1_765_000_000_000L;
        Path a = part(child("iptables-loadBalancer", t0, 1000, 5_000, 90_000));
        Path b = part(child("nftables-loadBalancer", t0 + 5000, 400, 2_000, 30_000));
        OpenLoopLatency.merge(List.of(a, b), dir, "kpbench open-loop latency, ns, 10000 services");

        List<Histogram> read = new ArrayList<>();
        try (InputStream in = Files.newInputStream(dir.resolve("latency.hlog"));
                HistogramLogReader r = new HistogramLogReader(in)) {
            for (EncodableHistogram e = r.nextIntervalHistogram(); e != null; e = r.nextIntervalHistogram()) {
                read.add((Histogram) e);
            }
        }
        assertEquals(2, read.size());
        assertEquals("iptables-loadBalancer", read.get(0).getTag());
        assertEquals("nftables-loadBalancer", read.get(1).getTag());
        assertEquals(1001, read.get(0).getTotalCount());
        assertEquals(401, read.get(1).getTotalCount());
        assertTrue(read.get(0).valuesAreEquivalent(90_000, read.get(0).getMaxValue()));
        assertTrue(read.get(1).valuesAreEquivalent(2_000, read.get(1).getValueAtPercentile(50)));
        assertEquals(t0, read.get(0).getStartTimeStamp());
        assertEquals(t0 + 5000, read.get(1).getStartTimeStamp());
        assertTrue(Files.readString(dir.resolve("latency.hlog")).contains("#kpbench open-loop latency, ns"));
    }

    @Test
    void eachChildsPartGetsItsHgrmInMicroseconds() throws IOException {
        Path a = part(child("ebpf-loadBalancer", 1_765_000_000_000L, 1000, 5_000, 90_000));
        OpenLoopLatency.merge(List.of(a), dir, "c");
        List<String> lines = Files.readAllLines(dir.resolve("latency-ebpf-loadBalancer.hgrm"));
        String median = lines.stream().filter(l -> l.trim().matches("^[0-9.]+\\s+0\\.5000+\\s.*")).findFirst()
                .orElseThrow();
        assertEquals(5.0, Double.parseDouble(median.trim().split("\\s+")[0]), 0.01);
        assertTrue(lines.stream().anyMatch(l -> l.contains("Max") && l.contains("90.")));
    }

    @Test
    void theMergeLeavesNoTemporaryFiles() throws IOException {
        Path a = part(child("ipvs-loadBalancer", 1_765_000_000_000L, 10, 1_000, 2_000));
        OpenLoopLatency.merge(List.of(a), dir, "c");
        try (Stream<Path> files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void aPartWithoutATaggedHistogramFailsTheMergeAndWritesNoLog() throws IOException {
        Histogram untagged = child("x", 1_765_000_000_000L, 10, 1_000, 2_000);
        untagged.setTag(null);
        Path p = dir.resolve("untagged.hlog");
        OpenLoopLatency.writePart(p, untagged);
        IOException e = assertThrows(IOException.class, () -> OpenLoopLatency.merge(List.of(p), dir, "c"));
        assertEquals("untagged.hlog holds no tagged latency histogram", e.getMessage());
        assertFalse(Files.exists(dir.resolve("latency.hlog")));
    }

    @Test
    void noChildSucceededGivesAnEmptyLog() throws IOException {
        assertTrue(OpenLoopLatency.merge(List.of(), dir, "c").isEmpty());
        try (InputStream in = Files.newInputStream(dir.resolve("latency.hlog"));
                HistogramLogReader r = new HistogramLogReader(in)) {
            assertNull(r.nextIntervalHistogram());
        }
    }

    @Test
    void aChildJvmThatFailsFailsTheRunAndLeavesNoParts() throws IOException {
        // a flag no JVM knows: every child exits at once, before measuring anything
        boolean ok = OpenLoopLatency.run(dir, List.of("-XX:+KpbenchNoSuchFlag"), 100, 1000, 1_000_000L);
        assertFalse(ok);
        assertTrue(Files.exists(dir.resolve("latency.hlog")));
        assertFalse(Files.exists(dir.resolve(".latency-parts")));
    }

    @Test
    void aModesIntervalIsTaggedWithItsCliNameAndTheScenario() {
        assertEquals("nftables-loadBalancer", OpenLoopLatency.tag(ProxyMode.NFTABLES));
    }
}
