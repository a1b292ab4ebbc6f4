package io.kpbench.reports.findings;

import io.kpbench.reports.read.JmhRecord;
import io.kpbench.reports.read.ResultsFolder;
import java.util.List;

/** Like-for-like slices of a run that sentences, panels and charts compare across modes. */
public final class Slices {
    private Slices() {
    }

    /** First-packet records at one traffic shape (UNIFORM when present) and the smallest endpoint count. */
    public static List<JmhRecord> firstPacket(ResultsFolder f) {
        return DataPlaneFindings.firstPacket(f);
    }

    /** The record of {@code mode} at {@code services} in {@code recs}, or null. */
    public static JmhRecord at(List<JmhRecord> recs, String mode, double services) {
        return DataPlaneFindings.at(recs, mode, services);
    }
}
