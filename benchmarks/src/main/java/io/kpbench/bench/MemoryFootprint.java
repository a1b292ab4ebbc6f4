package io.kpbench.bench;

import io.kpbench.proxy.DataPlane;
import io.kpbench.proxy.ProxyMode;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The heap each mode's data plane retains after a full sync, per scale, written to {@code memory.csv}
 * ({@code mode,services,endpoints,retainedBytes,bytesPerService,bytesPerEndpoint}); not a JMH benchmark.
 *
 * <p>Mechanism: heap used after forced full collections ({@link System#gc()} until the figure settles, under
 * the parallel collector), measured with the cluster snapshot already built and held, then again after
 * creating and fully syncing the data plane while it is still reachable; the difference is what the data plane
 * retains, including anything it keeps from the sync (rule text, name caches). Run in its own JVM with the
 * benchmark forks' collector and an 8 GiB heap by {@link Experiments}; {@code args}: output CSV, then scales as
 * {@code services x endpoints}, e.g. {@code 1000x10}.
 */
public final class MemoryFootprint {
    static final String HEADER = "mode,services,endpoints,retainedBytes,bytesPerService,bytesPerEndpoint";

    private MemoryFootprint() {
    }

    /** Measures every available mode at every scale in {@code args[1..]} and writes {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        List<String> rows = new ArrayList<>();
        for (int a = 1; a < args.length; a++) {
            String[] se = args[a].split("x");
            int services = Integer.parseInt(se[0]);
            int endpoints = Integer.parseInt(se[1]);
            BenchCluster c = BenchCluster.clusterIp(services, endpoints);
            for (ProxyMode mode : ProxyMode.values()) {
                if (!mode.available()) {
                    continue;
                }
                long retained = retained(c, mode);
                rows.add(String.format(Locale.ROOT, "%s,%d,%d,%d,%.1f,%.1f", mode.name(), services, endpoints,
                        retained, retained / (double) services, retained / ((double) services * endpoints)));
                System.out.println("memory: " + rows.get(rows.size() - 1));
            }
            Reference.reachabilityFence(c);
        }
        Path out = Path.of(args[0]);
        Path tmp = out.resolveSibling("." + out.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write(HEADER + "\n");
            for (String r : rows) {
                w.write(r + "\n");
            }
        }
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static long retained(BenchCluster c, ProxyMode mode) {
        long before = settledHeap();
        DataPlane dp = c.syncedDataPlane(mode);
        long after = settledHeap();
        Reference.reachabilityFence(dp);
        return Math.max(0, after - before);
    }

    /** Heap used after full collections, repeated until two readings agree within 1%. */
    private static long settledHeap() {
        MemoryMXBean mx = ManagementFactory.getMemoryMXBean();
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 8; i++) {
            System.gc();
            long used = mx.getHeapMemoryUsage().getUsed();
            if (Math.abs(used - last) <= used / 100) {
                return used;
            }
            last = used;
        }
        return last;
    }
}
