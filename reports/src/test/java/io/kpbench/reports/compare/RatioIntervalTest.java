package io.kpbench.reports.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.reports.read.Score;
import java.util.List;
import org.junit.jupiter.api.Test;

class RatioIntervalTest {
    @Test
    void withAConstantOldRunFiellerIsTheNewMeansIntervalScaled() {
        RatioInterval r = RatioInterval.fieller(List.of(10.0, 10.0, 10.0), List.of(19.0, 20.0, 21.0), 0.999);
        double half = 31.5991 / Math.sqrt(3);
        assertEquals(2.0, r.estimate(), 1e-12);
        assertEquals((20 - half) / 10, r.low(), 1e-4);
        assertEquals((20 + half) / 10, r.high(), 1e-4);
        assertEquals(RatioInterval.Basis.SAMPLES, r.basis());
    }

    @Test
    void anOldMeanIndistinguishableFromZeroGivesAnUnboundedInterval() {
        RatioInterval r = RatioInterval.fieller(List.of(1.0, -0.5, 2.0), List.of(5.0, 5.1, 4.9), 0.999);
        assertFalse(r.bounded());
        assertTrue(r.contains(1));
    }

    @Test
    void identicalSamplesGiveAPointInterval() {
        RatioInterval r = RatioInterval.fieller(List.of(4.0, 4.0), List.of(5.0, 5.0), 0.999);
        assertEquals(1.25, r.low());
        assertEquals(1.25, r.high());
    }

    @Test
    void withoutSamplesTheIntervalIsTheRatioOfTheJmhIntervalsEnds() {
        RatioInterval r = RatioInterval.of(new Score(100, 10, "ns/op"), List.of(), new Score(150, 15, "ns/op"),
                List.of(1.0, 2.0), 0.999);
        assertEquals(RatioInterval.Basis.JMH_ERROR, r.basis());
        assertEquals(135.0 / 110, r.low(), 1e-12);
        assertEquals(165.0 / 90, r.high(), 1e-12);
    }

    @Test
    void theErrorIntervalContainsOneExactlyWhenTheJmhIntervalsOverlap() {
        Score old = new Score(100, 10, "ns/op");
        assertTrue(RatioInterval.fromErrors(old, new Score(119, 9, "ns/op")).contains(1), "110 and 110 touch");
        assertFalse(RatioInterval.fromErrors(old, new Score(121, 10, "ns/op")).contains(1));
    }

    @Test
    void aMissingErrorGivesNoInterval() {
        RatioInterval r = RatioInterval.fromErrors(new Score(100, Double.NaN, "ns/op"), new Score(150, 1, "ns/op"));
        assertEquals(RatioInterval.Basis.NONE, r.basis());
        assertFalse(r.bounded());
    }
}
