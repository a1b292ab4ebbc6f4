package io.kpbench.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The cells of the {@link ProgrammingLatency} experiment a profile runs, per mode: services x minSyncPeriod x
 * change rate, each with the simulated time of its warm-up and measured windows.
 *
 * <p>Simulated durations are chosen so that the quick profile adds about a minute of wall time on 2 cores: the
 * wall time of a cell is about its sync time (syncCpuShare x simulated time) plus building the cluster, and the
 * dear cells are iptables at 10k services, whose every partial sync rewrites {@code KUBE-SERVICES} (about 0.5 s,
 * so about a third of each simulated second at minSyncPeriod 1 s), and eBPF and userspace, which recompile every
 * service on a service create or delete (about 0.3 s). Slower rates get longer windows so that each cell carries
 * tens of changes at least: 30 s at 1 change/s, 20 s at 10/s, 10 s at 100/s (quick); twice that in the full
 * profile; 4 s in the smoke profile.
 *
 * @param services the services counts (10 endpoints each)
 * @param changesPerSecond the change rates
 * @param minSyncMillis the minSyncPeriods, ms
 * @param scale the factor on the quick profile's window lengths
 */
record LatencyCells(List<Integer> services, List<Integer> changesPerSecond, List<Long> minSyncMillis, double scale) {
    /** Endpoints per service in every cell. */
    static final int ENDPOINTS = 10;
    /** The simulated warm-up before each cell's measured window, in seconds (scaled like the windows). */
    static final double WARMUP_SECONDS = 3;

    /** Copies the lists. */
    LatencyCells {
        services = List.copyOf(services);
        changesPerSecond = List.copyOf(changesPerSecond);
        minSyncMillis = List.copyOf(minSyncMillis);
    }

    /** The cells of {@code profile}. */
    static LatencyCells of(BenchProfile profile) {
        return switch (profile) {
            case SMOKE -> new LatencyCells(List.of(100), List.of(10), List.of(1000L), 0.2);
            case QUICK -> new LatencyCells(List.of(1000, 10_000), List.of(1, 10, 100), List.of(1000L), 1);
            case FULL -> new LatencyCells(List.of(1000, 10_000, 30_000), List.of(1, 10, 100),
                    List.of(0L, 1000L, 10_000L), 2);
        };
    }

    /** The measured window at {@code rate} changes/s, in simulated ns. */
    long windowNanos(int rate) {
        double seconds = rate <= 1 ? 30 : rate <= 10 ? 20 : 10;
        return (long) (seconds * scale * 1e9);
    }

    /** The warm-up window, in simulated ns. */
    long warmupNanos() {
        return (long) (WARMUP_SECONDS * Math.min(1, scale) * 1e9);
    }

    /** Every cell of one mode, in run order: services, then minSyncPeriod, then rate. */
    List<Cell> cells() {
        List<Cell> out = new ArrayList<>();
        for (int s : services) {
            for (long m : minSyncMillis) {
                for (int r : changesPerSecond) {
                    out.add(new Cell(s, r, m));
                }
            }
        }
        return out;
    }

    /**
     * One cell.
     *
     * @param services services of 10 endpoints
     * @param changesPerSecond the change rate
     * @param minSyncMillis kube-proxy's minSyncPeriod, ms
     */
    record Cell(int services, int changesPerSecond, long minSyncMillis) {
        /** The seed of this cell's change stream: the same for every mode. */
        long seed() {
            return BenchCluster.SEED * 1_000_003L + services * 31L + changesPerSecond * 7L + minSyncMillis;
        }

        /** The cell's name in file names: {@code <services>-<rate>-<minSyncMs>}. */
        String name() {
            return services + "svc-" + changesPerSecond + "cps-" + minSyncMillis + "ms";
        }
    }
}
