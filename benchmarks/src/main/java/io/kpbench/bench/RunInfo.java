package io.kpbench.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kpbench.common.ModelVersions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code run.json}: what a reader of the results needs to trust and reproduce them — JDK, JVM flags, CPU, kernel,
 * git commit and dirty flag, profile and the parameter matrix.
 *
 * <p>The CPU is named by its model name and, from {@code /proc/cpuinfo}, its x86 family, model number and
 * stepping ({@code host.cpuFamily}, {@code host.cpuModelNumber}, {@code host.cpuStepping}: "AMD EPYC" alone
 * does not tell Zen 2 from Zen 4), and the transparent huge page mode ({@code host.thp}, the bracketed choice
 * in {@code /sys/kernel/mm/transparent_hugepage/enabled}, e.g. {@code madvise}); each is null where the host
 * does not say (another architecture, no such file).
 *
 * <p>{@code shard} is {@code -Dbench.shard} ({@code {"index": I, "count": N}}, 1/1 for a whole run), and the
 * machine is named by {@code host.hostname} (the kernel's host name: a pod's name in Kubernetes) and
 * {@code host.node} (the {@code NODE_NAME} environment variable, which a Kubernetes Job sets from
 * {@code spec.nodeName}; null elsewhere), beside the CPU and kernel: {@code scripts/merge.sh} lists each shard's.
 *
 * <p>{@code model} names the upstream releases the model follows ({@link ModelVersions#recorded()}:
 * {@code kubeProxy}, {@code kubeProxyUserspace}, {@code linux}, {@code cilium}), so that a reader of old results
 * knows which kube-proxy, kernel and Cilium behaviour they measured.
 *
 * <p>{@code cluster}, with {@code -Dbench.cluster} or {@code -Dbench.synthetic}, fingerprints the cluster
 * ({@link ClusterRecord#describe}: files and SHA-256, services by type, node, growth factors).
 */
public final class RunInfo {
    private static final Path CPUINFO = Path.of("/proc/cpuinfo");
    private static final Path THP_ENABLED = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
    private static final Path HOSTNAME = Path.of("/proc/sys/kernel/hostname");

    private RunInfo() {
    }

    /**
     * Writes run.json into the run folder (through a temporary file and a rename); {@code gate} is the fork gate's
     * summary ({@link ForkGate.GateSummary#toMap}), or null before the run or when no fork was gated. A shard also
     * records {@code shardCells}, the JMH runs it holds, as its shard block's {@code cells}: a shard of none, whose
     * jmh.json is empty by design, then reads apart from one whose every benchmark failed.
     */
    public static void write(RunFolder run, BenchSettings s, int shardCells, Map<String, Object> matrix,
            List<String> jvmArgs, Instant started, Instant finished, Map<String, Object> gate) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runId", run.dir().getFileName().toString());
        m.put("gitSha", run.gitSha());
        m.put("gitDirty", run.dirty());
        m.put("profile", s.profile().cliName());
        Map<String, Object> shard = new LinkedHashMap<>(s.shard().toMap());
        if (!s.shard().whole()) {
            shard.put("cells", shardCells);
        }
        m.put("shard", shard);
        m.put("include", s.include());
        m.put("profiler", s.profiler());
        m.put("params", matrix);
        m.put("model", ModelVersions.recorded());
        m.put("started", started.toString());
        m.put("finished", finished == null ? null : finished.toString());
        if (gate != null) {
            m.put("gate", gate);
        }
        if (BenchInput.current().given()) {
            m.put("cluster", ClusterRecord.describe(BenchInput.current()));
        }
        Map<String, Object> jvm = new LinkedHashMap<>();
        jvm.put("javaVersion", System.getProperty("java.version"));
        jvm.put("javaVendor", System.getProperty("java.vendor"));
        jvm.put("vmName", System.getProperty("java.vm.name"));
        jvm.put("vmVersion", System.getProperty("java.vm.version"));
        jvm.put("javaHome", System.getProperty("java.home"));
        jvm.put("forkJvmArgs", jvmArgs);
        jvm.put("driverJvmArgs", ManagementFactory.getRuntimeMXBean().getInputArguments());
        m.put("jvm", jvm);
        Map<String, Object> host = new LinkedHashMap<>();
        Map<String, String> cpu = cpuInfo(read(CPUINFO));
        host.put("cpuModel", cpu.getOrDefault("model name", System.getProperty("os.arch")));
        host.put("cpuFamily", integer(cpu.get("cpu family")));
        host.put("cpuModelNumber", integer(cpu.get("model")));
        host.put("cpuStepping", integer(cpu.get("stepping")));
        host.put("thp", thpMode(read(THP_ENABLED)));
        host.put("cores", Runtime.getRuntime().availableProcessors());
        host.put("memoryBytes", totalMemory());
        host.put("os", System.getProperty("os.name"));
        host.put("kernel", System.getProperty("os.version"));
        host.put("arch", System.getProperty("os.arch"));
        host.put("hostname", hostname(read(HOSTNAME), System.getenv("HOSTNAME")));
        host.put("node", blankToNull(System.getenv("NODE_NAME")));
        m.put("host", host);
        Path tmp = run.dir().resolve(".run.json.tmp");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), m);
        Files.move(tmp, run.dir().resolve("run.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The {@code key : value} fields of the first processor in {@code /proc/cpuinfo} text (keys trimmed, so
     * {@code model} and {@code model name} stay apart); empty for null or empty text.
     */
    static Map<String, String> cpuInfo(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null) {
            return out;
        }
        for (String line : text.split("\n", -1)) {
            if (line.isBlank()) {
                if (!out.isEmpty()) {
                    break;
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                out.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        return out;
    }

    /** The bracketed (selected) choice of a {@code transparent_hugepage/enabled} line, or null. */
    static String thpMode(String text) {
        if (text == null) {
            return null;
        }
        int open = text.indexOf('[');
        int close = text.indexOf(']', open + 1);
        if (open < 0 || close < 0) {
            return null;
        }
        String mode = text.substring(open + 1, close).trim();
        return mode.isEmpty() ? null : mode;
    }

    /** The host name from {@code /proc/sys/kernel/hostname} text, else {@code env}, else null. */
    static String hostname(String proc, String env) {
        String p = blankToNull(proc == null ? null : proc.trim());
        return p != null ? p : blankToNull(env);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** A decimal integer, or null when absent or not a number (e.g. stepping "unknown" in some VMs). */
    static Integer integer(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The file's text, or null when it cannot be read. */
    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long totalMemory() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getTotalMemorySize();
        }
        return -1;
    }
}
