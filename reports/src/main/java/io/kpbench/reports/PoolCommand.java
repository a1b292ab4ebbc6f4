package io.kpbench.reports;

import io.kpbench.reports.pool.PoolRuns;
import io.kpbench.reports.pool.PoolWriter;
import io.kpbench.reports.pool.Pooling;
import io.kpbench.reports.read.PairedCsv;
import io.kpbench.reports.read.ResultsFolder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pool}: several runs' paired ratios, the run as the unit, with a 95% interval over runs. */
@Command(name = "pool",
        description = {"Pools the paired ratios (ratios.csv) of two or more runs of one commit, cluster and machine: "
            + "each ratio as the geometric mean over runs with a 95%% t-interval over runs, which carries the "
            + "host's drift between runs that one run's interval over its forks cannot show; the runs' range, "
            + "how much wider they spread than their own intervals promised, and how many runs hold a target "
            + "half-width. Writes pooled.csv and pooled.md; prints the path of pooled.md.",
            "The folders are only read: output goes to -o OUT, by default RESULTS/pool-<N>-runs-<FIRST>-to-<LAST>/."})
final class PoolCommand implements Callable<Integer> {
    @Parameters(arity = "2..*", paramLabel = "RUN", description = "the results folders, two or more")
    List<Path> dirs;

    @Option(names = "--target", paramLabel = "PCT", defaultValue = "10",
            description = "the half-width 'runs for ±PCT' aims at (10 or 10%%)")
    String target;

    @Option(names = "--across-commits", description = "pool runs of different commits (only when the code they "
            + "measured is the same)")
    boolean acrossCommits;

    @Mixin
    ResultsFolders folders;

    @Override
    public Integer call() {
        double t = CompareCommand.percent("--target", target);
        List<ResultsFolder> read = new ArrayList<>();
        dirs.forEach(d -> read.add(folders.read(d)));
        List<ResultsFolder> runs = PoolRuns.check(read, acrossCommits);
        List<List<PairedCsv.Ratio>> ratios = runs.stream().map(PairedCsv::ratios).toList();
        String name = "pool-" + runs.size() + "-runs-" + runs.get(0).runId() + "-to-"
                + runs.get(runs.size() - 1).runId();
        folders.wrote(PoolWriter.write(runs, Pooling.pool(ratios, t), t, acrossCommits, folders.target(name)));
        return 0;
    }
}
