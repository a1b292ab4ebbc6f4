package io.kpbench.reports;

import io.kpbench.common.UserError;
import io.kpbench.reports.chart.ChartRenderer;
import io.kpbench.reports.chart.ChartSpec;
import io.kpbench.reports.compare.CompareWriter;
import io.kpbench.reports.compare.Comparison;
import io.kpbench.reports.html.HtmlReport;
import io.kpbench.reports.html.MarkdownReport;
import io.kpbench.reports.read.ResultsFolder;
import io.kpbench.reports.read.ResultsReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The reports entry point: {@code report DIR} (or {@code report --latest RESULTS}) writes report.html, REPORT.md
 * and charts/ into the results folder; {@code compare OLD NEW} writes a comparison.
 *
 * <p>Exit codes: 0 success, 2 bad input (one line on stderr, no stack trace), 1 an internal error.
 */
public final class ReportMain {
    static final String USAGE = """
            usage: ReportMain report DIR                 write DIR/report.html, DIR/REPORT.md, DIR/charts/
                   ReportMain report --latest RESULTS    the same for the newest folder under RESULTS
                   ReportMain report --require-jmh ...   fail (exit 2) when jmh.json has no results
                   ReportMain compare OLD NEW [--tolerance PCT] [--out DIR]
                                                         compare two results folders (default tolerance 10%,
                                                         output NEW/compare-<OLD name>/)""";

    private ReportMain() {
    }

    /** The process entry point. */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        int code = run(args, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /** Runs a command and returns the exit code; what tests call. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String cmd = args.length == 0 ? "" : args[0];
        try {
            switch (cmd) {
                case "report" -> out.println("kpbench report: wrote " + report(args));
                case "compare" -> out.println("kpbench compare: wrote " + compare(args));
                case "-h", "--help", "help" -> out.println(USAGE);
                default -> throw new UserError((cmd.isEmpty() ? "a command is required" : "unknown command '" + cmd
                        + "'") + " (see --help)");
            }
            return 0;
        } catch (UserError e) {
            err.println("kpbench " + (cmd.equals("compare") ? "compare" : "report") + ": " + e.getMessage());
            return UserError.EXIT_CODE;
        }
    }

    static Path report(String[] args) {
        List<String> a = new java.util.ArrayList<>(List.of(args).subList(1, args.length));
        boolean requireJmh = a.remove("--require-jmh");
        Path dir;
        if (a.size() == 2 && a.get(0).equals("--latest")) {
            dir = latest(Path.of(a.get(1)));
        } else if (a.size() == 1 && !a.get(0).startsWith("-")) {
            dir = Path.of(a.get(0));
        } else {
            throw new UserError("report takes one results folder (see --help)");
        }
        if (requireJmh && ResultsReader.read(dir).records().isEmpty()) {
            throw new UserError(dir.resolve("jmh.json") + ": no benchmark results (JMH wrote none, or the run "
                    + "failed)");
        }
        return report(dir);
    }

    /** Writes the report of {@code dir} into it and returns the path of report.html. */
    public static Path report(Path dir) {
        ResultsFolder folder = ResultsReader.read(dir);
        Report r = Report.of(folder);
        try {
            for (ChartSpec c : r.charts().charts()) {
                ChartRenderer.render(c, dir.resolve("charts"));
            }
        } catch (IOException e) {
            throw new UserError(dir.resolve("charts") + ": cannot write: " + e.getMessage(), e);
        }
        MarkdownReport.write(r, dir);
        return HtmlReport.write(r, dir);
    }

    /** The newest run folder under {@code results}: the greatest name (names start with a UTC time stamp). */
    static Path latest(Path results) {
        if (!Files.isDirectory(results)) {
            throw new UserError(results + ": not a directory");
        }
        try (Stream<Path> s = Files.list(results)) {
            return s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                    .max(Comparator.comparing(p -> p.getFileName().toString()))
                    .orElseThrow(() -> new UserError(results + ": no run folders"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path compare(String[] args) {
        List<String> a = List.of(args).subList(1, args.length);
        double tolerance = Comparison.DEFAULT_TOLERANCE;
        Path out = null;
        List<String> dirs = new java.util.ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            String s = a.get(i);
            if ((s.equals("--tolerance") || s.equals("--out")) && i + 1 >= a.size()) {
                throw new UserError(s + " needs a value (see --help)");
            }
            if (s.equals("--tolerance")) {
                tolerance = tolerance(a.get(++i));
            } else if (s.equals("--out")) {
                out = Path.of(a.get(++i));
            } else if (s.startsWith("-")) {
                throw new UserError("unknown option '" + s + "' (see --help)");
            } else {
                dirs.add(s);
            }
        }
        if (dirs.size() != 2) {
            throw new UserError("compare takes OLD and NEW results folders (see --help)");
        }
        ResultsFolder older = ResultsReader.read(Path.of(dirs.get(0)));
        ResultsFolder newer = ResultsReader.read(Path.of(dirs.get(1)));
        String oldName = String.valueOf(older.dir().toAbsolutePath().normalize().getFileName());
        String newName = String.valueOf(newer.dir().toAbsolutePath().normalize().getFileName());
        Path target = out != null ? out : newer.dir().resolve("compare-" + oldName);
        return CompareWriter.write(Comparison.compare(older.records(), newer.records(), tolerance), oldName, newName,
                tolerance, target);
    }

    static double tolerance(String s) {
        try {
            double pct = Double.parseDouble(s.endsWith("%") ? s.substring(0, s.length() - 1) : s);
            if (pct < 0 || !Double.isFinite(pct)) {
                throw new NumberFormatException();
            }
            return pct / 100;
        } catch (NumberFormatException e) {
            throw new UserError("--tolerance " + s + ": not a percentage (such as 10 or 10%)");
        }
    }
}
