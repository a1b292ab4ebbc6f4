package io.kpbench.lab;

import java.util.Locale;

/**
 * One row of {@code kernel-lab.csv}: one back end, one cluster size, one target position; latencies in
 * microseconds, programming times in milliseconds, and the model's figures for the same packet.
 *
 * @param backend the kernel back end
 * @param services N
 * @param position first, middle or last in KUBE-SERVICES
 * @param rulesBefore KUBE-SERVICES rules before the target's
 * @param firstP50Us first-packet (TCP connect) p50: the median over rounds of the round p50s, the targets of a cell
 *     probed interleaved by one process ({@link InterleavedRounds})
 * @param firstP99Us first-packet p99
 * @param baselineP50Us first-packet p50 to the endpoint with an empty ruleset (measured the same way, before the
 *     load)
 * @param establishedP50Us request/reply p50 on a kept-alive connection
 * @param baselineEstablishedP50Us the same with an empty ruleset
 * @param loadMs time of the full load
 * @param partialMs time of a one-service partial update (median of {@link LabOptions#partials()}; NaN when not
 *     timed)
 * @param modelRules rules the model evaluated for this first packet
 * @param modelNs the model's nanoseconds per classify
 * @param firstRoundMinUs the lowest round p50 of the first-packet probe
 * @param firstRoundMaxUs the highest round p50
 * @param rounds the rounds the first-packet p50 is the median of
 */
public record LabRow(String backend, int services, String position, int rulesBefore, double firstP50Us,
        double firstP99Us, double baselineP50Us, double establishedP50Us, double baselineEstablishedP50Us,
        double loadMs, double partialMs, double modelRules, double modelNs, double firstRoundMinUs,
        double firstRoundMaxUs, int rounds) {
    /** The CSV header. */
    public static final String HEADER = "backend,services,position,rulesBefore,firstPacketP50Us,firstPacketP99Us,"
            + "baselineP50Us,addedP50Us,establishedP50Us,baselineEstablishedP50Us,loadMs,partialMs,"
            + "modelRulesEvaluated,modelNsPerClassify,firstPacketP50RoundMinUs,firstPacketP50RoundMaxUs,rounds";

    /** A row of one round, whose spread is its p50 (as the lab measured before probing in rounds). */
    public LabRow(String backend, int services, String position, int rulesBefore, double firstP50Us,
            double firstP99Us, double baselineP50Us, double establishedP50Us, double baselineEstablishedP50Us,
            double loadMs, double partialMs, double modelRules, double modelNs) {
        this(backend, services, position, rulesBefore, firstP50Us, firstP99Us, baselineP50Us, establishedP50Us,
                baselineEstablishedP50Us, loadMs, partialMs, modelRules, modelNs, firstP50Us, firstP50Us, 1);
    }

    /** First-packet p50 minus the empty-ruleset baseline. */
    public double addedP50Us() {
        return firstP50Us - baselineP50Us;
    }

    /**
     * The first packet as the calibration fits it: the lowest of the rounds' p50s (the p50 itself for a one-round
     * row). The targets of a round are probed interleaved, so a round is one short window of the machine; another
     * tenant's burst can only add time to it, and on this project's shared 2-vCPU machine it moved a cell's median
     * of rounds by up to 60% (the round p50s of one cell spread from 29 to 50 us), enough to tilt the fitted line
     * (held-out errors of 5 runs: see core/README.md, Kernel lab).
     */
    public double quietestP50Us() {
        return firstRoundMinUs;
    }

    /** The CSV line. */
    public String csv() {
        return String.format(Locale.ROOT,
                "%s,%d,%s,%d,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%.1f,%.1f,%.1f,%.1f,%.2f,%.2f,%d", backend, services,
                position, rulesBefore, firstP50Us, firstP99Us, baselineP50Us, addedP50Us(), establishedP50Us,
                baselineEstablishedP50Us, loadMs, partialMs, modelRules, modelNs, firstRoundMinUs,
                firstRoundMaxUs, rounds);
    }
}
