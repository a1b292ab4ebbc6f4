package io.kpbench.proxy.quality;

import io.kpbench.proxy.ebpf.maglev.MaglevTable;
import java.util.Locale;

/**
 * A quick measurement (not JMH) of {@link MaglevTable#build} time: best of {@code runs} after warm-up, with
 * {@code System.nanoTime}. Reference: Envoy builds its Maglev table (M = 65537) for 100 hosts in about 2.1 ms.
 */
public final class MaglevBuildTimer {
    private MaglevBuildTimer() {
    }

    /** The best build time in nanoseconds for {@code n} backends and table size {@code m} (any prime). */
    public static long bestNanos(int n, int m, int warmup, int runs) {
        String[] names = new String[n];
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            names[i] = QualityCluster.endpoint(i).withPort(8080) + "/TCP";
            ids[i] = i + 1;
        }
        long sink = 0;
        for (int i = 0; i < warmup; i++) {
            sink += MaglevTable.build(names, ids, m, i).entry(0);
        }
        long best = Long.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            sink += MaglevTable.build(names, ids, m, i).entry(0);
            best = Math.min(best, System.nanoTime() - t0);
        }
        if (sink == Long.MIN_VALUE) {
            throw new AssertionError();
        }
        return best;
    }

    /** {@code [n [m]]} (default 100 backends, M = 65537): prints the best of 50 builds after 200 warm-ups. */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int m = args.length > 1 ? Integer.parseInt(args[1]) : 65537;
        long ns = bestNanos(n, m, 200, 50);
        System.out.printf(Locale.ROOT, "maglev build: N=%d M=%d best of 50: %.3f ms%n", n, m, ns / 1e6);
    }
}
