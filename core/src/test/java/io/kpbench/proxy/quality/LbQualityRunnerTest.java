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
    void writesTheReportsCsvsWithHeadersAndExpectedShapes(@TempDir Path dir) throws IOException {
        LbQualityRunner r = new LbQualityRunner(50_000, 7, new int[] {10, 100});
        r.runInto(dir);
        List<String> even = Files.readAllLines(dir.resolve(LbQualityRunner.EVENNESS_FILE));
        List<String> dis = Files.readAllLines(dir.resolve(LbQualityRunner.DISRUPTION_FILE));
        assertEquals(LbQualityRunner.EVENNESS_HEADER, even.get(0));
        assertEquals(LbQualityRunner.DISRUPTION_HEADER, dis.get(0));
        assertEquals(0.0, column(even, "round-robin,100,", 5), 1e-9, "round robin is perfectly even");
        double randomCv = column(even, "random,100,", 5);
        assertTrue(Math.abs(randomCv - Math.sqrt(100 / 50_000.0)) < 0.02, "random cv " + randomCv);
        double maglev = column(dis, "maglev,100,16381,remove,", 4);
        double modulo = column(dis, "modulo,100,0,remove,", 4);
        double random = column(dis, "random,100,0,remove,", 4);
        assertTrue(maglev < 0.04, "maglev moves about 1/N: " + maglev);
        assertTrue(modulo > 0.9 && random > 0.9, "modulo " + modulo + ", random " + random);
        assertTrue(column(dis, "maglev,10,251,add,", 4) < 0.2);
    }
}
