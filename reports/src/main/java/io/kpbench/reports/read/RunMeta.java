package io.kpbench.reports.read;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpbench.common.ModelVersions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code run.json}: what a reader needs to trust and reproduce the run (git commit, profile, JVM, host).
 *
 * <p>Kept as a JSON tree: the report shows what the benchmark driver wrote, including fields added later.
 *
 * @param json the parsed file
 */
public record RunMeta(JsonNode json) {
    /** What the report says of a results folder whose run.json names no model releases. */
    public static final String NOT_RECORDED = "not recorded (run.json predates the model block)";

    /**
     * The upstream releases the model followed in this run, from run.json's {@code model} block (written by the
     * benchmarks from {@link ModelVersions}), e.g. {@code kube-proxy v1.33 (userspace v1.25), Linux 6.12, Cilium
     * 1.18}; {@link #NOT_RECORDED} for a folder written before the block existed, or without run.json
     * ({@code run} null). Never this build's releases: a report names what the run followed.
     */
    public static String model(RunMeta run) {
        JsonNode block = run == null ? null : run.json().path("model");
        if (block == null || !block.isObject()) {
            return NOT_RECORDED;
        }
        Map<String, String> recorded = new LinkedHashMap<>();
        for (String name : (Iterable<String>) block::fieldNames) {
            JsonNode v = block.path(name);
            recorded.put(name, v.isValueNode() ? v.asText() : v.toString());
        }
        String line = ModelVersions.describe(recorded);
        return line.isEmpty() ? NOT_RECORDED : line;
    }

    /** A top-level or dotted field ({@code host.cpuModel}) as text, or {@code ""} when absent. */
    public String text(String dotted) {
        JsonNode n = json;
        for (String part : dotted.split("\\.")) {
            n = n.path(part);
        }
        if (n.isMissingNode() || n.isNull()) {
            return "";
        }
        return n.isValueNode() ? n.asText() : n.toString();
    }

    /** The header lines of a report, label to value, only those present. */
    public Map<String, String> headline() {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "run", text("runId"));
        String sha = text("gitSha");
        put(m, "commit", sha.isEmpty() ? "" : sha + ("true".equals(text("gitDirty")) ? " (dirty)" : ""));
        put(m, "profile", text("profile"));
        put(m, "include", text("include"));
        put(m, "profiler", text("profiler"));
        put(m, "model follows", model(this));
        put(m, "started", text("started"));
        put(m, "finished", text("finished"));
        put(m, "JVM", (text("jvm.vmName") + " " + text("jvm.javaVersion")).trim());
        put(m, "fork JVM args", text("jvm.forkJvmArgs"));
        put(m, "CPU", text("host.cpuModel") + (text("host.cores").isEmpty() ? "" : " x" + text("host.cores")));
        String mem = text("host.memoryBytes");
        if (!mem.isEmpty() && mem.matches("\\d+")) {
            put(m, "memory", String.format(java.util.Locale.ROOT, "%.1f GiB", Long.parseLong(mem) / 1073741824.0));
        }
        put(m, "kernel", (text("host.kernel") + " " + text("host.arch")).trim());
        put(m, "parameters", text("params"));
        return m;
    }

    /** The values of a parameter of the sweep ({@code services}), empty when absent. */
    public List<String> param(String name) {
        List<String> out = new ArrayList<>();
        json.path("params").path(name).forEach(v -> out.add(v.asText()));
        return out;
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null && !v.isBlank()) {
            m.put(k, v);
        }
    }
}
