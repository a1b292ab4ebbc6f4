package io.kpbench.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterleavedRoundsTest {
    /** HdrHistogram at three significant digits reports a value within 0.1% of the recorded one. */
    private static void assertNear(long expectedNs, long actualNs) {
        assertEquals(expectedNs, actualNs, expectedNs / 1000.0 + 1, "ns");
    }

    /** Records {@code perRound} connects of {@code ns[r]} in each round r of target {@code t}, rounds interleaved. */
    private static void fill(InterleavedRounds ir, int t, long[] ns, int perRound) {
        for (int i = 0; i < perRound; i++) {
            for (int r = 0; r < ns.length; r++) {
                ir.record(t, r, ns[r] + i % 3);
            }
        }
    }

    @Test
    void aTargetsP50IsTheMedianOfItsRoundP50sWithTheirSpread() {
        InterleavedRounds ir = new InterleavedRounds(1, 5);
        fill(ir, 0, new long[] {50_000, 30_000, 90_000, 20_000, 40_000}, 101);
        InterleavedRounds.Summary s = ir.summary(0);
        assertNear(40_000, s.p50Ns());
        assertNear(20_000, s.roundMinNs());
        assertNear(90_000, s.roundMaxNs());
        assertEquals(5, s.rounds());
        assertEquals(505, s.count());
    }

    @Test
    void oneSlowRoundMovesTheMedianOfRoundsLessThanThePooledP50() {
        InterleavedRounds ir = new InterleavedRounds(1, 3);
        // two quiet rounds at 40 us and one disturbed round whose connects all took 200 us, but three times as many
        for (int i = 0; i < 300; i++) {
            ir.record(0, 0, 200_000);
            if (i < 100) {
                ir.record(0, 1, 40_000);
                ir.record(0, 2, 41_000);
            }
        }
        assertNear(41_000, ir.summary(0).p50Ns());
        assertNear(200_000, ir.all(0).getValueAtPercentile(50));
    }

    @Test
    void anEvenNumberOfRoundsTakesTheMeanOfTheTwoMiddleRounds() {
        InterleavedRounds ir = new InterleavedRounds(1, 4);
        fill(ir, 0, new long[] {10_000, 40_000, 20_000, 30_000}, 11);
        assertNear(25_000, ir.summary(0).p50Ns());
    }

    @Test
    void targetsAreSummarisedApartFromEachOther() {
        InterleavedRounds ir = new InterleavedRounds(3, 3);
        fill(ir, 0, new long[] {40_000, 41_000, 42_000}, 50);
        fill(ir, 1, new long[] {90_000, 91_000, 92_000}, 50);
        fill(ir, 2, new long[] {150_000, 151_000, 152_000}, 50);
        assertEquals(List.of(41_000L, 91_000L, 151_000L), Arrays.stream(new int[] {0, 1, 2})
                .mapToObj(t -> ir.summary(t).p50Ns() / 1000 * 1000).toList());
        assertEquals(150, ir.summary(1).count());
    }

    @Test
    void theProbersLineRoundTripsAndAnOlderFourFieldLineIsOneRound() {
        InterleavedRounds.Summary s = new InterleavedRounds.Summary(41_000, 300_000, 45_000, 3500, 39_000, 44_000, 7);
        assertEquals(s, InterleavedRounds.Summary.parse(s.line()));
        InterleavedRounds.Summary old = InterleavedRounds.Summary.parse("41000 300000 45000 1000\n");
        assertEquals(new InterleavedRounds.Summary(41_000, 300_000, 45_000, 1000, 41_000, 41_000, 1), old);
    }

    @Test
    void noTargetsOrNoRoundsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new InterleavedRounds(0, 7));
        assertThrows(IllegalArgumentException.class, () -> new InterleavedRounds(3, 0));
    }

    @Test
    void theCsvKeepsItsColumnsAndAppendsTheRoundSpreadAtTheEnd() {
        String before = "backend,services,position,rulesBefore,firstPacketP50Us,firstPacketP99Us,baselineP50Us,"
                + "addedP50Us,establishedP50Us,baselineEstablishedP50Us,loadMs,partialMs,modelRulesEvaluated,"
                + "modelNsPerClassify";
        assertTrue(LabRow.HEADER.startsWith(before + ","), LabRow.HEADER);
        assertEquals(",firstPacketP50RoundMinUs,firstPacketP50RoundMaxUs,rounds",
                LabRow.HEADER.substring(before.length()));
        LabRow r = new LabRow("iptables-nft", 10_000, "last", 9999, 180.5, 400, 40, Double.NaN, Double.NaN, 1500,
                Double.NaN, 10_006, 12_000, 171.25, 190.75, 7);
        String[] f = r.csv().split(",");
        assertEquals(LabRow.HEADER.split(",").length, f.length);
        assertEquals(List.of("180.50", "140.50"), List.of(f[4], f[7]));
        assertEquals(List.of("171.25", "190.75", "7"), List.of(f[14], f[15], f[16]));
        LabRow oneRound = new LabRow("iptables-nft", 100, "first", 0, 35.5, 400, 40, Double.NaN, Double.NaN, 40,
                Double.NaN, 7, 300);
        assertEquals(List.of("35.50", "35.50", "1"), List.of(oneRound.csv().split(",")).subList(14, 17));
    }
}
