package io.kpbench.reports.read;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Everything read from one results folder ({@code results/<UTC>-<sha>/}), including what was missing or damaged.
 *
 * @param dir the folder
 * @param records the complete JMH records (empty when jmh.json is missing)
 * @param run run.json, or null when missing or unreadable
 * @param csv the experiment CSVs by file name
 * @param spectra the latency spectra ({@code .hgrm} files, and {@code latency.hlog} tags without one)
 * @param flamegraphs flame graph files, relative to {@code dir}
 * @param notes what is missing or damaged, one sentence each; shown in every report
 */
public record ResultsFolder(Path dir, List<JmhRecord> records, RunMeta run, Map<String, CsvTable> csv,
        List<PercentileSpectrum> spectra, List<String> flamegraphs, List<String> notes) {
    /** Records whose short name ({@code SyncBenchmark.fullSync}) equals {@code shortName}. */
    public List<JmhRecord> bench(String shortName) {
        return bench(shortName, r -> true);
    }

    /** Records of {@code shortName} that pass {@code filter}. */
    public List<JmhRecord> bench(String shortName, Predicate<JmhRecord> filter) {
        List<JmhRecord> out = new ArrayList<>();
        for (JmhRecord r : records) {
            if (r.shortName().equals(shortName) && r.primary().present() && filter.test(r)) {
                out.add(r);
            }
        }
        return out;
    }

    /** A CSV by file name, or null. */
    public CsvTable table(String name) {
        return csv.get(name);
    }
}
