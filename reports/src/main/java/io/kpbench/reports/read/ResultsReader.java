package io.kpbench.reports.read;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kpbench.common.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Reads a results folder into a {@link ResultsFolder}; a partial folder gives what is there plus notes, a folder
 * with none of jmh.json, run.json or an experiment CSV is a {@link UserError}.
 */
public final class ResultsReader {
    /** The experiment CSVs the report knows how to chart. */
    public static final List<String> KNOWN_CSV = List.of("memory.csv", "lb-distribution.csv", "lb-disruption.csv");

    private ResultsReader() {
    }

    /** Reads {@code dir}. */
    public static ResultsFolder read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UserError(dir + ": not a directory");
        }
        try {
            return readDir(dir);
        } catch (IOException e) {
            throw new UserError(dir + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static ResultsFolder readDir(Path dir) throws IOException {
        Path jmh = dir.resolve("jmh.json");
        Path runJson = dir.resolve("run.json");
        Map<String, CsvTable> csv = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.sorted().toList();
        }
        for (Path f : files) {
            if (f.getFileName().toString().endsWith(".csv") && Files.isRegularFile(f)) {
                csv.put(f.getFileName().toString(), CsvTable.read(f));
            }
        }
        if (!Files.exists(jmh) && !Files.exists(runJson) && csv.isEmpty()) {
            throw new UserError(dir + ": not a results folder (no jmh.json, run.json or CSV)");
        }
        List<String> notes = new ArrayList<>();
        List<JmhRecord> records = List.of();
        if (!Files.exists(jmh)) {
            notes.add("jmh.json is missing: no JMH benchmark results.");
        } else {
            JmhJsonReader.Result r = JmhJsonReader.read(jmh);
            records = r.records();
            if (r.problem() != null) {
                notes.add("jmh.json is " + r.problem() + "; the report shows the " + records.size()
                        + " complete records.");
            }
        }
        RunMeta run = null;
        if (!Files.exists(runJson)) {
            notes.add("run.json is missing: no run metadata (JVM, host, commit).");
        } else {
            try {
                run = new RunMeta(new ObjectMapper().readTree(runJson.toFile()));
            } catch (IOException e) {
                notes.add("run.json is unreadable (" + e.getMessage().lines().findFirst().orElse("") + ").");
            }
        }
        for (String known : KNOWN_CSV) {
            if (!csv.containsKey(known)) {
                notes.add(known + " is missing.");
            }
        }
        List<PercentileSpectrum> spectra = spectra(files, notes);
        List<String> flames = new ArrayList<>();
        Path fg = dir.resolve("flamegraphs");
        if (Files.isDirectory(fg)) {
            try (Stream<Path> s = Files.walk(fg)) {
                s.filter(Files::isRegularFile).sorted().forEach(p -> flames.add(dir.relativize(p).toString()));
            }
        }
        return new ResultsFolder(dir, records, run, csv, spectra, flames, List.copyOf(notes));
    }

    private static List<PercentileSpectrum> spectra(List<Path> files, List<String> notes) throws IOException {
        List<PercentileSpectrum> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Path hlog = null;
        for (Path f : files) {
            String n = f.getFileName().toString();
            if (n.endsWith(".hgrm")) {
                PercentileSpectrum s = PercentileSpectrum.read(f);
                if (s != null && !s.points().isEmpty()) {
                    out.add(s);
                    seen.add(s.mode() + "-" + s.scenario());
                } else {
                    notes.add(n + " has no percentile rows.");
                }
            } else if (n.equals("latency.hlog")) {
                hlog = f;
            }
        }
        if (hlog != null) {
            try {
                for (Map.Entry<String, Histogram> e : IntervalLog.read(hlog).entrySet()) {
                    PercentileSpectrum s = IntervalLog.spectrum(e.getKey(), e.getValue());
                    if (!seen.contains(s.mode() + "-" + s.scenario()) && e.getValue().getTotalCount() > 0) {
                        out.add(s);
                    }
                }
            } catch (RuntimeException e) {
                notes.add("latency.hlog is unreadable (" + e.getClass().getSimpleName() + ").");
            }
        } else if (out.isEmpty()) {
            notes.add("No latency histograms (latency-*.hgrm, latency.hlog).");
        }
        out.sort(Comparator.comparing(PercentileSpectrum::scenario).thenComparing(PercentileSpectrum::mode));
        return out;
    }
}
