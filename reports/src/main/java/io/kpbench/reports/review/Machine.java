package io.kpbench.reports.review;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpbench.reports.chart.AxisLabels;
import io.kpbench.reports.findings.Fmt;
import io.kpbench.reports.read.PairedCsv;
import io.kpbench.reports.read.ResultsFolder;
import io.kpbench.reports.read.RunMeta;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The cluster, the machine and the probe gate, one line each, from run.json and forks.csv. */
final class Machine {
    /** What the gate flags, said once. */
    static final String GATE_RULE = "pointer chase / compute > 15% from the session median";
    static final String SLOWED_RULE = "harness floor > 15% above the run's quiet floor";

    private Machine() {
    }

    /** Whether the run measured a given cluster ({@code -Dbench.cluster}: run.json has its headline). */
    static boolean given(ResultsFolder f) {
        return f.run() != null && !f.run().text("cluster.headline").isEmpty();
    }

    /**
     * The services counts a run on a given cluster measured, ascending: run.json's {@code cluster.services} times
     * each of its {@code scales} (the driver's {@code services} parameter, {@code BenchInput.params}); empty for a
     * synthetic run (and for a run.json without the counts).
     */
    static List<Double> clusterServices(ResultsFolder f) {
        List<Double> out = new ArrayList<>();
        if (!given(f)) {
            return out;
        }
        JsonNode cluster = f.run().json().path("cluster");
        long services = cluster.path("services").asLong(0);
        cluster.path("scales").forEach(x -> out.add((double) (services * x.asLong(0))));
        out.removeIf(x -> x <= 0);
        out.sort(null);
        return out;
    }

    /**
     * {@code Cluster: synthetic ClusterIP services, 1k–30k services × 1–10 endpoints per service, 3 nodes}; or, for a
     * run on a given cluster (run.json's {@code cluster} block, {@code -Dbench.cluster}), its headline and growth:
     * {@code Cluster: prod-eu.yaml: 6,012 services (5,300 ClusterIP, …), node ip-10-0-1-5, at ×1, ×2, ×5}.
     */
    static String cluster(ResultsFolder f) {
        RunMeta run = f.run();
        if (run == null) {
            return null;
        }
        if (given(f)) {
            List<String> scales = new ArrayList<>();
            run.json().path("cluster").path("scales").forEach(x -> scales.add("×" + x.asText()));
            return "Cluster: " + run.text("cluster.headline") + (scales.isEmpty() ? "" : ", at "
                    + String.join(", ", scales)) + ".";
        }
        List<String> parts = new ArrayList<>();
        String services = span(values(run, "services"));
        String endpoints = span(values(run, "endpoints"));
        String nodes = span(values(run, "nodes"));
        if (!services.isEmpty()) {
            parts.add(services + " services" + (endpoints.isEmpty() ? "" : " × " + endpoints + " endpoints per "
                    + "service"));
        }
        if (!nodes.isEmpty()) {
            parts.add(nodes + " nodes");
        }
        String flows = span(values(run, "flows"));
        if (!flows.isEmpty()) {
            parts.add(flows + " tracked flows");
        }
        return "Cluster: synthetic ClusterIP services" + (parts.isEmpty() ? "" : ", " + String.join(", ", parts))
                + ".";
    }

    /** {@code Machine: AMD EPYC 7B13 (family 25, model 1, stepping 1), 2 cores, 8.0 GiB, kernel …, THP …, JVM …}. */
    static String machine(ResultsFolder f) {
        RunMeta run = f.run();
        if (run == null) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        List<String> id = new ArrayList<>();
        add(id, "family ", run.text("host.cpuFamily"));
        add(id, "model ", run.text("host.cpuModelNumber"));
        add(id, "stepping ", run.text("host.cpuStepping"));
        String cpu = run.text("host.cpuModel");
        if (!cpu.isEmpty() || !id.isEmpty()) {
            parts.add((cpu.isEmpty() ? "CPU" : cpu) + (id.isEmpty() ? "" : " (" + String.join(", ", id) + ")"));
        }
        add(parts, "", run.text("host.cores").isEmpty() ? "" : run.text("host.cores") + " cores");
        String mem = run.text("host.memoryBytes");
        if (mem.matches("\\d+")) {
            parts.add(String.format(Locale.ROOT, "%.1f GiB memory", Long.parseLong(mem) / 1073741824.0));
        }
        add(parts, "kernel ", (run.text("host.kernel") + " " + run.text("host.arch")).trim());
        add(parts, "THP ", run.text("host.thp"));
        add(parts, "JVM ", (run.text("jvm.vmName") + " " + run.text("jvm.javaVersion")).trim());
        return "Machine: " + (parts.isEmpty() ? "not recorded in run.json" : String.join(", ", parts)) + ".";
    }

    /** {@code Gate: 1 of 28 paired forks flagged by the probe gate (…)}, from forks.csv, else run.json's gate. */
    static String gate(ResultsFolder f) {
        List<PairedCsv.Fork> forks = PairedCsv.forks(f);
        RunMeta run = f.run();
        String medians = run == null ? "" : medians(run);
        if (!forks.isEmpty()) {
            long flagged = forks.stream().filter(k -> Boolean.TRUE.equals(k.flagged())).count();
            long unjudged = forks.stream().filter(k -> k.flagged() == null).count();
            long judged = forks.stream().filter(k -> k.slowed() != null).count();
            long slowed = forks.stream().filter(k -> Boolean.TRUE.equals(k.slowed())).count();
            return "Gate: " + flagged + " of " + forks.size() + " paired forks flagged by the probe gate ("
                    + GATE_RULE + ")" + (unjudged == 0 ? "" : "; " + unjudged + " not judged (forks.csv has no "
                    + "verdict for them)") + medians + "." + (judged == 0 ? "" : " " + slowed(slowed, judged)
                    + (slowed == 0 ? "." : cause(forks)));
        }
        if (run != null && !run.text("gate.forks").isEmpty()) {
            String slowed = run.text("gate.slowed");
            return "Gate: " + run.text("gate.flagged") + " of " + run.text("gate.forks") + " paired forks flagged by "
                    + "the probe gate (" + GATE_RULE + ")" + medians + "." + (slowed.matches("\\d+")
                    ? " " + slowed(Long.parseLong(slowed), Long.parseLong(run.text("gate.forks")))
                    + (slowed.equals("0") ? "." : ", so a second run may differ by more than these intervals.") : "");
        }
        return "Gate: no probe gate in this run (neither forks.csv nor a gate in run.json).";
    }

    /** How many forks ran slowed, by the in-fork rule; the caller says why. */
    static String slowed(long slowed, long of) {
        return slowed + " of " + of + " ran slowed (" + SLOWED_RULE + ")";
    }

    /**
     * Why the slowed forks ran slowed, read from their own probes: each fork runs the gate's pointer chase and
     * compute probe in its own JVM just before its setup. When the slowed forks' probe medians sit within
     * {@value #SAME_PROBES_PERCENT}% of the other forks', the probes missed the slowdown: on a shared host the
     * core's speed changes in spells of 0.1 s to minutes (a load/store loop reads 2.0 or 3.3 ns an op, and one fork's
     * floor moves between 1x and 2x between iterations, measured 2026-12-06), which the gate's half-second probes
     * before the fork catch only by chance and the floor, measured throughout, sees. When their probes were slower
     * too, the host was busy then as well.
     */
    static String cause(List<PairedCsv.Fork> forks) {
        double[] slowChase = probes(forks, true, PairedCsv.Fork::chaseNs);
        double[] otherChase = probes(forks, false, PairedCsv.Fork::chaseNs);
        double[] slowCompute = probes(forks, true, PairedCsv.Fork::computeNs);
        double[] otherCompute = probes(forks, false, PairedCsv.Fork::computeNs);
        if (slowChase.length == 0 || otherChase.length == 0 || slowCompute.length == 0 || otherCompute.length == 0) {
            return ", so a second run may differ by more than these intervals.";
        }
        double chase = median(slowChase);
        double chaseOthers = median(otherChase);
        double compute = median(slowCompute);
        double computeOthers = median(otherCompute);
        String figures = "pointer chase " + Fmt.num(chase) + " against " + Fmt.num(chaseOthers) + " ns, compute "
                + Fmt.num(compute) + " against " + Fmt.num(computeOthers) + " ns, medians";
        if (within(chase, chaseOthers) && within(compute, computeOthers)) {
            return ". Their own probes, run in each fork just before its setup, were as fast as the other forks' ("
                    + figures + "): the host's core slowed in spells the gate's half-second probes missed and the "
                    + "floor, measured throughout, saw. The intervals over forks include it; a second run, in other "
                    + "spells, may differ by more than these intervals.";
        }
        return ". Their own probes were slower too (" + figures + "): the host was busy while they measured, and a "
                + "busy host moves the compute-bound arms more than the memory-bound ones, so a second run may "
                + "differ by more than these intervals.";
    }

    /** Probe medians closer than this, in percent, count as the same host. */
    static final int SAME_PROBES_PERCENT = 5;

    private static boolean within(double a, double b) {
        return Math.abs(a / b - 1) * 100 <= SAME_PROBES_PERCENT;
    }

    private static double[] probes(List<PairedCsv.Fork> forks, boolean slowed,
            ToDoubleFunction<PairedCsv.Fork> probe) {
        return forks.stream().filter(k -> k.slowed() != null && k.slowed() == slowed).mapToDouble(probe)
                .filter(Double::isFinite).toArray();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static String medians(RunMeta run) {
        String chase = run.text("gate.chaseNsMedian");
        String compute = run.text("gate.computeNsMedian");
        if (chase.isEmpty() && compute.isEmpty()) {
            return "";
        }
        return "; session medians: pointer chase " + num(chase) + " ns, compute " + num(compute) + " ns";
    }

    private static String num(String s) {
        try {
            return Fmt.num(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return s.isEmpty() ? "–" : s;
        }
    }

    /**
     * A parameter's values over the whole run: {@code params.<name>} (one sweep) and every pass's
     * {@code params.passes[].params.<name>} (a profile of several passes), a single value or an array.
     */
    static List<String> values(RunMeta run, String name) {
        List<String> out = new ArrayList<>();
        JsonNode params = run.json().path("params");
        collect(params.path(name), out);
        for (JsonNode pass : params.path("passes")) {
            collect(pass.path("params").path(name), out);
        }
        return out;
    }

    private static void collect(JsonNode n, List<String> out) {
        if (n.isArray()) {
            n.forEach(v -> out.add(v.asText()));
        } else if (n.isValueNode()) {
            out.add(n.asText());
        }
    }

    /** {@code 1k–30k}, {@code 10}, or empty: a sweep's values as a range. */
    static String span(List<String> values) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (String v : values) {
            try {
                double d = Double.parseDouble(v);
                lo = Math.min(lo, d);
                hi = Math.max(hi, d);
            } catch (NumberFormatException e) {
                // a non-numeric value has no place in a range
            }
        }
        if (!Double.isFinite(lo)) {
            return "";
        }
        return lo == hi ? AxisLabels.count(lo) : AxisLabels.count(lo) + "–" + AxisLabels.count(hi);
    }

    private static void add(List<String> parts, String label, String value) {
        if (value != null && !value.isBlank()) {
            parts.add(label + value);
        }
    }
}
