package io.kpbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.AverageTimeResult;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.IterationResultMetaData;
import org.openjdk.jmh.results.ResultRole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.ScalarResult;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.WorkloadParams;
import org.openjdk.jmh.runner.options.TimeValue;

class SummaryTableTest {
    @TempDir
    Path dir;

    private static RunResult result(String benchmark, List<String> labels, double readerNs, double writerNs) {
        WorkloadParams wp = new WorkloadParams();
        wp.put("mode", "IPTABLES", 0);
        wp.put("services", "10000", 1);
        IterationParams ip = new IterationParams(IterationType.MEASUREMENT, 1, TimeValue.seconds(1), 1);
        BenchmarkParams bp = new BenchmarkParams(benchmark, benchmark + "_jmhTest", false, labels.size(),
                new int[labels.size()], labels, 1, 0, ip, ip, Mode.AverageTime, wp, TimeUnit.NANOSECONDS, 1, "java",
                List.of(), "17", "vm", "17", "1.37", TimeValue.minutes(10));
        IterationResult it = new IterationResult(bp, ip, new IterationResultMetaData(1, 1));
        // the group's primary averages its members: the number that must never be shown
        it.addResult(new AverageTimeResult(ResultRole.PRIMARY, "churn", 1,
                (long) ((readerNs + writerNs) / 2), TimeUnit.NANOSECONDS));
        if (labels.size() > 1) {
            it.addResult(new AverageTimeResult(ResultRole.SECONDARY, labels.get(0), 1, (long) readerNs,
                    TimeUnit.NANOSECONDS));
            it.addResult(new AverageTimeResult(ResultRole.SECONDARY, labels.get(1), 1, (long) writerNs,
                    TimeUnit.NANOSECONDS));
        }
        it.addResult(new ScalarResult("gc.alloc.rate", 12.5, "MB/sec", AggregationPolicy.AVG));
        return new RunResult(bp, List.of(new BenchmarkResult(bp, List.of(it))));
    }

    @Test
    void aGroupGetsARowPerMemberAndNeverItsAveragedPrimary() throws IOException {
        SummaryTable.write(dir, List.of(result("io.kpbench.bench.ChurnBenchmark.churn",
                List.of("classify", "rollingUpdate"), 40.0, 2_000_000.0)));
        String md = Files.readString(dir.resolve("summary.md"));
        String params = " | mode=IPTABLES, services=10000, threads=2 | ";
        assertTrue(md.contains("| ChurnBenchmark.churn:classify" + params + "40.000 |"), md);
        assertTrue(md.contains("| ChurnBenchmark.churn:rollingUpdate" + params + "2000000.0 |"), md);
        assertFalse(md.contains("1000020.0"), "the mean of reader and writer is shown:\n" + md);
        assertFalse(md.contains("classify="), "a member is repeated among the secondaries:\n" + md);
        assertTrue(md.contains("gc.alloc.rate=12.500 MB/sec"), md);
    }

    @Test
    void aPlainBenchmarkKeepsItsPrimaryScore() throws IOException {
        SummaryTable.write(dir, List.of(result("io.kpbench.bench.SyncBenchmark.fullSync", List.of("fullSync"),
                300.0, 300.0)));
        List<String> rows = Files.readAllLines(dir.resolve("summary.md"));
        assertEquals(3, rows.size());
        assertTrue(rows.get(2).startsWith("| SyncBenchmark.fullSync | mode=IPTABLES, services=10000 | 300.0 |"),
                rows.get(2));
    }
}
