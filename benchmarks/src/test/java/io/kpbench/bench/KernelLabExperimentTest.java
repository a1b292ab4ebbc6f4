package io.kpbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelLabExperimentTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void aMissingToolOrNonRootSkipsWithOneLineAndTheRunStillSucceeds() throws Exception {
        String why = "kernel-lab skipped: missing root, nft (run as root after: apt-get install -y iptables "
                + "nftables iproute2)";
        assertTrue(KernelLabExperiment.run("on", BenchProfile.QUICK, dir, () -> why, out));
        assertEquals(List.of("kpbench bench: " + why), lines());
        assertEquals(why + "\n", Files.readString(dir.resolve(KernelLabExperiment.SKIPPED)));
        assertFalse(Files.exists(dir.resolve("kernel-lab.csv")));
        assertFalse(Files.exists(dir.resolve("calibration.json")));
    }

    @Test
    void benchKernelOffSkipsWithoutAskingTheMachine() throws Exception {
        assertTrue(KernelLabExperiment.run("off", BenchProfile.QUICK, dir,
                () -> fail("the preflight must not run when the lab is off"), out));
        assertEquals(List.of("kpbench bench: kernel lab off (-Dbench.kernel=off)"), lines());
        assertTrue(Files.exists(dir.resolve(KernelLabExperiment.SKIPPED)));
    }

    @Test
    void theSmokeProfileNeverRunsTheLab() throws Exception {
        assertTrue(KernelLabExperiment.run("on", BenchProfile.SMOKE, dir,
                () -> fail("the preflight must not run in the smoke profile"), out));
        assertEquals(1, lines().size());
    }

    @Test
    void anUnknownBenchKernelValueFailsWithOneLine() throws Exception {
        assertFalse(KernelLabExperiment.run("maybe", BenchProfile.QUICK, dir, () -> null, out));
        assertEquals(List.of("kpbench bench: -Dbench.kernel=maybe: unknown (valid: on, off)"), lines());
    }

    @Test
    void quickRunsFourSizesUpToTenThousandNftablesToFiveThousandAndFullAddsThirtyThousand() {
        assertEquals(List.of(100, 1000, 5000, 10_000), KernelLabExperiment.services(BenchProfile.QUICK));
        assertEquals(30_000, KernelLabExperiment.services(BenchProfile.FULL).get(4));
        assertEquals(List.of(100, 1000, 5000),
                KernelLabExperiment.services(BenchProfile.QUICK, io.kpbench.lab.KernelBackend.NFTABLES));
        assertEquals(KernelLabExperiment.services(BenchProfile.FULL),
                KernelLabExperiment.services(BenchProfile.FULL, io.kpbench.lab.KernelBackend.NFTABLES));
    }
}
