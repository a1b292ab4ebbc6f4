package io.kpbench.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.common.UserError;
import io.kpbench.proxy.ProxyMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrationTest {
    private static final int[] SIZES = {100, 1000, 5000, 10_000};
    private static final String[] POSITIONS = {"first", "middle", "last"};

    @TempDir
    Path dir;

    /** Lab rows whose first-packet p50 is {@code fixedNs + perRuleNs x rules} plus Gaussian noise of {@code sdNs}. */
    private static List<LabRow> synthetic(String backend, double fixedNs, double perRuleNs, double sdNs, long seed) {
        Random rnd = new Random(seed);
        List<LabRow> rows = new ArrayList<>();
        for (int n : SIZES) {
            int[] before = {0, (n - 1) / 2, n - 1};
            for (int i = 0; i < 3; i++) {
                double rules = backend.equals("nftables") ? 18 : 7 + before[i];
                double ns = fixedNs + perRuleNs * rules + sdNs * rnd.nextGaussian();
                rows.add(new LabRow(backend, n, POSITIONS[i], before[i], ns / 1000, 0, 0, Double.NaN, Double.NaN,
                        0, 0, rules, 0));
            }
        }
        return rows;
    }

    @Test
    void theFitRecoversKnownCoefficientsFromSyntheticData() {
        Calibration c = Calibration.fit("iptables-nft", synthetic("iptables-nft", 40_000, 12.5, 300, 1));
        assertEquals(40_000, c.fixedNs(), 400);
        assertEquals(12.5, c.perRuleNs(), 0.2);
        assertEquals(0.0, c.perLookupNs());
        assertTrue(c.r2() > 0.99, "r2 " + c.r2());
        assertEquals(12, c.n());
        assertEquals(List.of(100, 1000, 5000, 10_000), c.services());
        assertEquals(300, c.residualSdNs(), 150);
    }

    @Test
    void theFitTakesEachCellsQuietestRoundSoABusyWindowOfTheHostDoesNotTiltTheLine() {
        // the quietest round of every cell lies on 30 us + 3 ns/rule; the 5,000-service cells' medians sat in a
        // window 20 us slower, as in a real run of this machine
        List<LabRow> rows = new ArrayList<>();
        for (LabRow r : synthetic("iptables-nft", 30_000, 3, 0, 3)) {
            double median = r.firstP50Us() + (r.services() == 5000 ? 20 : 0.5);
            rows.add(new LabRow(r.backend(), r.services(), r.position(), r.rulesBefore(), median, 0, 0, Double.NaN,
                    Double.NaN, 0, 0, r.modelRules(), 0, r.firstP50Us(), median + 5, 7));
        }
        Calibration c = Calibration.fit("iptables-nft", rows);
        assertEquals(30_000, c.fixedNs(), 1e-6);
        assertEquals(3, c.perRuleNs(), 1e-9);
        Calibration.heldOut("iptables-nft", rows).forEach(h -> assertEquals(0, h.errorPct(), 1e-6, h.position()));
    }

    @Test
    void anExactLineIsRecoveredExactlyWithZeroResiduals() {
        Calibration c = Calibration.fit("iptables-legacy", synthetic("iptables-legacy", 30_000, 3, 0, 2));
        assertEquals(30_000, c.fixedNs(), 1e-6);
        assertEquals(3, c.perRuleNs(), 1e-9);
        c.residualsNs().forEach(r -> assertEquals(0, r, 0.01));
        assertEquals(30_000 + 3 * 50_006, c.predict(50_006).ns(), 1e-3);
    }

    @Test
    void theHeldOutBlockRefitsWithoutTheLargestSizeAndPredictsIt() {
        List<Calibration.HeldOut> h = Calibration.heldOut("iptables-nft", synthetic("iptables-nft", 40_000, 12, 0, 3));
        assertEquals(3, h.size());
        for (Calibration.HeldOut x : h) {
            assertEquals(10_000, x.heldOutN());
            assertEquals(List.of(100, 1000, 5000), x.fittedOn());
            assertEquals(0, x.errorPct(), 1e-6);
        }
        List<LabRow> bent = new ArrayList<>(synthetic("iptables-nft", 40_000, 12, 0, 3));
        bent.replaceAll(r -> r.services() == 10_000 && r.position().equals("last") ? new LabRow(r.backend(),
                r.services(), r.position(), r.rulesBefore(), 2 * r.firstP50Us(), 0, 0, 0, 0, 0, 0, r.modelRules(), 0)
                : r);
        Calibration.HeldOut last = Calibration.heldOut("iptables-nft", bent).get(2);
        assertEquals(-50, last.errorPct(), 1e-6);
    }

    @Test
    void flatCountsGiveAFlatCalibrationWithAnIntervalAroundTheMean() {
        Calibration c = Calibration.fit("nftables", synthetic("nftables", 45_000, 0, 1000, 4));
        assertNull(c.perRuleNs());
        assertNull(c.perLookupNs());
        assertTrue(Double.isNaN(c.r2()));
        Calibration.Prediction p = c.predict(18);
        assertEquals(45_000, p.ns(), 1000);
        assertTrue(p.lowNs() < p.ns() && p.ns() < p.highNs());
        assertEquals(p.ns(), c.predict(1e6).ns(), 1e-9);
    }

    @Test
    void thePredictionIntervalWidensAwayFromTheFittedCounts() {
        Calibration c = Calibration.fit("iptables-nft", synthetic("iptables-nft", 40_000, 12.5, 2000, 5));
        Calibration.Prediction near = c.predict(c.meanOps());
        Calibration.Prediction far = c.predict(50_006);
        assertTrue(far.highNs() - far.lowNs() > near.highNs() - near.lowNs());
        assertTrue(near.lowNs() < near.ns() && near.ns() < near.highNs());
    }

    @Test
    void theFileRoundTripsAndProjectsOnlyTheCalibratedModes() {
        List<LabRow> rows = new ArrayList<>(synthetic("iptables-nft", 40_000, 12.5, 300, 6));
        rows.addAll(synthetic("nftables", 45_000, 0, 500, 7));
        CalibrationFile f = new CalibrationFile("test machine", java.util.Map.of("kernel", "6.1"),
                "unavailable: no ip_vs module on this machine",
                List.of(Calibration.fit("iptables-nft", rows), Calibration.fit("nftables", rows)),
                java.util.Map.of("iptables-nft", Calibration.heldOut("iptables-nft", rows)));
        CalibrationFile back = CalibrationFile.read(f.write(dir));
        assertEquals("test machine", back.name());
        assertEquals(f.backend("iptables-nft").perRuleNs(), back.backend("iptables-nft").perRuleNs(), 0.01);
        assertEquals(3, back.heldOut().get("iptables-nft").size());
        assertEquals(f.backend("iptables-nft").predict(15_006).highNs(),
                back.backend("iptables-nft").predict(15_006).highNs(), 1);
        assertNull(Projection.noProjection(ProxyMode.IPTABLES, back));
        assertTrue(Projection.noProjection(ProxyMode.IPVS, back).contains("ip_vs"));
        assertTrue(Projection.noProjection(ProxyMode.EBPF, back).startsWith("no calibration"));
    }

    @Test
    void projectionsUseTheModelsCountsForTheAverageTarget() {
        assertEquals(7 + 49, Projection.averageCount(ProxyMode.IPTABLES, 100), 0.5);
        assertEquals(7 + 14_999, Projection.averageCount(ProxyMode.IPTABLES, 30_000), 0.5);
        assertEquals(Projection.averageCount(ProxyMode.NFTABLES, 100),
                Projection.averageCount(ProxyMode.NFTABLES, 30_000));
    }

    @Test
    void aMissingOrMalformedCalibrationFileIsOneLineNamingIt() throws Exception {
        UserError missing = assertThrows(UserError.class, () -> CalibrationFile.read(dir.resolve("none.json")));
        assertTrue(missing.getMessage().contains("none.json"));
        Files.writeString(dir.resolve("bad.json"), "{\"backends\": 3}");
        UserError bad = assertThrows(UserError.class, () -> CalibrationFile.read(dir.resolve("bad.json")));
        assertTrue(bad.getMessage().contains("not a calibration file"), bad.getMessage());
    }

    @Test
    void theHostUnchangedCheckStillGuardsTheLab() {
        HostRules before = new HostRules("## iptables-nft-save\n*nat\nCOMMIT\n");
        before.checkUnchangedSince(before);
        LabException e = assertThrows(LabException.class, () -> new HostRules(
                "## iptables-nft-save\n*nat\n-A KUBE-SERVICES -j DROP\nCOMMIT\n").checkUnchangedSince(before));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }
}
