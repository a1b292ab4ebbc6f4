package io.kpbench.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kpbench.common.AtomicFile;
import io.kpbench.common.StudentT;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The paired figures of a run: from the per-arm secondaries of {@link PairedFirstPacketBenchmark} in
 * {@code jmh.json}, {@code ratios.csv} (every mode over nftables and over the established packet) and
 * {@code arms.csv} (every arm's ns/op), each with a 95% interval over forks.
 *
 * <p>The statistics, in order:
 * <ol>
 *   <li>Within a fork, measurement iteration {@code i} is round {@code i / arms} ({@link ArmRotation}); each arm
 *       has exactly one non-zero figure per round, its ns/op times the score share JMH's sum needs.</li>
 *   <li>A pair's ratio is taken within each round (its two arms were measured at most {@code arms} short
 *       iterations apart, so drift common to both cancels), and the fork's figure is the median over its rounds:
 *       one noisy iteration moves it little.</li>
 *   <li>Forks are the independent samples (each a JVM with its own placement and compilation). The reported
 *       figure is the geometric mean of the forks' medians, and the interval is Student's t on their logarithms:
 *       {@code exp(mean ± t(0.975, n-1) s / sqrt(n))}. JMH's own iteration error is never used: iterations within
 *       one fork are not independent samples of what a second run would see. A profile may spread a scale's
 *       forks over the run in parts ({@link PairedFirstPacketBenchmark.Planes#part}, one JMH record each); the
 *       parts' forks are joined, in run order, into the scale's one sample.</li>
 * </ol>
 */
final class PairedRatios {
    /** The benchmark whose records this reads. */
    static final String BENCHMARK = PairedFirstPacketBenchmark.class.getName() + ".classify";
    static final String RATIOS_HEADER = "numerator,denominator,benchmark,params,forks,median,ci95Low,ci95High";
    static final String ARMS_HEADER = "benchmark,params,arm,forks,nsPerOp,ci95Low,ci95High";
    /** The parameter that numbers a part of a scale's forks; the parts of one scale are one sample of forks. */
    static final String PART = "part";

    /** A figure over forks: geometric mean and 95% interval ({@code NaN} bounds with fewer than two forks). */
    record Estimate(int forks, double centre, double low, double high) {
        /** The estimate of {@code perFork} (positive values). */
        static Estimate of(double[] perFork) {
            int n = perFork.length;
            double[] logs = Arrays.stream(perFork).map(Math::log).toArray();
            double mean = Arrays.stream(logs).average().orElse(Double.NaN);
            if (n < 2) {
                return new Estimate(n, Math.exp(mean), Double.NaN, Double.NaN);
            }
            double ss = 0;
            for (double l : logs) {
                ss += (l - mean) * (l - mean);
            }
            double half = StudentT.quantile(0.975, n - 1) * Math.sqrt(ss / (n - 1) / n);
            return new Estimate(n, Math.exp(mean), Math.exp(mean - half), Math.exp(mean + half));
        }
    }

    /** One row of ratios.csv. */
    record Ratio(String numerator, String denominator, String benchmark, String params, Estimate estimate) {
    }

    /** One row of arms.csv. */
    record Arm(String benchmark, String params, String arm, Estimate estimate) {
    }

    /**
     * The paired figures of one jmh.json.
     *
     * @param floors per params, per fork: the median over rounds of the independent baseline arm (the harness
     *     floor), which {@link ForkGate#flag(Path, Map)} compares with the run's quiet floor
     */
    record Result(List<Ratio> ratios, List<Arm> arms, Map<String, double[]> floors) {
        boolean isEmpty() {
            return arms.isEmpty();
        }
    }

    private PairedRatios() {
    }

    /** Reads {@code jmhJson}'s paired records and, when there are any, writes ratios.csv and arms.csv into {@code dir}. */
    static Result write(Path jmhJson, Path dir) throws IOException {
        Result r = analyse(jmhJson);
        if (r.isEmpty()) {
            return r;
        }
        AtomicFile.write(dir.resolve("ratios.csv"), w -> {
            w.write(RATIOS_HEADER + "\n");
            for (Ratio x : r.ratios()) {
                w.write(String.join(",", x.numerator(), x.denominator(), x.benchmark(), x.params(),
                        Integer.toString(x.estimate().forks()), num(x.estimate().centre()), num(x.estimate().low()),
                        num(x.estimate().high())) + "\n");
            }
        });
        AtomicFile.write(dir.resolve("arms.csv"), w -> {
            w.write(ARMS_HEADER + "\n");
            for (Arm x : r.arms()) {
                w.write(String.join(",", x.benchmark(), x.params(), x.arm(), Integer.toString(x.estimate().forks()),
                        num(x.estimate().centre()), num(x.estimate().low()), num(x.estimate().high())) + "\n");
            }
        });
        return r;
    }

    /** The paired figures of {@code jmhJson}'s records of {@link #BENCHMARK}, in services order. */
    static Result analyse(Path jmhJson) throws IOException {
        JsonNode root = new ObjectMapper().readTree(jmhJson.toFile());
        Map<String, double[][][]> byParams = new TreeMap<>(PairedRatios::byNumbers);
        for (JsonNode rec : root) {
            if (BENCHMARK.equals(rec.path("benchmark").asText())) {
                String params = params(rec.path("params"));
                double[][][] forks = perRound(jmhJson, params + part(rec.path("params")), rec.path("secondaryMetrics"));
                byParams.merge(params, forks, PairedRatios::join);
            }
        }
        List<Ratio> ratios = new ArrayList<>();
        List<Arm> arms = new ArrayList<>();
        Map<String, double[]> floors = new TreeMap<>(PairedRatios::byNumbers);
        for (Map.Entry<String, double[][][]> e : byParams.entrySet()) {
            double[][][] f = e.getValue();
            floors.put(e.getKey(), medianPerFork(f, PairedArm.BASELINE_INDEPENDENT, null));
            for (String variant : List.of("independent", "dependent")) {
                String bench = "firstPacket." + variant;
                for (PairedArm a : PairedArm.ALL) {
                    if (a.variant().equals(variant)) {
                        arms.add(new Arm(bench, e.getKey(), a.plane(), Estimate.of(medianPerFork(f, a, null))));
                    }
                }
                for (String denominator : List.of(PairedArm.REFERENCE, PairedArm.ESTABLISHED)) {
                    PairedArm d = PairedArm.of(denominator, variant);
                    for (PairedArm a : PairedArm.ALL) {
                        if (a.variant().equals(variant) && a != d && !a.plane().equals("baseline")
                                && !a.plane().equals(PairedArm.ESTABLISHED)) {
                            ratios.add(new Ratio(a.plane(), denominator, bench, e.getKey(),
                                    Estimate.of(medianPerFork(f, a, d))));
                        }
                    }
                }
            }
        }
        return new Result(ratios, arms, floors);
    }

    /**
     * Per fork, the median over rounds of arm {@code a}'s ns/op, or of {@code a / d} when {@code d} is given.
     *
     * @param f per fork, per round, per arm ordinal: ns/op
     */
    static double[] medianPerFork(double[][][] f, PairedArm a, PairedArm d) {
        double[] out = new double[f.length];
        for (int k = 0; k < f.length; k++) {
            double[] xs = new double[f[k].length];
            for (int r = 0; r < xs.length; r++) {
                xs[r] = d == null ? f[k][r][a.ordinal()] : f[k][r][a.ordinal()] / f[k][r][d.ordinal()];
            }
            out[k] = median(xs);
        }
        return out;
    }

    /** Per fork, per round, per arm: the arm's ns/op, from the secondaries' raw data. */
    private static double[][][] perRound(Path file, String params, JsonNode secondaries) {
        int arms = PairedArm.ALL.size();
        double[][][] out = null;
        for (PairedArm a : PairedArm.ALL) {
            JsonNode raw = secondaries.path(a.metric()).path("rawData");
            String where = file + ": PairedFirstPacketBenchmark.classify " + params + ": secondaryMetrics." + a.metric() + ".rawData";
            if (!raw.isArray() || raw.isEmpty()) {
                throw new IllegalArgumentException(where + ": missing (not a paired run, or a truncated jmh.json)");
            }
            int forks = raw.size();
            int iterations = raw.get(0).size();
            if (iterations == 0 || iterations % arms != 0) {
                throw new IllegalArgumentException(where + ": " + iterations + " iterations are not whole rounds of "
                        + arms + " arms");
            }
            int rounds = iterations / arms;
            out = out == null ? new double[forks][rounds][arms] : out;
            if (out.length != forks || out[0].length != rounds) {
                throw new IllegalArgumentException(where + ": " + forks + " forks of " + iterations
                        + " iterations, unlike the other arms");
            }
            double unscale = (double) rounds * forks;
            for (int k = 0; k < forks; k++) {
                JsonNode fork = raw.get(k);
                if (fork.size() != iterations) {
                    throw new IllegalArgumentException(where + ": fork " + (k + 1) + " has " + fork.size()
                            + " iterations, not " + iterations);
                }
                for (int r = 0; r < rounds; r++) {
                    int found = 0;
                    for (int i = r * arms; i < (r + 1) * arms; i++) {
                        double v = fork.get(i).asDouble();
                        if (v > 0) {
                            out[k][r][a.ordinal()] = v * unscale;
                            found++;
                        }
                    }
                    if (found != 1) {
                        throw new IllegalArgumentException(where + ": fork " + (k + 1) + " round " + (r + 1) + " has "
                                + found + " measurements of the arm, not 1");
                    }
                }
            }
        }
        return out;
    }

    /** The forks of two parts of one scale ({@link PairedFirstPacketBenchmark.Planes#part}), in run order. */
    private static double[][][] join(double[][][] earlier, double[][][] later) {
        double[][][] out = Arrays.copyOf(earlier, earlier.length + later.length);
        System.arraycopy(later, 0, out, earlier.length, later.length);
        return out;
    }

    /** {@code " part=N"} for a record that holds part N of its scale's forks, else empty: for error messages. */
    private static String part(JsonNode params) {
        JsonNode p = params.path(PART);
        return p.isMissingNode() || p.asText().equals("0") ? "" : " " + PART + "=" + p.asText();
    }

    /** The record's parameters but {@link #PART}, {@code k=v} sorted and joined by {@code ;}. */
    private static String params(JsonNode params) {
        List<String> kv = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : params.properties()) {
            if (e.getKey().equals(PART)) {
                continue;
            }
            kv.add(e.getKey() + "=" + e.getValue().asText());
        }
        kv.sort(null);
        return String.join(";", kv);
    }

    /** Orders {@code services=1000} before {@code services=10000}: by the numbers in the text, then the text. */
    private static int byNumbers(String a, String b) {
        String[] na = a.replaceAll("[^0-9]+", " ").trim().split(" ");
        String[] nb = b.replaceAll("[^0-9]+", " ").trim().split(" ");
        for (int i = 0; i < Math.min(na.length, nb.length); i++) {
            if (!na[i].isEmpty() && !nb[i].isEmpty() && !na[i].equals(nb[i])) {
                return Long.compare(Long.parseLong(na[i]), Long.parseLong(nb[i]));
            }
        }
        return a.compareTo(b);
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }
}
