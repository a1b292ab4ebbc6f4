package io.kpbench.cli;

import io.kpbench.common.UserError;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code kpbench} command line: one picocli command with a subcommand per task.
 *
 * <p>Exit codes: 0 success, 2 bad input (one line on stderr, no stack trace), 1 an internal error.
 */
@Command(name = "kpbench", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Models the Kubernetes Service data plane (kube-proxy's modes) and measures it.",
        subcommands = {ValidateCommand.class, GenerateCommand.class, TraceCommand.class, RenderCommand.class,
            WalkCommand.class, DnsCommand.class, KernelLabCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    private final InputStream stdin;

    Main(InputStream stdin) {
        this.stdin = stdin;
    }

    /** The process entry point. */
    public static void main(String[] args) {
        int code = run(args, System.in, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /** Runs the CLI against the given streams and returns the exit code; what tests call. */
    public static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new Main(stdin), new Factory(stdin));
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println(c.getCommandSpec().qualifiedName() + ": " + ex.getMessage()
                    + " (see '" + c.getCommandSpec().qualifiedName() + " --help')");
            c.getErr().flush();
            return UserError.EXIT_CODE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof UserError) {
                c.getErr().println("kpbench: " + ex.getMessage());
                c.getErr().flush();
                return UserError.EXIT_CODE;
            }
            throw ex;
        });
        return cl.execute(args);
    }

    /** Stdin for subcommands that read {@code -f -}. */
    InputStream stdin() {
        return stdin;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a subcommand is required");
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

    /** The version from the jar manifest, or {@code dev} when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"kpbench " + (v == null ? "dev" : v)
                    + " (Java " + System.getProperty("java.version") + ")"};
        }
    }
}
