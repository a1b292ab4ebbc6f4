package io.kpbench.reports.published;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.reports.Fixtures;
import io.kpbench.reports.read.CsvTable;
import io.kpbench.reports.read.ResultsReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShapePanelTest {
    @TempDir
    Path tmp;

    @Test
    void everyPublishedFigureCitesItsSourceAndMethod() {
        List<Map<String, String>> rows = PublishedFigures.firstPacket();
        assertEquals(12, rows.size());
        for (Map<String, String> r : rows) {
            assertEquals("kubernetes-blog-2025-02-28", r.get("source"));
            assertEquals("digitized", r.get("method"));
            assertTrue(CsvTable.num(r, "value") > 0);
        }
        assertTrue(PublishedFigures.claims().stream().anyMatch(c -> c.get("source").equals("KEP-3866")));
    }

    @Test
    void thePublishedIptablesCurveIsCloseToLinearInServices() {
        double ratio = PublishedFigures.value("IPTABLES", 30000, "p50") / PublishedFigures.value("IPTABLES", 5000, "p50");
        double exp = ShapePanel.exponent(ratio, 6);
        assertTrue(exp > 0.9 && exp < 1.05, "exponent " + exp);
    }

    @Test
    void theFixtureModelAgreesWithEveryPublishedShape() {
        List<ShapePanel.Row> rows = ShapePanel.rows(ResultsReader.read(Fixtures.source()));
        assertEquals(4, rows.size());
        rows.forEach(r -> assertEquals("agrees", r.verdict(), r.toString()));
        assertTrue(rows.get(0).published().startsWith("30k/5k = 5.8× at p50"), rows.get(0).published());
    }

    @Test
    void aRunWithoutFirstPacketResultsSaysNoData() throws IOException {
        Files.writeString(tmp.resolve("memory.csv"), "mode,services\nIPVS,1\n");
        ShapePanel.rows(ResultsReader.read(tmp)).forEach(r -> {
            assertEquals("no data", r.verdict());
            assertEquals("not measured", r.model());
        });
    }
}
