package io.kpbench.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.ClusterSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

/** kube-proxy's batching ({@code BoundedFrequencyRunner}, v1.34) on the virtual clock, with fake sync costs. */
class KubeProxyLoopTest {
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;

    private static KubeProxyLoop loop(SyncTarget target, long minSyncMillis) {
        return new KubeProxyLoop(target, ClusterSnapshot.empty(), minSyncMillis * MS,
                KubeProxyLoop.FULL_SYNC_PERIOD_NANOS, false);
    }

    @Test
    void aChangeWhileIdleSyncsAtOnce() {
        FakeSync fake = FakeSync.taking(10);
        LoopResult r = loop(fake, 1000).runFor(new ScriptedChanges(2000), 5 * SECOND);
        assertEquals(List.of(1), fake.batchSizes);
        assertEquals(10.0, r.maxLatencyMillis(), 0.1);
    }

    @Test
    void twoChangesInsideMinSyncPeriodGiveOneSync() {
        FakeSync fake = FakeSync.taking(10);
        // the first change syncs at once (0..10 ms); the next two arrive in its 1 s cooldown and share one sync
        LoopResult r = loop(fake, 1000).runFor(new ScriptedChanges(0, 300, 600), 5 * SECOND);
        assertEquals(List.of(1, 2), fake.batchSizes);
        assertEquals(2, r.syncs());
        // the 300 ms change waits for the cooldown to end at 1010 ms, then for its 10 ms sync
        assertEquals(1020 - 300, r.maxLatencyMillis(), 1.0);
    }

    @Test
    void changesFurtherApartThanMinSyncPeriodGiveOneSyncEach() {
        FakeSync fake = FakeSync.taking(10);
        loop(fake, 1000).runFor(new ScriptedChanges(0, 1500, 3000), 5 * SECOND);
        assertEquals(List.of(1, 1, 1), fake.batchSizes);
    }

    @Test
    void aChangeDuringASyncGivesExactlyOneMoreSync() {
        FakeSync fake = FakeSync.taking(500);
        // minSyncPeriod 0: the changes at 100 and 200 ms arrive during the 0..500 ms sync
        LoopResult r = loop(fake, 0).runFor(new ScriptedChanges(0, 100, 200), 5 * SECOND);
        assertEquals(List.of(1, 2), fake.batchSizes);
        assertEquals(1000 - 100, r.maxLatencyMillis(), 1.0);
    }

    @Test
    void aChangeDuringASyncWaitsForTheCooldownAfterIt() {
        FakeSync fake = FakeSync.taking(500);
        LoopResult r = loop(fake, 1000).runFor(new ScriptedChanges(0, 100), 5 * SECOND);
        assertEquals(List.of(1, 1), fake.batchSizes);
        // sync 0..500 ms, cooldown to 1500 ms, sync to 2000 ms
        assertEquals(2000 - 100, r.maxLatencyMillis(), 1.0);
    }

    @Test
    void anHourWithoutChangesRunsTheFullResync() {
        FakeSync fake = FakeSync.taking(10);
        LoopResult r = loop(fake, 1000).runFor(new ScriptedChanges(), 2 * KubeProxyLoop.FULL_SYNC_PERIOD_NANOS);
        assertEquals(List.of(-1, -1), fake.batchSizes);
        assertEquals(2, r.fullSyncs());
    }

    @Test
    void syncCpuShareIsSyncTimeOverSimulatedTime() {
        FakeSync fake = FakeSync.taking(100);
        LoopResult r = loop(fake, 1000).runFor(new ScriptedChanges(1000, 3000, 5000, 7000, 9000), 10 * SECOND);
        assertEquals(5, r.syncs());
        assertEquals(0.5 / 10, r.syncCpuShare(), 1e-9);
        assertEquals(5 / 10.0, r.syncsPerSecond(), 1e-9);
    }

    @Test
    void aModeThatCannotKeepUpFallsBehindAndItsLatencyGrowsWithTheRunLength() {
        // 15 ms per change at 100 changes/s: a batch costs 1.5 x the time it gathered over, so each sync is longer
        // than the last and the backlog grows with the run instead of settling
        LoopResult shortRun = loop(new FakeSync(MS, 15 * MS), 1000).runFor(ScriptedChanges.every(10, 20_000),
                20 * SECOND);
        LoopResult longRun = loop(new FakeSync(MS, 15 * MS), 1000).runFor(ScriptedChanges.every(10, 60_000),
                60 * SECOND);
        assertTrue(longRun.latencyMillis(50) > 2 * shortRun.latencyMillis(50),
                longRun.latencyMillis(50) + " vs " + shortRun.latencyMillis(50));
        assertTrue(longRun.maxLatencyMillis() > 2 * shortRun.maxLatencyMillis());
        assertTrue(longRun.syncCpuShare() > 0.9, "it syncs all the time: " + longRun.syncCpuShare());
        assertTrue(longRun.fellBehind());
        assertTrue(shortRun.fellBehind());
    }

    @Test
    void aModeThatKeepsUpHasALatencyThatDoesNotGrowWithTheRunLength() {
        LoopResult shortRun = loop(new FakeSync(MS, 10_000), 1000).runFor(ScriptedChanges.every(10, 20_000),
                20 * SECOND);
        LoopResult longRun = loop(new FakeSync(MS, 10_000), 1000).runFor(ScriptedChanges.every(10, 60_000),
                60 * SECOND);
        assertEquals(shortRun.maxLatencyMillis(), longRun.maxLatencyMillis(), 5.0);
        assertTrue(longRun.maxLatencyMillis() < 1010, "within one cooldown and one sync");
        assertFalse(longRun.fellBehind());
    }

    @Test
    void aSecondWindowCarriesOnFromTheFirst() {
        FakeSync fake = FakeSync.taking(10);
        KubeProxyLoop l = loop(fake, 1000);
        ScriptedChanges source = new ScriptedChanges(500, 1500);
        LoopResult first = l.runFor(source, SECOND);
        LoopResult second = l.runFor(source, SECOND);
        assertEquals(1, first.changes());
        assertEquals(1, second.changes(), "the 1500 ms change is the second window's");
        assertEquals(2 * SECOND, l.nowNanos());
    }

    @Test
    void aWindowsLastSyncCarriesEveryChangeThatArrivedByItsStartAsOneContinuousRunWould() {
        FakeSync fake = FakeSync.taking(10);
        KubeProxyLoop l = loop(fake, 1000);
        // window 0..300 ms: 100 syncs at once (to 110 ms); 200 waits for the cooldown, to 1110 ms; 700 arrives
        // after the window but before that sync starts, so it rides along
        LoopResult first = l.runFor(new ScriptedChanges(100, 200, 700, 1500), 300 * MS);
        assertEquals(List.of(1, 2), fake.batchSizes);
        assertEquals(3, first.changes());
        assertEquals(1120 - 200, first.maxLatencyMillis(), 1.0);
        assertEquals(1120 * MS, l.nowNanos(), "the window ends with its last sync");
    }

    @Test
    void backToBackSyncsOfASteadyCostHaveNotFallenBehind() {
        // minSyncPeriod 0 and a 500 ms sync whatever the batch: always syncing, but the latency settles
        LoopResult r = loop(FakeSync.taking(500), 0).runFor(ScriptedChanges.every(10, 30_000), 30 * SECOND);
        assertTrue(r.syncCpuShare() > 0.9);
        assertFalse(r.fellBehind());
        assertTrue(r.maxLatencyMillis() <= 1000 + 1, "one sync waited out and its own: " + r.maxLatencyMillis());
    }

    @Test
    void aMinSyncPeriodAboveTheFullSyncPeriodIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new KubeProxyLoop(FakeSync.taking(1), ClusterSnapshot.empty(), 2 * SECOND, SECOND, false));
    }
}
