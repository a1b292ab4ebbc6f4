package io.kpbench.control;

import io.kpbench.cluster.ChangeSet;
import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.ObjectRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * kube-proxy's sync loop on a virtual clock: changes arrive from a {@link ChangeSource}, are batched as
 * kube-proxy batches them, and each batch is synced by a {@link SyncTarget} whose cost (measured, for a real data
 * plane) advances the clock. Per change it records the network programming latency, from arrival to the end of
 * the sync that carried it, and checks the change's {@link Probe} before and after that sync.
 *
 * <p>The batching follows kube-proxy v1.34 ({@code pkg/proxy/runner/bounded_frequency_runner.go}, the
 * {@code BoundedFrequencyRunner} rewritten in kubernetes#131615, which replaced {@code pkg/util/async}'s
 * token-bucket runner and its burst of 2), as {@code pkg/proxy/iptables/proxier.go} {@code NewProxier} builds it:
 * {@code NewBoundedFrequencyRunner("sync-runner", proxier.syncProxyRules, minSyncPeriod, syncPeriod,
 * proxyutil.FullSyncPeriod)}, and the nftables proxier likewise. IPVS's proxier, in the releases read here,
 * passes {@code syncPeriod} (30 s) as the max interval: that periodic sync never arises at the experiment's rates
 * (one change a second or more), so one loop serves every mode, and the Cilium-style eBPF and the userspace modes
 * run under it too, so that the modes differ only in what a sync costs. The rules:
 * <ul>
 * <li>Every informer event calls {@code Proxier.Sync}, i.e. {@code BoundedFrequencyRunner.Run}, which posts to a
 * channel of capacity 1: however many changes arrive, at most one run is pending.</li>
 * <li>{@code Loop} runs {@code fn} ({@code syncProxyRules}) when a run is pending, one at a time; after it returns
 * it resets the min-interval timer and waits for it, so at least {@code minSyncPeriod} (default 1 s) separates the
 * end of one sync from the start of the next. A change while idle past that cooldown syncs at once; changes during
 * a sync or its cooldown are all carried by the one next sync, which starts when the cooldown ends.</li>
 * <li>The max-interval timer ({@code FullSyncPeriod}, 1 h), reset after every run, runs a sync after an hour with
 * no change.</li>
 * <li>{@code syncProxyRules} applies every change queued when it starts ({@code svcPortMap.Update},
 * {@code endpointsMap.Update}) and is a full sync when {@code time.Since(proxier.lastFullSync) >
 * proxyutil.FullSyncPeriod} (here: at least an hour since the start of the last full sync, as the virtual clock
 * has no sub-tick slack); otherwise it is partial. (Newer iptables proxiers also skip that hourly full sync in
 * {@code largeClusterMode}; no window here lasts an hour, so it does not arise.) Retries after a failed sync ({@code syncPeriod}, 30 s) do
 * not arise: a model sync does not fail.</li>
 * </ul>
 * The target is assumed fully synced with the starting cluster by a zero-length sync that ended one
 * {@code minSyncPeriod} before virtual time 0, so that a first change syncs at once. A window starts syncs only
 * for changes that arrive inside it, but each sync carries every change that has arrived by its start, as in one
 * continuous run; the window ends when its last sync does, and changes arriving after that start are left to the
 * next window.
 */
public final class KubeProxyLoop {
    /** kube-proxy's default {@code minSyncPeriod}: 1 s. */
    public static final long DEFAULT_MIN_SYNC_PERIOD_NANOS = 1_000_000_000L;
    /** kube-proxy's {@code proxyutil.FullSyncPeriod}: 1 h. */
    public static final long FULL_SYNC_PERIOD_NANOS = 3_600_000_000_000L;

    private final SyncTarget target;
    private final long minSyncPeriod;
    private final long fullSyncPeriod;
    private final boolean verify;
    private ClusterSnapshot cluster;
    private long lastSyncEnd;
    private long lastFullSync;
    private long clock;
    private TimedChange lookahead;

    /**
     * A loop over {@code target}, which holds {@code cluster} now.
     *
     * @param verify whether to check each change's probe before and after its sync (a real data plane)
     * @throws IllegalArgumentException when {@code minSyncPeriodNanos} is negative or above
     *     {@code fullSyncPeriodNanos}, as {@code NewBoundedFrequencyRunner} refuses it
     */
    public KubeProxyLoop(SyncTarget target, ClusterSnapshot cluster, long minSyncPeriodNanos,
            long fullSyncPeriodNanos, boolean verify) {
        if (minSyncPeriodNanos < 0 || fullSyncPeriodNanos <= 0 || fullSyncPeriodNanos < minSyncPeriodNanos) {
            throw new IllegalArgumentException("need 0 <= minSyncPeriod <= fullSyncPeriod, got "
                    + minSyncPeriodNanos + " ns and " + fullSyncPeriodNanos + " ns");
        }
        this.target = target;
        this.cluster = cluster;
        this.minSyncPeriod = minSyncPeriodNanos;
        this.fullSyncPeriod = fullSyncPeriodNanos;
        this.verify = verify;
        this.lastSyncEnd = -minSyncPeriodNanos;
        this.lastFullSync = lastSyncEnd;
    }

    /** The cluster as the target holds it now (after every carried change). */
    public ClusterSnapshot cluster() {
        return cluster;
    }

    /** The virtual clock: the end of the last window. */
    public long nowNanos() {
        return clock;
    }

    /**
     * Runs one window of {@code durationNanos} of arrivals from the end of the previous one: every change arriving
     * in it is synced, the last possibly after the window's end.
     */
    public LoopResult runFor(ChangeSource source, long durationNanos) {
        long from = clock;
        long until = from + durationNanos;
        Window w = new Window(from + durationNanos / 2);
        while (true) {
            TimedChange first = peek(source);
            long periodic = lastSyncEnd + fullSyncPeriod;
            long start;
            if (first.atNanos() < until) {
                start = Math.min(Math.max(first.atNanos(), lastSyncEnd + minSyncPeriod), periodic);
            } else if (periodic < until) {
                start = periodic;
            } else {
                break;
            }
            List<TimedChange> batch = new ArrayList<>();
            while (peek(source).atNanos() <= start) {
                batch.add(lookahead);
                lookahead = null;
            }
            sync(batch, start, w);
        }
        clock = Math.max(until, lastSyncEnd);
        return w.result(clock - from);
    }

    private TimedChange peek(ChangeSource source) {
        if (lookahead == null) {
            lookahead = source.next();
        }
        return lookahead;
    }

    /** One {@code syncProxyRules}: applies the batch, measures the target's sync, records and checks. */
    private void sync(List<TimedChange> batch, long start, Window w) {
        boolean full = start - lastFullSync >= fullSyncPeriod;
        List<ChangeSet.Change> all = new ArrayList<>();
        for (TimedChange c : batch) {
            all.addAll(c.changes());
        }
        ChangeSet changes = new ChangeSet(all);
        ClusterSnapshot after = changes.isEmpty() ? cluster : cluster.apply(changes);
        List<TimedChange> checked = verify ? observable(batch, w) : List.of();
        for (TimedChange c : checked) {
            if (target.holds(c.probe())) {
                w.fail("before the sync that carried it at " + start + " ns, " + c.probe() + " already");
            }
        }
        long d = full ? target.fullSync(after) : target.partialSync(after, changes);
        long end = start + d;
        for (TimedChange c : batch) {
            w.record(c.atNanos(), end - c.atNanos());
        }
        for (TimedChange c : checked) {
            if (target.holds(c.probe())) {
                w.verified++;
            } else {
                w.fail("after the sync that carried it, ending at " + end + " ns, not: " + c.probe());
            }
        }
        cluster = after;
        lastSyncEnd = end;
        if (full) {
            lastFullSync = start;
            w.fullSyncs++;
        }
        w.changes += batch.size();
        w.syncs++;
        w.syncNanos += d;
        w.maxSyncNanos = Math.max(w.maxSyncNanos, d);
    }

    /** The changes of {@code batch} whose probe is observable: the only change to their service in the batch. */
    private static List<TimedChange> observable(List<TimedChange> batch, Window w) {
        Map<ObjectRef, Integer> perService = new HashMap<>();
        for (TimedChange c : batch) {
            perService.merge(c.service(), 1, Integer::sum);
        }
        List<TimedChange> out = new ArrayList<>();
        for (TimedChange c : batch) {
            if (c.probe() != null && perService.get(c.service()) == 1) {
                out.add(c);
            } else {
                w.unverified++;
            }
        }
        return out;
    }

    /** The counters of one window. */
    private static final class Window {
        final Histogram latencies = new Histogram(3);
        final long half;
        final long[] halfSums = new long[2];
        final long[] halfCounts = new long[2];
        long changes;
        long syncs;
        long fullSyncs;
        long syncNanos;
        long maxSyncNanos;
        long verified;
        long unverified;
        long failures;
        String firstFailure;

        Window(long half) {
            this.half = half;
        }

        void record(long at, long latency) {
            latencies.recordValue(latency);
            int h = at < half ? 0 : 1;
            halfSums[h] += latency;
            halfCounts[h]++;
        }

        long mean(int h) {
            return halfCounts[h] == 0 ? 0 : halfSums[h] / halfCounts[h];
        }

        void fail(String what) {
            failures++;
            if (firstFailure == null) {
                firstFailure = what;
            }
        }

        LoopResult result(long simulatedNanos) {
            return new LoopResult(latencies, changes, syncs, fullSyncs, syncNanos, maxSyncNanos, simulatedNanos,
                    mean(0), mean(1), verified, unverified, failures, firstFailure);
        }
    }
}
