package io.kpbench.reports.merge;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code merge OUT DIR...}: the shards of a run ({@code -Dbench.shard=I/N}) as one results folder. */
@Command(name = "merge",
        description = {"Combines the results folders of a sharded run (-Dbench.shard=I/N, one folder a shard) into "
            + "the new results folder OUT: jmh.json (JMH's format), each experiment CSV under one header, the other "
            + "files, and run.json listing the shards and their machines; prints the path of OUT.",
            "Refuses, with one line naming the folder, the field and both values, shards of different commits, "
            + "profiles, includes or shard counts, and a shard index given twice or missing."})
public final class MergeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OUT", description = "the merged results folder (must not exist)")
    Path out;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "DIR", description = "the shards' results folders")
    List<Path> dirs;

    @Override
    public Integer call() {
        ShardMerge.Summary s = ShardMerge.merge(out, dirs);
        spec.commandLine().getErr().println("kpbench merge: " + s.shards() + " shards, " + s.records()
                + " JMH records, " + s.csvs() + " CSVs, " + s.files() + " other files");
        spec.commandLine().getErr().flush();
        spec.commandLine().getOut().println(s.out());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
