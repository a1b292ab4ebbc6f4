package io.kpbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.Options;

/** The JMH options a pass hands its forks. */
class JmhPassTest {
    private final Path runDir = Path.of("results", "run");

    @Test
    void everyForkGetsItsHeapFlagsAndTheRunFolderTogether() {
        BenchSettings quick = new BenchSettings(BenchProfile.QUICK, ".*", Map.of(), "none", Path.of("results"), "");
        BenchPass sweep = ProfilePasses.of(BenchProfile.QUICK).stream()
                .filter(p -> p.include().equals(ProfilePasses.SWEEP_INDEPENDENT)).findFirst().orElseThrow();
        List<String> args = forkArgs(JmhPass.options(quick, sweep, Map.of(), runDir, Path.of("x.json")).build());
        List<String> expected = new ArrayList<>(BenchMain.FORK_JVM_ARGS);
        expected.add("-Dkpbench.run.dir=" + runDir.toAbsolutePath());
        assertEquals(expected, args, "JMH keeps only the last jvmArgsAppend: the heap flags must not be lost");
    }

    @Test
    void thePairedForksGetTheirOwnLargerHeap() {
        BenchSettings quick = new BenchSettings(BenchProfile.QUICK, ".*", Map.of(), "none", Path.of("results"), "");
        BenchPass paired = ProfilePasses.of(BenchProfile.QUICK).get(0);
        List<String> args = forkArgs(JmhPass.options(quick, paired, Map.of(), runDir, Path.of("x.json")).build());
        assertTrue(args.containsAll(ProfilePasses.PAIRED_JVM_ARGS), args.toString());
        assertTrue(args.contains("-Dkpbench.run.dir=" + runDir.toAbsolutePath()), args.toString());
    }

    private static List<String> forkArgs(Options o) {
        return new ArrayList<>(o.getJvmArgsAppend().orElse(List.of()));
    }
}
