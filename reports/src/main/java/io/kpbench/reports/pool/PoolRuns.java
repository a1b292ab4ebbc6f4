package io.kpbench.reports.pool;

import io.kpbench.common.UserError;
import io.kpbench.reports.read.PairedCsv;
import io.kpbench.reports.read.ResultsFolder;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The runs {@code pool} may treat as draws of one quantity: each has its run.json and ratios.csv, none is given
 * twice (by run.json's {@code runId}, so that a copied folder under another name is the same run), and all measured the same cluster on the same kind of machine, at one commit unless the caller says the
 * measured code is the same across commits. A refusal is one {@link UserError} line naming the folder, the field
 * and both values.
 */
public final class PoolRuns {
    /** The run.json fields that must agree, whatever the commits. */
    private static final List<String> SAME = List.of("cluster", "host.cpuModel", "host.cpuModelNumber");

    private PoolRuns() {
    }

    /** {@code runs} in run order (their UTC run ids), after the checks. */
    public static List<ResultsFolder> check(List<ResultsFolder> runs, boolean acrossCommits) {
        Map<String, ResultsFolder> seen = new HashMap<>();
        for (ResultsFolder f : runs) {
            if (f.run() == null) {
                throw new UserError(f.dir() + ": no run.json (pool checks that the runs share a commit, a cluster "
                        + "and a machine)");
            }
            if (f.table(PairedCsv.RATIOS) == null) {
                throw new UserError(f.dir() + ": no readable " + PairedCsv.RATIOS + " (pool needs each run's paired "
                        + "ratios: a -Pbench run with the paired first-packet pass)");
            }
            String id = f.run().text("runId").isEmpty() ? f.runId() : f.run().text("runId");
            ResultsFolder twice = seen.put(id, f);
            if (twice != null) {
                throw new UserError(f.dir() + ": the run " + id + " is given twice (also as " + twice.dir() + ")");
            }
        }
        ResultsFolder first = runs.get(0);
        for (ResultsFolder f : runs.subList(1, runs.size())) {
            if (!acrossCommits) {
                same(first, f, "gitSha", " (pool runs of one commit, or add --across-commits when the code they "
                        + "measured is the same)");
            }
            for (String field : SAME) {
                same(first, f, field, ": runs of different clusters or machines are not draws of one quantity");
            }
        }
        return runs.stream().sorted(Comparator.comparing(ResultsFolder::runId)).toList();
    }

    private static void same(ResultsFolder first, ResultsFolder f, String field, String why) {
        String a = first.run().text(field);
        String b = f.run().text(field);
        if (!Objects.equals(a, b)) {
            throw new UserError(f.dir().resolve("run.json") + ": " + field + " is " + shown(b) + " here but "
                    + shown(a) + " in " + first.dir().resolve("run.json") + why);
        }
    }

    private static String shown(String v) {
        return v.isEmpty() ? "none" : "\"" + (v.length() > 80 ? v.substring(0, 77) + "..." : v) + "\"";
    }
}
