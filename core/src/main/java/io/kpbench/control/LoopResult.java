package io.kpbench.control;

import org.HdrHistogram.Histogram;

/**
 * What one window of a {@link KubeProxyLoop} run measured.
 *
 * @param latencyNanos per change, the network programming latency: from the change's arrival to the end of the
 *     sync that carried it, in virtual ns
 * @param changes changes carried
 * @param syncs syncs run (full ones included)
 * @param fullSyncs full syncs run (the proxier's hourly resync)
 * @param syncNanos the syncs' total duration (each measured, or modelled by a fake target)
 * @param maxSyncNanos the longest sync
 * @param simulatedNanos the window's length on the virtual clock, to the end of its last sync
 * @param earlyMeanNanos the mean latency of the changes that arrived in the first half of the window
 * @param lateMeanNanos the mean latency of the changes that arrived in the second half
 * @param verified changes whose packet check failed before their sync (where observable) and held after it
 * @param unverified changes with no observable check: no probe, or another change to the same service in the
 *     same batch
 * @param failures packet checks that held before the sync that carried their change, or failed after it
 * @param firstFailure the first failed check, in words, or null
 */
public record LoopResult(Histogram latencyNanos, long changes, long syncs, long fullSyncs, long syncNanos,
        long maxSyncNanos, long simulatedNanos, long earlyMeanNanos, long lateMeanNanos, long verified,
        long unverified, long failures, String firstFailure) {
    private static final double NANOS_PER_MS = 1e6;
    private static final double FELL_BEHIND_SHARE = 0.5;
    private static final double FELL_BEHIND_GROWTH = 1.5;

    /**
     * True when the syncs fell behind the stream: they took most of the time (a sync CPU share above 50%) and the
     * changes of the window's second half waited more than 1.5 times as long as those of its first, so the
     * latency grows with the run length and the percentiles hold for this window only.
     */
    public boolean fellBehind() {
        return syncCpuShare() > FELL_BEHIND_SHARE && lateMeanNanos > FELL_BEHIND_GROWTH * earlyMeanNanos;
    }

    /** Syncs per simulated second. */
    public double syncsPerSecond() {
        return simulatedNanos == 0 ? 0 : syncs * 1e9 / simulatedNanos;
    }

    /** The share of one core that syncing used: total sync time over the simulated time. */
    public double syncCpuShare() {
        return simulatedNanos == 0 ? 0 : (double) syncNanos / simulatedNanos;
    }

    /** The latency at {@code percentile}, in ms (0 when no change was carried). */
    public double latencyMillis(double percentile) {
        return latencyNanos.getTotalCount() == 0 ? 0 : latencyNanos.getValueAtPercentile(percentile) / NANOS_PER_MS;
    }

    /** The largest latency, in ms. */
    public double maxLatencyMillis() {
        return latencyNanos.getTotalCount() == 0 ? 0 : latencyNanos.getMaxValue() / NANOS_PER_MS;
    }
}
