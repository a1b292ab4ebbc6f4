package io.kpbench.reports;

import io.kpbench.reports.read.ResultsFolder;
import io.kpbench.reports.read.ResultsReader;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The folders {@code report} and {@code compare} read and write (a picocli mixin). A results folder is read whole,
 * so that any damage is a user error naming it ({@link ReportMain#whole}), unless {@code --partial} accepts what
 * is readable; output goes to {@code -o OUT}, else to a folder of its own under {@code --results}, and the
 * command prints one line naming what it wrote.
 */
final class ResultsFolders {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--partial", description = "accept a damaged or incomplete results folder (a truncated or "
            + "missing jmh.json, an unreadable file): report names each gap in the report, compare uses the "
            + "complete records")
    boolean partial;

    @Option(names = {"-o", "--out"}, paramLabel = "OUT",
            description = "the folder to write into (default: a folder of its own under RESULTS, named as above)")
    Path out;

    @Option(names = "--results", paramLabel = "RESULTS", defaultValue = "results",
            description = "where default output folders go (and where report --latest looks)")
    Path results;

    /** The results folder {@code dir}, refused when damaged unless {@code --partial}. */
    ResultsFolder read(Path dir) {
        ResultsFolder f = ResultsReader.read(dir);
        return partial ? f : ReportMain.whole(f);
    }

    /** {@code -o OUT} if given, else {@code RESULTS/<name>}. */
    Path target(String name) {
        return out != null ? out : results.resolve(name);
    }

    /** The command line of the command this mixes into, for its parameter errors. */
    CommandLine commandLine() {
        return command.commandLine();
    }

    /** Prints {@code kpbench <command>: wrote <file>} on the command's standard output. */
    void wrote(Path file) {
        command.commandLine().getOut().println("kpbench " + command.name() + ": wrote " + file);
    }
}
