package io.kpbench.reports.review;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpbench.reports.chart.AxisLabels;
import io.kpbench.reports.findings.Fmt;
import io.kpbench.reports.read.PairedCsv;
import io.kpbench.reports.read.ResultsFolder;
import io.kpbench.reports.read.RunMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The cluster, the machine and the probe gate, one line each, from run.json and forks.csv. */
final class Machine {
    /** What the gate flags, said once. */
    static final String GATE_RULE = "pointer chase / compute > 15% from the session median";
    static final String SLOWED_RULE = "harness floor > 15% above the run's quiet floor";

    private Machine() {
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
        String given = run.text("cluster.headline");
        if (!given.isEmpty()) {
            List<String> scales = new ArrayList<>();
            run.json().path("cluster").path("scales").forEach(x -> scales.add("×" + x.asText()));
            return "Cluster: " + given + (scales.isEmpty() ? "" : ", at " + String.join(", ", scales)) + ".";
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
                    + "verdict for them)") + medians + "." + (judged == 0 ? "" : " " + slowed(slowed, judged));
        }
        if (run != null && !run.text("gate.forks").isEmpty()) {
            String slowed = run.text("gate.slowed");
            return "Gate: " + run.text("gate.flagged") + " of " + run.text("gate.forks") + " paired forks flagged by "
                    + "the probe gate (" + GATE_RULE + ")" + medians + "." + (slowed.matches("\\d+")
                    ? " " + slowed(Long.parseLong(slowed), Long.parseLong(run.text("gate.forks"))) : "");
        }
        return "Gate: no probe gate in this run (neither forks.csv nor a gate in run.json).";
    }

    /** The in-fork verdict, and what it means for a second run, when any fork ran slowed. */
    static String slowed(long slowed, long of) {
        return slowed + " of " + of + " ran slowed (" + SLOWED_RULE + ")" + (slowed == 0 ? "."
                : ": the host was busy while they measured, and a busy host moves the compute-bound iptables arm "
                + "more than the memory-bound ones, so a second run may differ by more than these intervals.");
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
