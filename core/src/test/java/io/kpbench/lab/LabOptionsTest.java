package io.kpbench.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabOptionsTest {
    @Test
    void theDefaultsProbeInSevenRoundsAndEvictTwiceTheCoresPrivateCache() {
        LabOptions o = new LabOptions(List.of(100), List.of(KernelBackend.IPTABLES_NFT), Path.of("x"), 3500, 0, 0);
        assertEquals(7, o.rounds());
        assertEquals(500, o.connectsPerRound());
        assertEquals(2 * LabOptions.privateCacheBytes(), o.evictBytes());
        assertTrue(LabOptions.privateCacheBytes() >= 64 * 1024, "a private cache of " + LabOptions.privateCacheBytes());
    }

    @Test
    void fewerConnectsThanRoundsStillProbeOncePerRound() {
        LabOptions o = new LabOptions(List.of(100), List.of(KernelBackend.IPTABLES_NFT), Path.of("x"), 3, 0, 0, 7, 0);
        assertEquals(1, o.connectsPerRound());
    }

    @Test
    void noRoundsOrANegativeEvictionIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LabOptions(List.of(100), List.of(), Path.of("x"), 10,
                0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new LabOptions(List.of(100), List.of(), Path.of("x"), 10,
                0, 0, 7, -1));
    }
}
