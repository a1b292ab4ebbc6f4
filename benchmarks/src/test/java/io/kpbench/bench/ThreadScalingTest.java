package io.kpbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.proxy.ProxyMode;
import org.junit.jupiter.api.Test;

class ThreadScalingTest {
    @Test
    void aSlowdownThatHitsBothWindowsOfARoundLeavesItsScalingUnchanged() {
        // the host's speed halves and doubles between rounds; within each round both windows see the same speed
        ThreadScaling.Windows w = new ThreadScaling.Windows(new double[] {100, 50, 200, 100},
                new double[] {190, 95, 380, 190});
        PairedRatios.Estimate e = PairedRatios.Estimate.of(w.ratios());
        assertEquals(1.9, e.centre(), 1e-9);
        assertEquals(1.9, e.low(), 1e-9);
        assertEquals(1.9, e.high(), 1e-9);
    }

    @Test
    void twoThreadsOnOneSharedDataPlaneClassifyMoreThanOneAndTheRowCarriesItsInterval() throws Exception {
        ThreadScaling.Row row = ThreadScaling.measure(ProxyMode.NFTABLES, 100, 4, 20);
        assertEquals(4, row.rounds());
        assertEquals(4, row.scaling().forks());
        assertTrue(row.onePerUs() > 0 && row.twoPerUs() > 0, row.csv());
        // two threads on two vCPUs: more than one thread's packets, and not the 4x of a window counted twice (20 ms
        // windows in a test JVM read up to about 2.4x: the JIT's threads take the idle vCPU in one-thread windows)
        assertTrue(row.scaling().centre() > 1.0 && row.scaling().centre() < 3.0, row.csv());
        assertTrue(row.scaling().low() <= row.scaling().centre() && row.scaling().centre() <= row.scaling().high());
        assertEquals(12, row.csv().split(",", -1).length, row.csv());
        assertTrue(row.csv().startsWith("nftables,100,4,20,"), row.csv());
    }
}
