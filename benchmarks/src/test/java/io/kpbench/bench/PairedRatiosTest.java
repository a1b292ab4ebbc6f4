package io.kpbench.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.ToDoubleBiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairedRatiosTest {
    private static final int ARMS = PairedArm.ALL.size();

    @TempDir
    Path tmp;

    @Test
    void forksWithKnownLogRatiosGiveTheKnownGeometricMeanAndTInterval() throws IOException {
        double[] forkLogOffsets = {-0.1, 0, 0.1};
        Path json = jmhJson(forkLogOffsets.length, 3, (fork, round) -> forkLogOffsets[fork], (fork, round) -> 1.0);
        PairedRatios.Ratio r = ratio(PairedRatios.analyse(json), "iptables", "nftables", "firstPacket.dependent");
        // log ratios ln 10 + {-0.1, 0, 0.1}: mean ln 10, s = 0.1, t(0.975, 2) = 4.302653
        double half = 4.302653 * 0.1 / Math.sqrt(3);
        assertEquals(3, r.estimate().forks());
        assertEquals(10.0, r.estimate().centre(), 1e-9);
        assertEquals(10.0 * Math.exp(-half), r.estimate().low(), 1e-5);
        assertEquals(10.0 * Math.exp(half), r.estimate().high(), 1e-5);
    }

    @Test
    void driftThatMovesBothMembersOfAPairLeavesTheirRatioUnchanged() throws IOException {
        SplittableRandom rng = new SplittableRandom(7);
        double[][] drift = new double[6][4];
        for (double[] f : drift) {
            for (int r = 0; r < f.length; r++) {
                f[r] = 0.5 + 2 * rng.nextDouble();
            }
        }
        Path json = jmhJson(6, 4, (fork, round) -> 0, (fork, round) -> drift[fork][round]);
        PairedRatios.Result res = PairedRatios.analyse(json);
        PairedRatios.Ratio r = ratio(res, "iptables", "nftables", "firstPacket.independent");
        assertEquals(10.0, r.estimate().centre(), 1e-9);
        assertEquals(10.0, r.estimate().low(), 1e-9);
        assertEquals(10.0, r.estimate().high(), 1e-9);
        PairedRatios.Arm nft = res.arms().stream().filter(a -> a.arm().equals("nftables")
                && a.benchmark().equals("firstPacket.independent")).findFirst().orElseThrow();
        assertTrue(nft.estimate().high() / nft.estimate().low() > 1.2,
                "the drift does show in the arm's own figure: " + nft.estimate());
        double[] floors = res.floors().get("services=10000");
        assertEquals(6, floors.length, "one harness floor per fork, for the gate's slowed verdict");
        for (int f = 0; f < 6; f++) {
            assertEquals(50 * PairedRatios.median(drift[f]), floors[f], 1e-9,
                    "a fork's floor is its baseline arm's median over rounds, drift included");
        }
    }

    @Test
    void thePartsOfOneScaleSpreadOverARunAreOneSampleOfForksInRunOrder() throws IOException {
        double[] offsets = {-0.1, 0, 0.1, -0.05, 0.05};
        String part1 = record("\"part\":\"1\",\"services\":\"10000\"", 3, 2, (f, r) -> offsets[f], (f, r) -> 1.0);
        String part2 = record("\"part\":\"2\",\"services\":\"10000\"", 2, 3, (f, r) -> offsets[3 + f],
                (f, r) -> 2.0);
        Path json = Files.writeString(tmp.resolve("jmh.json"), "[" + part1 + ",\n" + part2 + "]");
        PairedRatios.Result res = PairedRatios.analyse(json);
        PairedRatios.Ratio r = ratio(res, "iptables", "nftables", "firstPacket.independent");
        assertEquals("services=10000", r.params(), "the part is not a parameter of the figure");
        assertEquals(5, r.estimate().forks());
        // log ratios ln 10 + offsets: mean ln 10, s = sqrt(0.025 / 4), t(0.975, 4) = 2.776445
        double half = 2.776445 * Math.sqrt(0.025 / 4) / Math.sqrt(5);
        assertEquals(10.0, r.estimate().centre(), 1e-9);
        assertEquals(10.0 * Math.exp(-half), r.estimate().low(), 1e-5);
        assertEquals(10.0 * Math.exp(half), r.estimate().high(), 1e-5);
        double[] floors = res.floors().get("services=10000");
        assertArrayEquals(new double[] {50, 50, 50, 100, 100}, floors, 1e-9,
                "one floor per fork in run order: part 1's three forks, then part 2's two (their drift doubled)");
    }

    @Test
    void writesRatiosAndArmsCsvsWithTheirHeaders() throws IOException {
        Path json = jmhJson(2, 2, (fork, round) -> 0, (fork, round) -> 1.0);
        PairedRatios.write(json, tmp);
        List<String> ratios = Files.readAllLines(tmp.resolve("ratios.csv"));
        assertEquals(PairedRatios.RATIOS_HEADER, ratios.get(0));
        assertTrue(ratios.contains("iptables,nftables,firstPacket.independent,services=10000,2,10.0000,10.0000,10.0000"),
                String.join("\n", ratios));
        assertTrue(ratios.stream().anyMatch(l -> l.startsWith("nftables,established,firstPacket.dependent,")));
        assertFalse(ratios.stream().anyMatch(l -> l.startsWith("baseline,")), "the floor is an arm, not a ratio");
        List<String> arms = Files.readAllLines(tmp.resolve("arms.csv"));
        assertEquals(PairedRatios.ARMS_HEADER, arms.get(0));
        assertTrue(arms.contains("firstPacket.independent,services=10000,nftables,2,100.0000,100.0000,100.0000"),
                String.join("\n", arms));
    }

    @Test
    void aRoundWithoutTheArmIsReportedWithTheFileTheBenchmarkAndTheField() throws IOException {
        Path json = jmhJson(1, 2, (fork, round) -> 0, (fork, round) -> 1.0);
        String broken = Files.readString(json).replaceFirst("\"iptablesDependent\":\\{\"rawData\":\\[\\[[^]]*]]",
                "\"iptablesDependent\":{\"rawData\":[[" + "0,".repeat(2 * ARMS - 1) + "0]]");
        Files.writeString(json, broken);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PairedRatios.analyse(json));
        assertTrue(e.getMessage().startsWith(json + ": PairedFirstPacketBenchmark.classify services=10000: "
                + "secondaryMetrics.iptablesDependent.rawData: fork 1 round 1 has 0 measurements"), e.getMessage());
    }

    @Test
    void aJmhJsonWithoutPairedRecordsWritesNothing() throws IOException {
        Path json = Files.writeString(tmp.resolve("jmh.json"), "[]");
        assertTrue(PairedRatios.write(json, tmp).isEmpty());
        assertFalse(Files.exists(tmp.resolve("ratios.csv")));
    }

    private static PairedRatios.Ratio ratio(PairedRatios.Result r, String num, String den, String bench) {
        return r.ratios().stream().filter(x -> x.numerator().equals(num) && x.denominator().equals(den)
                && x.benchmark().equals(bench)).findFirst().orElseThrow();
    }

    /**
     * A jmh.json record of the paired benchmark as a run writes it: arms in a seeded order per round, each arm's
     * figure times its share in its own iteration and 0 elsewhere. Every arm's true ns/op is 100 (nftables), 1000
     * (iptables: ratio 10 times exp(logOffset)) or 50 (the rest), times the round's drift.
     */
    private Path jmhJson(int forks, int rounds, ToDoubleBiFunction<Integer, Integer> logOffset,
            ToDoubleBiFunction<Integer, Integer> drift) throws IOException {
        return Files.writeString(tmp.resolve("jmh.json"),
                "[" + record("\"services\":\"10000\"", forks, rounds, logOffset, drift) + "]");
    }

    /** One paired record with {@code params} (JSON members), as {@link #jmhJson} describes. */
    private static String record(String params, int forks, int rounds, ToDoubleBiFunction<Integer, Integer> logOffset,
            ToDoubleBiFunction<Integer, Integer> drift) {
        double share = 1.0 / rounds / forks;
        double[][][] raw = new double[ARMS][forks][rounds * ARMS];
        SplittableRandom rng = new SplittableRandom(3);
        for (int f = 0; f < forks; f++) {
            for (int r = 0; r < rounds; r++) {
                int[] order = PacketMix.permutation(ARMS, rng);
                for (int pos = 0; pos < ARMS; pos++) {
                    PairedArm a = PairedArm.ALL.get(order[pos]);
                    double ns = switch (a.plane()) {
                        case "nftables" -> 100;
                        case "iptables" -> 1000 * Math.exp(logOffset.applyAsDouble(f, r));
                        default -> 50;
                    };
                    raw[a.ordinal()][f][r * ARMS + pos] = ns * drift.applyAsDouble(f, r) * share;
                }
            }
        }
        StringBuilder sb = new StringBuilder("{\"benchmark\":\"" + PairedRatios.BENCHMARK + "\",\"mode\":\"avgt\","
                + "\"params\":{" + params + "},\"primaryMetric\":{\"score\":1},\"secondaryMetrics\":{");
        for (PairedArm a : PairedArm.ALL) {
            sb.append(a.ordinal() == 0 ? "" : ",").append('"').append(a.metric()).append("\":{\"rawData\":[");
            for (int f = 0; f < forks; f++) {
                sb.append(f == 0 ? "[" : ",[");
                for (int i = 0; i < raw[a.ordinal()][f].length; i++) {
                    sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.17g", raw[a.ordinal()][f][i]));
                }
                sb.append(']');
            }
            sb.append("]}");
        }
        sb.append("}}");
        return sb.toString();
    }
}
