package io.kpbench.reports;

import io.kpbench.common.UserError;
import io.kpbench.reports.chart.ChartRenderer;
import io.kpbench.reports.chart.ChartSpec;
import io.kpbench.reports.html.HtmlReport;
import io.kpbench.reports.html.MarkdownReport;
import io.kpbench.reports.merge.MergeCommand;
import io.kpbench.reports.read.IoReason;
import io.kpbench.reports.read.ResultsFolder;
import io.kpbench.reports.read.ResultsReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The reports entry point (picocli): {@code report} writes report.html, REPORT.md and charts/ for a results folder,
 * {@code compare} compares two, {@code pool} pools the paired ratios of several ({@code merge} combines a sharded
 * run's folders into one); each writes into a folder of its own under {@code results/} unless told otherwise.
 *
 * <p>Exit codes: 0 success, 2 bad input (one line on stderr naming the file and what is wrong, no stack trace),
 * 1 an internal error.
 */
@Command(name = "kpbench-reports", scope = CommandLine.ScopeType.INHERIT, mixinStandardHelpOptions = true,
        versionProvider = ReportMain.Version.class, showDefaultValues = true, sortOptions = false,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "2:bad input: one line naming the file and what is wrong"},
        description = "Reports on kpbench results folders (results/<UTC>-<sha>/), compares two of them, pools the "
            + "paired ratios of several and merges a sharded run's folders.",
        subcommands = {ReportCommand.class, CompareCommand.class, PoolCommand.class, MergeCommand.class,
            CommandLine.HelpCommand.class})
public final class ReportMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The process entry point. */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        int code = run(args, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /** Runs a command and returns the exit code; what tests call. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new ReportMain());
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cl.registerConverter(Path.class, ReportMain::path);
        cl.setOverwrittenOptionsAllowed(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println(prefix(c) + ex.getMessage() + " (see --help)");
            c.getErr().flush();
            return UserError.EXIT_CODE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            String line = ex instanceof UserError ? ex.getMessage()
                    : ex instanceof UncheckedIOException u ? "cannot read or write: " + IoReason.of(u.getCause())
                    : null;
            if (line == null) {
                throw ex;
            }
            c.getErr().println(prefix(c) + line);
            c.getErr().flush();
            return UserError.EXIT_CODE;
        });
        return cl.execute(args);
    }

    private static String prefix(CommandLine c) {
        String name = c.getCommandName();
        boolean own = name.equals("compare") || name.equals("pool") || name.equals("merge");
        return "kpbench " + (own ? name : "report") + ": ";
    }

    private static Path path(String s) {
        try {
            return Path.of(s);
        } catch (InvalidPathException e) {
            throw new CommandLine.TypeConversionException("'" + s + "' is not a valid path");
        }
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: report, compare or merge");
    }

    /** Reads {@code dir} whole (any damage is a user error) and writes its report into {@code out}. */
    public static Path report(Path dir, Path out) {
        return report(whole(ResultsReader.read(dir)), out);
    }

    /** Writes the report of {@code folder} into {@code out} and returns the path of report.html. */
    static Path report(ResultsFolder folder, Path out) {
        return report(folder, out, null);
    }

    /** The same, projecting kernel time with {@code calibration} (another machine's file) when not null. */
    static Path report(ResultsFolder folder, Path out, Path calibration) {
        Report r = Report.of(folder, calibration);
        try {
            for (ChartSpec c : r.charts().charts()) {
                ChartRenderer.render(c, out.resolve("charts"));
            }
        } catch (IOException e) {
            throw new UserError(out.resolve("charts") + ": cannot write: " + IoReason.of(e), e);
        }
        MarkdownReport.write(r, out);
        return HtmlReport.write(r, out);
    }

    /** {@code folder} when nothing in it is damaged; otherwise a user error naming the first problem. */
    static ResultsFolder whole(ResultsFolder folder) {
        if (!folder.problems().isEmpty()) {
            throw new UserError(folder.problems().get(0).line() + (folder.problems().size() > 1
                    ? " (and " + (folder.problems().size() - 1) + " more)" : "")
                    + "; --partial reports what is readable");
        }
        return folder;
    }

    /**
     * The newest run folder under {@code results}: of the folders holding a jmh.json or run.json (so never a
     * report or comparison written there), the greatest name (run folders start with a UTC time stamp).
     */
    static Path latest(Path results) {
        if (!Files.isDirectory(results)) {
            throw new UserError(results + ": no such folder (--latest looks for run folders in it)");
        }
        try (Stream<Path> s = Files.list(results)) {
            return s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> Files.exists(p.resolve("jmh.json")) || Files.exists(p.resolve("run.json")))
                    .max(Comparator.comparing(p -> p.getFileName().toString()))
                    .orElseThrow(() -> new UserError(results + ": no run folders (none holds a jmh.json or "
                            + "run.json)"));
        } catch (IOException e) {
            throw new UserError(results + ": cannot read: " + IoReason.of(e), e);
        }
    }

    /** The version from the jar manifest, or {@code dev} when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = ReportMain.class.getPackage().getImplementationVersion();
            return new String[] {"kpbench-reports " + (v == null ? "dev" : v)};
        }
    }
}
