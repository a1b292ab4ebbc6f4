package io.kpbench.reports;

import io.kpbench.reports.read.ResultsFolder;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code report}: report.html, REPORT.md and charts/ for one results folder, written into a folder of their own. */
@Command(name = "report",
        description = {"Writes report.html (self-contained, opens from disk), REPORT.md and charts/*.png|svg for a "
            + "results folder, and prints the path of report.html.",
            "The results folder is only read: output goes to -o OUT, by default RESULTS/report-<run id>/."})
final class ReportCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "DIR", description = "the results folder (results/<UTC>-<sha>/)")
    Path dir;

    @Option(names = "--latest", arity = "0..1", paramLabel = "RESULTS", fallbackValue = "",
            description = "report on the newest run folder under RESULTS (without a value: the --results folder)")
    String latest;

    @Mixin
    ResultsFolders folders;

    @Option(names = "--in-place", description = "write into the results folder itself, as mvn verify -Pbench does "
            + "for the run folder it has just made")
    boolean inPlace;

    @Option(names = "--calibration", paramLabel = "FILE", description = "project kernel first-packet cost with this "
            + "calibration.json (for example one taken on a real node) instead of the results folder's own")
    Path calibration;

    @Override
    public Integer call() {
        if ((dir == null) == (latest == null)) {
            throw new CommandLine.ParameterException(folders.commandLine(), dir == null
                    ? "a results folder DIR or --latest is required" : "give either DIR or --latest, not both");
        }
        if (inPlace && folders.out != null) {
            throw new CommandLine.ParameterException(folders.commandLine(),
                    "give either -o OUT or --in-place, not both");
        }
        Path source = dir != null ? dir : ReportMain.latest(latest.isEmpty() ? folders.results : Path.of(latest));
        ResultsFolder folder = folders.read(source);
        Path target = inPlace ? source : folders.target("report-" + folder.runId());
        folders.wrote(ReportMain.report(folder, target, calibration));
        return 0;
    }
}
