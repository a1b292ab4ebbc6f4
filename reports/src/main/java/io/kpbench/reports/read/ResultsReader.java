package io.kpbench.reports.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kpbench.common.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * Reads a results folder into a {@link ResultsFolder}: what is there, notes of what is missing, and problems (a
 * missing, truncated or garbled {@code jmh.json}, a binary or unparseable file) each naming its file. A path that
 * is not a folder, or a folder with none of jmh.json, run.json or an experiment CSV, is a {@link UserError}.
 */
public final class ResultsReader {
    /** The experiment CSVs the report knows how to chart. */
    public static final List<String> KNOWN_CSV = List.of("memory.csv", "lb-distribution.csv", "lb-disruption.csv",
            ProgrammingLatencyCsv.NAME);

    /** The prefix of the programming-latency experiment's {@code .hgrm} files, which are not packet latencies. */
    private static final String PROGRAMMING_HGRM = "programming-latency-";

    private final Path dir;
    private final List<String> notes = new ArrayList<>();
    private final List<ResultsFolder.Problem> problems = new ArrayList<>();

    private ResultsReader(Path dir) {
        this.dir = dir;
    }

    /** Reads {@code dir}. */
    public static ResultsFolder read(Path dir) {
        if (!Files.exists(dir)) {
            throw new UserError(dir + ": no such folder");
        }
        if (!Files.isDirectory(dir)) {
            throw new UserError(dir + ": not a folder (a results folder such as results/<UTC>-<sha>/ expected)");
        }
        try {
            return new ResultsReader(dir).readDir();
        } catch (IOException e) {
            throw new UserError(dir + ": cannot read: " + IoReason.of(e), e);
        }
    }

    private ResultsFolder readDir() throws IOException {
        Path jmh = dir.resolve("jmh.json");
        Path runJson = dir.resolve("run.json");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.sorted().toList();
        }
        Map<String, CsvTable> csv = new TreeMap<>();
        boolean anyCsv = false;
        for (Path f : files) {
            if (f.getFileName().toString().endsWith(".csv") && Files.isRegularFile(f)) {
                anyCsv = true;
                String name = f.getFileName().toString();
                if (text(f, "comma-separated values") && whole(f, name)) {
                    csv.put(name, CsvTable.read(f));
                }
            }
        }
        if (!Files.exists(jmh) && !Files.exists(runJson) && !anyCsv) {
            throw new UserError(dir + ": not a results folder (no jmh.json, run.json or CSV)");
        }
        RunMeta run = run(runJson);
        List<JmhRecord> records = records(jmh, run);
        for (String known : KNOWN_CSV) {
            if (!files.contains(dir.resolve(known))) {
                notes.add(known + " is missing.");
            }
        }
        List<PercentileSpectrum> spectra = spectra(files);
        List<String> flames = new ArrayList<>();
        Path fg = dir.resolve("flamegraphs");
        if (Files.isDirectory(fg)) {
            try (Stream<Path> s = Files.walk(fg)) {
                s.filter(Files::isRegularFile).sorted().forEach(p -> flames.add(dir.relativize(p).toString()));
            }
        }
        return new ResultsFolder(dir, records, run, csv, spectra, flames, List.copyOf(notes), List.copyOf(problems));
    }

    /**
     * True unless {@code f} is a paired CSV or {@code programming-latency.csv} with a damaged line; that line is
     * recorded as a problem.
     */
    private boolean whole(Path f, String name) throws IOException {
        String defect;
        if (PairedCsv.known(name)) {
            defect = PairedCsv.check(name, Files.readAllLines(f, StandardCharsets.UTF_8));
        } else if (name.equals(ProgrammingLatencyCsv.NAME)) {
            defect = ProgrammingLatencyCsv.check(Files.readAllLines(f, StandardCharsets.UTF_8));
        } else {
            return true;
        }
        if (defect != null) {
            problem(f, defect);
        }
        return defect == null;
    }

    private void problem(Path file, String what) {
        problems.add(new ResultsFolder.Problem(file, what));
    }

    /** True when {@code f} is text; otherwise a problem is recorded. */
    private boolean text(Path f, String expected) throws IOException {
        String binary = TextCheck.notText(f, expected);
        if (binary != null) {
            problem(f, binary);
        }
        return binary == null;
    }

    /**
     * The records of jmh.json. None is a problem, except in a shard whose run.json says it held no JMH cells
     * ({@code shard.cells} 0: more shards than comparison groups), which ran only its experiments: a note.
     */
    private List<JmhRecord> records(Path jmh, RunMeta run) throws IOException {
        if (!Files.exists(jmh)) {
            problem(jmh, "missing (no JMH benchmark results)");
            return List.of();
        }
        JmhJsonReader.Result r = JmhJsonReader.read(jmh);
        r.problems().forEach(p -> problem(jmh, p));
        if (r.records().isEmpty() && r.problems().isEmpty()) {
            if (run != null && run.text("shard.cells").equals("0")) {
                notes.add("jmh.json has no benchmark results: shard " + run.text("shard.index") + "/"
                        + run.text("shard.count") + " held no benchmark cells and ran only its experiments.");
            } else {
                problem(jmh, "no benchmark results (JMH wrote none, or every benchmark failed)");
            }
        }
        return r.records();
    }

    private RunMeta run(Path runJson) throws IOException {
        if (!Files.exists(runJson)) {
            notes.add("run.json is missing: no run metadata (JVM, host, commit).");
            return null;
        }
        if (!text(runJson, "the run's JSON description")) {
            return null;
        }
        try {
            JsonNode n = new ObjectMapper().readTree(runJson.toFile());
            if (n == null || !n.isObject()) {
                problem(runJson, "not a run description (a JSON object expected)");
                return null;
            }
            return new RunMeta(n);
        } catch (JsonProcessingException e) {
            problem(runJson, TextCheck.jsonProblem(e, Files.size(runJson)));
            return null;
        }
    }

    private List<PercentileSpectrum> spectra(List<Path> files) throws IOException {
        List<PercentileSpectrum> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Path hlog = null;
        for (Path f : files) {
            String n = f.getFileName().toString();
            if (n.startsWith(PROGRAMMING_HGRM)) {
                continue; // the control plane's per-cell histograms: summarised in programming-latency.csv
            }
            if (n.endsWith(".hgrm") && text(f, "an HdrHistogram percentile distribution")) {
                PercentileSpectrum s = PercentileSpectrum.read(f);
                if (s != null && !s.points().isEmpty()) {
                    out.add(s);
                    seen.add(s.mode() + "-" + s.scenario());
                } else {
                    problem(f, "no percentile rows (HdrHistogram's percentile distribution expected)");
                }
            } else if (n.equals("latency.hlog")) {
                hlog = f;
            }
        }
        if (hlog != null && text(hlog, "an HdrHistogram interval log")) {
            try {
                for (Map.Entry<String, Histogram> e : IntervalLog.read(hlog).entrySet()) {
                    PercentileSpectrum s = IntervalLog.spectrum(e.getKey(), e.getValue());
                    if (!seen.contains(s.mode() + "-" + s.scenario()) && e.getValue().getTotalCount() > 0) {
                        out.add(s);
                    }
                }
            } catch (RuntimeException e) {
                problem(hlog, "not an HdrHistogram interval log");
            }
        } else if (hlog == null && out.isEmpty()) {
            notes.add("No latency histograms (latency-*.hgrm, latency.hlog).");
        }
        out.sort(Comparator.comparing(PercentileSpectrum::scenario).thenComparing(PercentileSpectrum::mode));
        return out;
    }
}
