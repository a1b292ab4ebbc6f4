package io.kpbench.cli;

import io.kpbench.common.ModelVersions;
import io.kpbench.common.UserError;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code kpbench} command line: one picocli command with a subcommand per task.
 *
 * <p>Exit codes: 0 success; 2 bad input or usage (one line on stderr naming what is wrong, no stack trace; with no
 * command at all, the usage); 1 an internal error, that is a bug in kpbench (one line; {@code KPBENCH_DEBUG=1}
 * adds the stack trace).
 */
@Command(name = "kpbench", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Models the Kubernetes Service data plane (kube-proxy's modes) and measures it.",
        subcommands = {ValidateCommand.class, GenerateCommand.class, TraceCommand.class, RenderCommand.class,
            WalkCommand.class, DnsCommand.class, KernelLabCommand.class, PlanCommand.class,
            K8sBenchCommand.class, K8sLabCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {
    /** The exit code of an internal error: a bug in kpbench, not in what the user gave it. */
    public static final int INTERNAL_ERROR = 1;
    /** Set to 1 to print the stack trace after an error line. */
    static final String DEBUG_VARIABLE = "KPBENCH_DEBUG";

    @Spec
    CommandSpec spec;

    /** The process entry point. */
    public static void main(String[] args) {
        int code = run(args, System.in, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /** Runs the CLI against the given streams and returns the exit code; what tests call. */
    public static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        return run(args, stdin, out, err, "1".equals(System.getenv(DEBUG_VARIABLE)));
    }

    /** As {@link #run(String[], InputStream, PrintStream, PrintStream)}, with stack traces when {@code debug}. */
    static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err, boolean debug) {
        PrintWriter errWriter = new PrintWriter(err, true, StandardCharsets.UTF_8);
        try {
            CommandLine cl = commandLine(stdin);
            cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
            cl.setErr(errWriter);
            cl.setParameterExceptionHandler((ex, a) -> {
                CommandLine c = ex.getCommandLine();
                String name = c.getCommandSpec().qualifiedName();
                c.getErr().println(name + ": " + Messages.plain(ex.getMessage()) + " (see '" + name + " --help')");
                debugTrace(ex, c.getErr(), debug);
                return UserError.EXIT_CODE;
            });
            cl.setExecutionExceptionHandler((ex, c, parsed) -> {
                if (ex instanceof UserError) {
                    c.getErr().println("kpbench: " + ex.getMessage());
                    debugTrace(ex.getCause(), c.getErr(), debug);
                    c.getErr().flush();
                    return UserError.EXIT_CODE;
                }
                return internalError(ex, c.getErr(), debug);
            });
            return cl.execute(args);
        } catch (RuntimeException | Error e) {
            return internalError(e, errWriter, debug);
        }
    }

    /** The command line with every subcommand, its help footers set. */
    static CommandLine commandLine(InputStream stdin) {
        CommandLine cl = new CommandLine(new Main(), new Factory(stdin));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        HelpText.decorate(cl);
        return cl;
    }

    /** Reports a bug as one line on stderr and returns {@link #INTERNAL_ERROR}. */
    static int internalError(Throwable t, PrintWriter err, boolean debug) {
        err.println("kpbench: internal error: " + Messages.internal(t) + " (a bug in kpbench; run with "
                + DEBUG_VARIABLE + "=1 for the stack trace)");
        debugTrace(t, err, debug);
        err.flush();
        return INTERNAL_ERROR;
    }

    private static void debugTrace(Throwable t, PrintWriter err, boolean debug) {
        if (debug && t != null) {
            t.printStackTrace(err);
            err.flush();
        }
    }

    /** No command given: the usage on stderr, and exit 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return UserError.EXIT_CODE;
    }

    /** The exit codes every command documents in its help. */
    static Map<String, String> exitCodes() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("0", "success");
        m.put("1", "internal error: a bug in kpbench (one line; " + DEBUG_VARIABLE + "=1 prints the stack trace)");
        m.put("2", "bad input: a bad option, a missing or malformed file, an invalid or conflicting manifest "
                + "(one line naming the file, object and field), or no command");
        return m;
    }

    /** Creates commands, handing the stdin stream to those that need it. */
    private static final class Factory implements CommandLine.IFactory {
        private final InputStream stdin;

        Factory(InputStream stdin) {
            this.stdin = stdin;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (cls == ClusterOptions.class) {
                return cls.cast(new ClusterOptions(stdin));
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }

    /**
     * The version from the jar manifest, or {@code dev} when run from classes, then the upstream releases the model
     * follows ({@link ModelVersions}).
     */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"kpbench " + (v == null ? "dev" : v)
                    + " (Java " + System.getProperty("java.version") + ")",
                "model follows: " + ModelVersions.summary()};
        }
    }
}
