package io.kpbench.cluster.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manual scale check: 100,000 services with 10 endpoints each as multi-document YAML (about 290 MB, with
 * kubectl's {@code targetRef}s), loaded under surefire's {@code -Xmx2g}; prints the wall and CPU time and the peak
 * heap. Wall time depends on what else the machine runs; CPU time divided by the cores bounds it from below.
 * Run with {@code mvn -pl core test -Dtest=ManifestLoaderScaleTest -Dkpbench.scale=true}.
 */
@EnabledIfSystemProperty(named = "kpbench.scale", matches = "true")
class ManifestLoaderScaleTest {
    static final int SERVICES = Integer.getInteger("kpbench.scale.services", 100_000);
    static final int ENDPOINTS = Integer.getInteger("kpbench.scale.endpoints", 10);

    @TempDir
    Path tmp;

    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    @Test
    void aHundredThousandServicesWithTenEndpointsEachLoad() throws IOException {
        Path f = tmp.resolve("scale.yaml");
        try (Writer w = Files.newBufferedWriter(f)) {
            ManifestText.yaml(w, SERVICES, ENDPOINTS);
        }
        for (int run = 1; run <= 2; run++) {
            System.gc();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            long c0 = cpuNanos();
            long g0 = gcMillis();
            long t0 = System.nanoTime();
            LoadResult r = ManifestLoader.load(List.of(f.toString()), InputStream.nullInputStream(),
                    LoadOptions.defaults());
            long t1 = System.nanoTime();
            long cpu = cpuNanos() - c0;
            long gc = gcMillis() - g0;
            long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            System.gc();
            long retained = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            System.out.printf("scale run %d: %d MB of YAML, %d services, %d endpoints: %.2f s wall, %.2f s CPU"
                    + " (%.2f s in GC), heap peak (sum of pool peaks) %d MiB, retained after GC %d MiB, %d cores,"
                    + " load average %.1f%n", run, Files.size(f) >> 20, r.snapshot().services().size(),
                    (long) SERVICES * ENDPOINTS, (t1 - t0) / 1e9, cpu / 1e9, gc / 1e3, peak >> 20, retained >> 20,
                    Runtime.getRuntime().availableProcessors(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            assertEquals(SERVICES, r.snapshot().services().size());
            assertEquals(SERVICES, r.snapshot().slices().size());
        }
    }
}
