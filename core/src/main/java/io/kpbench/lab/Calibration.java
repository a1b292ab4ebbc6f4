package io.kpbench.lab;

import io.kpbench.common.StudentT;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One kernel back end's calibration: the least-squares line of the lab's first-packet latency (TCP connect p50
 * through the node namespace, in nanoseconds) against the model's counted operations for the same packet
 * ({@link io.kpbench.proxy.Classification#work}: rules walked for iptables and nftables), so that
 * {@code fixedNs + perRuleNs x operations} turns any count the model makes into projected kernel time.
 *
 * <p>The fixed cost holds everything the count does not vary: the veth round trip, the TCP handshake, conntrack
 * and the parts of the ruleset every packet walks. Where the model's count is the same at every N (nftables: its
 * verdict maps make the walk flat) the per-operation cost cannot be told apart from the fixed cost: the calibration
 * is then flat ({@code perRuleNs} null) and projects the mean. {@code perLookupNs} is 0 for iptables (no map or set
 * lookup on its path) and null where the model folds its lookups into the rule count (nftables).
 *
 * <p>The prediction interval is the ordinary least-squares one, {@code t(0.975, n-2) s sqrt(1 + 1/n +
 * (x - mean)^2 / Sxx)}, its lower end cut at 0: it covers the lab's scatter around the line, not effects the line
 * lacks (cache misses at sizes the lab did not run).
 *
 * @param backend the kernel back end ({@link KernelBackend#cliName()})
 * @param fixedNs the fitted intercept, ns
 * @param perRuleNs the fitted ns per counted rule, or null when the counts are flat
 * @param perLookupNs ns per map or set lookup: 0 for iptables, null where not separable
 * @param r2 the fit's R² (NaN when flat)
 * @param n the number of lab points fitted
 * @param meanOps the mean of the fitted counts
 * @param sxx the sum of squared deviations of the fitted counts
 * @param residualSdNs the residual standard error, ns
 * @param residualsNs measured minus fitted, per point, in the order of the rows
 * @param services the lab's cluster sizes fitted
 */
public record Calibration(String backend, double fixedNs, Double perRuleNs, Double perLookupNs, double r2, int n,
        double meanOps, double sxx, double residualSdNs, List<Double> residualsNs, List<Integer> services) {
    /** Copies the lists. */
    public Calibration {
        residualsNs = List.copyOf(residualsNs);
        services = List.copyOf(services);
    }

    /**
     * A projection: the fitted latency and its 95% prediction interval, ns.
     *
     * @param ns the projected first-packet latency
     * @param lowNs the interval's lower end
     * @param highNs the interval's upper end
     */
    public record Prediction(double ns, double lowNs, double highNs) {
    }

    /**
     * The held-out check of one target position: the fit without the largest N predicts that N.
     *
     * @param heldOutN the largest N, left out of the fit
     * @param position the target's position in KUBE-SERVICES
     * @param fittedOn the N the fit used
     * @param predictedNs the prediction at the held-out N
     * @param measuredNs the lab's first-packet p50 there
     * @param errorPct 100 x (predicted - measured) / measured
     */
    public record HeldOut(int heldOutN, String position, List<Integer> fittedOn, double predictedNs,
            double measuredNs, double errorPct) {
        /** The held-out check as a JSON-ready map. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("heldOutN", heldOutN);
            m.put("position", position);
            m.put("fittedOn", fittedOn);
            m.put("predictedNs", round(predictedNs));
            m.put("measuredNs", round(measuredNs));
            m.put("errorPct", round(errorPct));
            return m;
        }
    }

    /** The calibration of {@code backend} from the lab rows of that back end (at least two). */
    public static Calibration fit(String backend, List<LabRow> rows) {
        List<LabRow> rs = rows.stream().filter(r -> r.backend().equals(backend)).toList();
        if (rs.size() < 2) {
            throw new LabException("calibration of " + backend + ": needs two lab points, has " + rs.size());
        }
        double[] x = rs.stream().mapToDouble(LabRow::modelRules).toArray();
        double[] y = rs.stream().mapToDouble(r -> r.quietestP50Us() * 1000).toArray();
        LinearFit f = LinearFit.of(x, y);
        int n = x.length;
        double mx = mean(x);
        double sxx = 0;
        for (double v : x) {
            sxx += (v - mx) * (v - mx);
        }
        boolean flat = Double.isNaN(f.slope());
        double slope = flat ? 0 : f.slope();
        List<Double> residuals = new ArrayList<>();
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double e = y[i] - (f.intercept() + slope * x[i]);
            residuals.add(round(e));
            ss += e * e;
        }
        int df = n - (flat ? 1 : 2);
        double sd = df > 0 ? Math.sqrt(ss / df) : Double.NaN;
        Double perLookup = KernelBackend.parse(backend).isIptables() ? 0.0 : null;
        return new Calibration(backend, f.intercept(), flat ? null : slope, perLookup, flat ? Double.NaN : f.r2(), n,
                mx, flat ? 0 : sxx, sd, residuals, new ArrayList<>(new TreeSet<>(rs.stream()
                        .map(LabRow::services).toList())));
    }

    /** The projected first-packet latency for {@code ops} counted operations, with its 95% prediction interval. */
    public Prediction predict(double ops) {
        double y = fixedNs + (perRuleNs == null ? 0 : perRuleNs * ops);
        int df = n - (perRuleNs == null ? 1 : 2);
        if (df < 1 || Double.isNaN(residualSdNs)) {
            return new Prediction(y, Double.NaN, Double.NaN);
        }
        double lever = perRuleNs == null || sxx == 0 ? 0 : (ops - meanOps) * (ops - meanOps) / sxx;
        double half = StudentT.quantile(0.975, df) * residualSdNs * Math.sqrt(1 + 1.0 / n + lever);
        return new Prediction(y, Math.max(0, y - half), y + half); // a latency is never below 0
    }

    /**
     * For each target position, the fit of {@code backend} without the largest N of {@code rows}, predicting that
     * N; empty when fewer than three sizes were run (a two-point fit leaves nothing to check against).
     */
    public static List<HeldOut> heldOut(String backend, List<LabRow> rows) {
        List<LabRow> rs = rows.stream().filter(r -> r.backend().equals(backend)).toList();
        TreeSet<Integer> sizes = new TreeSet<>(rs.stream().map(LabRow::services).toList());
        if (sizes.size() < 3) {
            return List.of();
        }
        int largest = sizes.last();
        List<LabRow> fitRows = rs.stream().filter(r -> r.services() != largest).toList();
        Calibration c = fit(backend, fitRows);
        List<Integer> fittedOn = new ArrayList<>(sizes.headSet(largest));
        List<HeldOut> out = new ArrayList<>();
        for (LabRow r : rs) {
            if (r.services() == largest) {
                double predicted = c.predict(r.modelRules()).ns();
                double measured = r.quietestP50Us() * 1000;
                out.add(new HeldOut(largest, r.position(), fittedOn, predicted, measured,
                        100 * (predicted - measured) / measured));
            }
        }
        return out;
    }

    /** This calibration as a JSON-ready map (the held-out block is added by {@link CalibrationFile}). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("backend", backend);
        m.put("fixedNs", round(fixedNs));
        // four decimals: a projection multiplies them by up to 50,000 rules
        m.put("perRuleNs", perRuleNs == null ? null : Math.round(perRuleNs * 10_000) / 10_000.0);
        m.put("perLookupNs", perLookupNs == null ? null : Math.round(perLookupNs * 10_000) / 10_000.0);
        m.put("r2", Double.isNaN(r2) ? null : Math.round(r2 * 10_000) / 10_000.0);
        m.put("n", n);
        m.put("meanOps", round(meanOps));
        m.put("sxx", round(sxx));
        m.put("residualSdNs", Double.isNaN(residualSdNs) ? null : round(residualSdNs));
        m.put("residualsNs", residualsNs);
        m.put("services", services);
        return m;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s / v.length;
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
