package io.kpbench.reports;

import io.kpbench.common.UserError;
import io.kpbench.reports.compare.CompareWriter;
import io.kpbench.reports.compare.Comparison;
import io.kpbench.reports.read.ResultsFolder;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code compare}: every benchmark of two runs as improved, regressed, inconclusive (noise) or unchanged. */
@Command(name = "compare",
        description = {"Compares two results folders: each benchmark row's ratio new / old with its 99.9%% interval "
            + "and a verdict (improved, regressed, inconclusive (noise), unchanged), a plot per benchmark, in "
            + "compare.md and a self-contained compare.html; prints the path of compare.html.",
            "Both folders are only read: output goes to -o OUT, by default RESULTS/compare-<OLD>-vs-<NEW>/."})
final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "OLD", description = "the baseline results folder")
    Path older;

    @Parameters(index = "1", paramLabel = "NEW", description = "the results folder compared with it")
    Path newer;

    @Option(names = "--tolerance", paramLabel = "PCT", defaultValue = "10",
            description = "a change within ±PCT percent of the old score counts as unchanged (10 or 10%%)")
    String tolerance;

    @Mixin
    ResultsFolders folders;

    @Override
    public Integer call() {
        double tol = percent("--tolerance", tolerance);
        ResultsFolder a = read(older);
        ResultsFolder b = read(newer);
        Path target = folders.target("compare-" + a.runId() + "-vs-" + b.runId());
        folders.wrote(CompareWriter.write(Comparison.compare(BenchTables.comparable(a.records()),
                BenchTables.comparable(b.records()), tol), a.runId(), b.runId(), tol, target));
        return 0;
    }

    private ResultsFolder read(Path dir) {
        ResultsFolder f = folders.read(dir);
        if (folders.partial && f.records().isEmpty()) {
            throw new UserError(dir.resolve("jmh.json") + ": no complete benchmark records to compare");
        }
        return f;
    }

    /** The percentage ({@code 10} or {@code 10%}) given to {@code option}, as a fraction. */
    static double percent(String option, String s) {
        try {
            double pct = Double.parseDouble(s.endsWith("%") ? s.substring(0, s.length() - 1) : s);
            if (pct < 0 || !Double.isFinite(pct)) {
                throw new NumberFormatException();
            }
            return pct / 100;
        } catch (NumberFormatException e) {
            throw new UserError(option + " " + s + ": not a percentage (such as 10 or 10%)");
        }
    }
}
