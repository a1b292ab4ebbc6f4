package io.kpbench.lab;

import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * The first-packet latencies of several targets probed by one process, interleaved connect by connect in
 * repeated rounds, and their per-target summary: the median over rounds of each round's p50, with the spread of
 * the round p50s. Interleaving makes the targets of one cell share whatever the machine does meanwhile (another
 * process's build, a frequency step), so that their differences are the rules walked; the rounds show how far a
 * p50 moves within the cell. The method is Google benchmark's repetitions with a median aggregate
 * ({@code --benchmark_repetitions}), applied to the JMH samples' advice to compare alternatives close in time.
 */
final class InterleavedRounds {
    private final Histogram[][] rounds; // [target][round]
    private final Histogram[] all;

    /** Empty histograms for {@code targets} targets and {@code rounds} rounds. */
    InterleavedRounds(int targets, int rounds) {
        if (targets < 1 || rounds < 1) {
            throw new IllegalArgumentException("needs a target and a round, got " + targets + " and " + rounds);
        }
        this.rounds = new Histogram[targets][rounds];
        this.all = new Histogram[targets];
        for (int t = 0; t < targets; t++) {
            all[t] = new Histogram(60_000_000_000L, 3);
            for (int r = 0; r < rounds; r++) {
                this.rounds[t][r] = new Histogram(60_000_000_000L, 3);
            }
        }
    }

    /** Records one connect of {@code target} in {@code round}, {@code ns} nanoseconds. */
    void record(int target, int round, long ns) {
        rounds[target][round].recordValue(ns);
        all[target].recordValue(ns);
    }

    /** Every connect of {@code target}, all rounds together (for its p99 and its .hgrm). */
    Histogram all(int target) {
        return all[target];
    }

    /** The summary of {@code target}. */
    Summary summary(int target) {
        Histogram[] hs = rounds[target];
        long[] p50 = new long[hs.length];
        for (int r = 0; r < hs.length; r++) {
            p50[r] = hs[r].getValueAtPercentile(50);
        }
        Arrays.sort(p50);
        int m = p50.length / 2;
        long median = p50.length % 2 == 1 ? p50[m] : Math.round((p50[m - 1] + p50[m]) / 2.0);
        Histogram a = all[target];
        return new Summary(median, a.getValueAtPercentile(99), Math.round(a.getMean()), a.getTotalCount(), p50[0],
                p50[p50.length - 1], hs.length);
    }

    /**
     * One target's figures, in nanoseconds.
     *
     * @param p50Ns the median over rounds of the round p50s
     * @param p99Ns the p99 of all connects
     * @param meanNs the mean of all connects
     * @param count the connects recorded
     * @param roundMinNs the lowest round p50
     * @param roundMaxNs the highest round p50
     * @param rounds the number of rounds
     */
    record Summary(long p50Ns, long p99Ns, long meanNs, long count, long roundMinNs, long roundMaxNs, int rounds) {
        /** The prober's output line: the fields in the order of the record. */
        String line() {
            return p50Ns + " " + p99Ns + " " + meanNs + " " + count + " " + roundMinNs + " " + roundMaxNs + " "
                    + rounds;
        }

        /** Reads {@link #line()}; a line of the four older fields has one round spanning its p50. */
        static Summary parse(String line) {
            String[] f = line.strip().split(" ");
            long p50 = Long.parseLong(f[0]);
            if (f.length < 7) {
                return new Summary(p50, Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), p50, p50,
                        1);
            }
            return new Summary(p50, Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                    Long.parseLong(f[4]), Long.parseLong(f[5]), Integer.parseInt(f[6]));
        }
    }
}
