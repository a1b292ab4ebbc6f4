package io.kpbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/** SyncBenchmark's shape: single shots, enough of them, and partial-sync batches of whole cycles. */
class SyncBenchmarkTest {
    private static Method method(String name) throws NoSuchMethodException {
        return SyncBenchmark.class.getMethod(name, SyncBenchmark.Fixture.class, SyncCounters.class);
    }

    @Test
    void syncIsMeasuredInAtLeastTwentySingleShots() {
        assertEquals(List.of(Mode.SingleShotTime),
                List.of(SyncBenchmark.class.getAnnotation(BenchmarkMode.class).value()));
        assertTrue(SyncBenchmark.class.getAnnotation(Measurement.class).iterations() >= 20);
    }

    @Test
    void theQuickAndFullProfilesKeepTheSyncShotCounts() {
        for (BenchProfile p : List.of(BenchProfile.QUICK, BenchProfile.FULL)) {
            for (BenchPass pass : p.passes()) {
                if (pass.include().contains("SyncBenchmark")) {
                    assertEquals(SyncBenchmark.ITERATIONS, pass.measurements(), p + " " + pass);
                    assertEquals(SyncBenchmark.WARMUPS, pass.warmups(), p + " " + pass);
                }
            }
        }
    }

    @Test
    void aWarmPartialSyncShotIsDozensOfForwardAndBackwardChangesScoredPerSync() throws NoSuchMethodException {
        Method m = SyncBenchmark.class.getMethod("partialSync", SyncBenchmark.Fixture.class, SyncCounters.class,
                Blackhole.class);
        assertTrue(SyncBenchmark.PAIRS >= 50, "enough syncs that a shot times compiled code on warm caches");
        assertEquals(2 * SyncBenchmark.PAIRS, m.getAnnotation(OperationsPerInvocation.class).value(),
                "whole forward-and-back pairs, so the plane never drifts, scored per sync");
        assertEquals(null, m.getAnnotation(Measurement.class), "one invocation a shot");
    }

    @Test
    void noProfileRunsTheWarmPartialSyncForIptables() {
        for (BenchProfile p : List.of(BenchProfile.QUICK, BenchProfile.FULL)) {
            boolean warm = false;
            boolean cold = false;
            for (BenchPass pass : p.passes()) {
                boolean runsWarm = "io.kpbench.bench.SyncBenchmark.partialSync".matches(".*(" + pass.include() + ").*");
                boolean runsCold = "io.kpbench.bench.SyncBenchmark.partialSyncCold"
                        .matches(".*(" + pass.include() + ").*");
                List<String> modes = pass.params().getOrDefault("mode", List.of("IPTABLES"));
                warm |= runsWarm;
                cold |= runsCold && modes.contains("IPTABLES");
                assertTrue(!runsWarm || !modes.contains("IPTABLES"), p + " " + pass);
            }
            assertTrue(warm && cold, p + ": the warm figure for four modes, the cold one with iptables");
        }
    }

    @Test
    void aColdPartialSyncShotIsOneForwardAndOneBackwardChangeScoredPerSync() throws NoSuchMethodException {
        Method m = method("partialSyncCold");
        int batch = m.getAnnotation(Measurement.class).batchSize();
        assertEquals(2, batch, "a step of the rolling update and its inverse, so the plane never drifts");
        assertEquals(batch, m.getAnnotation(Warmup.class).batchSize());
        assertEquals(batch, m.getAnnotation(OperationsPerInvocation.class).value());
        assertEquals(SyncBenchmark.ITERATIONS, m.getAnnotation(Measurement.class).iterations());
    }

    @Test
    void aFullSyncShotIsOneSyncOfTheFreshPlane() throws NoSuchMethodException {
        Method m = method("fullSync");
        assertEquals(null, m.getAnnotation(Measurement.class));
        assertEquals(null, m.getAnnotation(OperationsPerInvocation.class));
        assertEquals(1, SyncBenchmark.class.getAnnotation(Measurement.class).batchSize());
        assertEquals(1, SyncBenchmark.class.getAnnotation(Warmup.class).batchSize());
    }
}
