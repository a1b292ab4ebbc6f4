package io.kpbench.proxy.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LbQualityRunnerTest {

    private static double column(List<String> rows, String prefix, int col) {
        for (String r : rows) {
            if (r.startsWith(prefix)) {
                return Double.parseDouble(r.split(",", -1)[col]);
            }
        }
        throw new AssertionError("no row " + prefix + " in " + rows);
    }

    @Test
    void writesBothCsvsWithHeadersAndExpectedShapes(@TempDir Path dir) throws IOException {
        LbQualityRunner r = new LbQualityRunner(50_000, 7, new int[] {10, 100});
        r.runInto(dir);
        List<String> even = Files.readAllLines(dir.resolve("evenness.csv"));
        List<String> dis = Files.readAllLines(dir.resolve("disruption.csv"));
        assertEquals(LbQualityRunner.EVENNESS_HEADER, even.get(0));
        assertEquals(LbQualityRunner.DISRUPTION_HEADER, dis.get(0));
        assertEquals(0.0, column(even, "userspace-rr,100,", 6), 1e-9, "round robin is perfectly even");
        double randomCv = column(even, "ebpf-random,100,", 6);
        assertTrue(Math.abs(randomCv - Math.sqrt(100 / 50_000.0)) < 0.02, "random cv " + randomCv);
        double maglev = column(dis, "ebpf-maglev,100,16381,50000,remove-one,", 5);
        double modulo = column(dis, "modulo-hash,100,,50000,remove-one,", 5);
        double random = column(dis, "ebpf-random,100,,50000,remove-one,", 5);
        assertTrue(maglev < 0.04, "maglev moves about 1/N: " + maglev);
        assertTrue(modulo > 0.9 && random > 0.9, "modulo " + modulo + ", random " + random);
        assertTrue(column(dis, "ebpf-maglev,10,251,50000,add-one,", 5) < 0.2);
    }

    @Test
    void maglevBuildTimerMeasuresSomething() {
        assertTrue(MaglevBuildTimer.bestNanos(10, 251, 2, 3) > 0);
    }
}
