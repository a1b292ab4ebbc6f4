package io.kpbench.reports.read;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * An experiment CSV ({@code memory.csv}, {@code lb-distribution.csv}, {@code lb-disruption.csv}): a header row and
 * plain comma-separated values (the experiments write no quoting); lines starting with {@code #} are comments.
 *
 * @param name the file name
 * @param header the column names
 * @param rows the rows, each as wide as the header (short rows padded with {@code ""})
 */
public record CsvTable(String name, List<String> header, List<List<String>> rows) {
    /** Reads a CSV; blank lines are skipped, a missing header gives an empty table. */
    public static CsvTable read(Path file) throws IOException {
        return parse(file.getFileName().toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /** Parses the lines of a CSV named {@code name}. */
    public static CsvTable parse(String name, List<String> lines) {
        List<String> header = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> cells = split(line);
            if (header.isEmpty()) {
                header.addAll(cells);
                continue;
            }
            while (cells.size() < header.size()) {
                cells.add("");
            }
            rows.add(Collections.unmodifiableList(cells));
        }
        return new CsvTable(name, List.copyOf(header), List.copyOf(rows));
    }

    private static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        for (String c : line.split(",", -1)) {
            String t = c.trim();
            if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
                t = t.substring(1, t.length() - 1);
            }
            out.add(t);
        }
        return out;
    }

    /** The column index, or -1. */
    public int column(String name) {
        return header.indexOf(name);
    }

    /** The rows as column-name maps, filtered. */
    public List<Map<String, String>> where(Predicate<Map<String, String>> filter) {
        List<Map<String, String>> out = new ArrayList<>();
        for (List<String> r : rows) {
            Map<String, String> m = new java.util.LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                m.put(header.get(i), i < r.size() ? r.get(i) : "");
            }
            if (filter.test(m)) {
                out.add(m);
            }
        }
        return out;
    }

    /** All rows as column-name maps. */
    public List<Map<String, String>> maps() {
        return where(m -> true);
    }

    /** A cell as a number, or NaN. */
    public static double num(Map<String, String> row, String column) {
        try {
            return Double.parseDouble(row.getOrDefault(column, ""));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
