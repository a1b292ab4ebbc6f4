package io.kpbench.bench;

import java.util.SplittableRandom;

/**
 * The order in which {@link PairedFirstPacketBenchmark} measures its arms: rounds of one iteration per arm, each
 * round a fresh seeded permutation, so that every arm of a round is measured within a few hundred milliseconds of
 * every other (slow host drift cancels in their ratio) and no arm always follows the same neighbour (the
 * after-effects of one arm on caches and predictors land on every arm alike). Warmup and measurement iterations
 * keep separate positions; measurement iteration {@code i} belongs to round {@code i / arms}, which is how the
 * analysis ({@link PairedRatios}) finds the pairs in {@code jmh.json}.
 */
final class ArmRotation {
    private final int arms;
    private final SplittableRandom rng;
    private int[] warmup;
    private int[] round;
    private int warmupPos;
    private int measurementPos;

    /** A rotation over {@code arms} arms, seeded with {@code seed}. */
    ArmRotation(int arms, long seed) {
        if (arms < 2) {
            throw new IllegalArgumentException("a rotation needs two arms: " + arms);
        }
        this.arms = arms;
        this.rng = new SplittableRandom(seed);
    }

    /** The arm of the next warmup iteration: a fresh permutation every {@code arms} iterations. */
    int nextWarmup() {
        if (warmupPos % arms == 0) {
            warmup = PacketMix.permutation(arms, rng);
        }
        return warmup[warmupPos++ % arms];
    }

    /** The arm of the next measurement iteration: a fresh permutation every round. */
    int nextMeasurement() {
        if (measurementPos % arms == 0) {
            round = PacketMix.permutation(arms, rng);
        }
        return round[measurementPos++ % arms];
    }
}
