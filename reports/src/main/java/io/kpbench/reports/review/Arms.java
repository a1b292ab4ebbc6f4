package io.kpbench.reports.review;

import io.kpbench.reports.Table;
import io.kpbench.reports.read.PairedCsv;
import io.kpbench.reports.read.ResultsFolder;
import java.util.ArrayList;
import java.util.List;

/**
 * The paired arms (arms.csv): each arm's ns/op per benchmark variant and parameters, the geometric mean over forks
 * of each fork's median with its 95% interval; the no-op baseline is the harness floor of the same packet path.
 */
public final class Arms {
    private static final List<String> HEADER = List.of("variant", "services", "arm", "ns/op", "95% interval",
            "forks");

    /** What the figures and intervals are, under the table. */
    public static final String NOTE = "ns/op: geometric mean over paired forks of each fork's median for the arm; "
            + "interval: 95% t-interval over forks, never JMH's 99.9% iteration error. The harness floor is a no-op "
            + "data plane driven through the same packet path: what every other arm pays before classifying.";

    private Arms() {
    }

    /** The table, or null when the run has no arms.csv. */
    public static Table of(ResultsFolder f) {
        List<PairedCsv.Arm> arms = PairedCsv.arms(f);
        if (f.table(PairedCsv.ARMS) == null) {
            return null;
        }
        List<List<String>> rows = new ArrayList<>();
        for (PairedCsv.Arm a : arms) {
            rows.add(List.of(Labels.variant(a.benchmark()), Labels.services(a.services(), a.params()),
                    Labels.arm(a.arm()), Labels.sig3(a.nsPerOp()), Labels.interval(a.nsPerOp(), a.low(), a.high()),
                    Integer.toString(a.forks())));
        }
        return new Table("Paired arms", HEADER, rows, List.of(false, true, false, true, true, true));
    }
}
