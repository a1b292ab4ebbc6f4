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
 * @param notes what is missing (optional files, data a chart needs), one sentence each; shown in every report
 * @param problems what is damaged, or absent though required; a report of such a folder is only written on request
 *     ({@code --partial}), with these shown
 */
public record ResultsFolder(Path dir, List<JmhRecord> records, RunMeta run, Map<String, CsvTable> csv,
        List<PercentileSpectrum> spectra, List<String> flamegraphs, List<String> notes, List<Problem> problems) {
    /**
     * A damaged or missing file of the folder.
     *
     * @param file the file, as resolved against the folder the user named
     * @param what what is wrong, naming the record and field where it applies ({@code record 3 (…):
     *     primaryMetric.score: missing})
     */
    public record Problem(Path file, String what) {
        /** The one-line error: {@code results/x/jmh.json: truncated after 12 complete records (…)}. */
        public String line() {
            return file + ": " + what;
        }

        /** The note inside a report, naming the file within its folder: {@code jmh.json: truncated …}. */
        public String note() {
            return file.getFileName() + ": " + what;
        }
    }

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

    /** The run id: the folder's own name ({@code 20250301T120000Z-abc123}). */
    public String runId() {
        Path name = dir.toAbsolutePath().normalize().getFileName();
        return name == null ? "results" : name.toString();
    }
}
