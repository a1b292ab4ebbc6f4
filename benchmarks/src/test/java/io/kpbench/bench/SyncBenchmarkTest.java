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
    void aPartialSyncShotIsOneForwardAndOneBackwardChangeScoredPerSync() throws NoSuchMethodException {
        Method m = method("partialSync");
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
