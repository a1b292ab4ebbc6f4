package io.kpbench.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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
 */
public final class RunInfo {
    private RunInfo() {
    }

    /**
     * Writes run.json into the run folder (through a temporary file and a rename); {@code gate} is the fork gate's
     * summary ({@link ForkGate.GateSummary#toMap}), or null before the run or when no fork was gated.
     */
    public static void write(RunFolder run, BenchSettings s, Map<String, Object> matrix, List<String> jvmArgs,
            Instant started, Instant finished, Map<String, Object> gate) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runId", run.dir().getFileName().toString());
        m.put("gitSha", run.gitSha());
        m.put("gitDirty", run.dirty());
        m.put("profile", s.profile().cliName());
        m.put("include", s.include());
        m.put("profiler", s.profiler());
        m.put("params", matrix);
        m.put("started", started.toString());
        m.put("finished", finished == null ? null : finished.toString());
        if (gate != null) {
            m.put("gate", gate);
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
        host.put("cpuModel", cpuModel());
        host.put("cores", Runtime.getRuntime().availableProcessors());
        host.put("memoryBytes", totalMemory());
        host.put("os", System.getProperty("os.name"));
        host.put("kernel", System.getProperty("os.version"));
        host.put("arch", System.getProperty("os.arch"));
        m.put("host", host);
        Path tmp = run.dir().resolve(".run.json.tmp");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), m);
        Files.move(tmp, run.dir().resolve("run.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            return System.getProperty("os.arch");
        }
        return System.getProperty("os.arch");
    }

    private static long totalMemory() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getTotalMemorySize();
        }
        return -1;
    }
}
