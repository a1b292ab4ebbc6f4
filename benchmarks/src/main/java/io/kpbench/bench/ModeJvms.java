package io.kpbench.bench;

import io.kpbench.proxy.ProxyMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The experiments that run one JVM per proxy mode ({@link OpenLoopLatency}, {@link ProgrammingLatency}), so that
 * no mode runs on another's heap or JIT profile: each available mode's JVM gets the forks' flags, this JVM's
 * class path, the experiment's main class and the mode's arguments, and leaves a part file for the parent to
 * merge.
 */
final class ModeJvms {
    private ModeJvms() {
    }

    /** What the parent makes of the part files the modes' JVMs wrote, in mode order. */
    @FunctionalInterface
    interface Merge {
        void parts(List<Path> parts) throws IOException;
    }

    /**
     * Runs {@code main} once per available mode in its own JVM with {@code jvmArgs} and {@code args} of the mode;
     * each JVM writes its part file ({@code part} of the mode, inside {@code partDir}, which this creates). Then
     * {@code merge} gets the parts that exist, and the parts and {@code partDir} are deleted. Returns false, after
     * one line naming {@code what} and the mode, when a JVM failed or wrote no part; the other modes still run.
     */
    static boolean run(String what, Class<?> main, List<String> jvmArgs, Path partDir,
            Function<ProxyMode, List<String>> args, Function<ProxyMode, Path> part, Merge merge) throws IOException {
        Files.createDirectories(partDir);
        List<Path> parts = new ArrayList<>();
        boolean ok = true;
        for (ProxyMode mode : ProxyMode.values()) {
            if (!mode.available()) {
                continue;
            }
            Path p = part.apply(mode);
            Files.deleteIfExists(p);
            List<String> cmd = new ArrayList<>();
            cmd.add(ProcessHandle.current().info().command().orElse("java"));
            cmd.addAll(jvmArgs);
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(main.getName());
            cmd.addAll(args.apply(mode));
            int rc = Experiments.child(cmd);
            boolean wrote = Files.exists(p);
            if (rc != 0 || !wrote) {
                System.err.println("kpbench bench: " + what + " of " + mode.cliName() + " failed ("
                        + (rc != 0 ? "its JVM exited with " + rc : "its JVM wrote no results") + ")");
                ok = false;
            }
            if (wrote) {
                parts.add(p);
            }
        }
        merge.parts(parts);
        for (Path p : parts) {
            Files.deleteIfExists(p);
        }
        Files.deleteIfExists(partDir);
        return ok;
    }
}
