package io.kpbench.reports.read;

import java.util.ArrayList;
import java.util.List;

/**
 * The line-by-line check of the CSVs the report trusts for its headline figures ({@link PairedCsv},
 * {@link ProgrammingLatencyCsv}): the header must be one of the file's accepted headers exactly, no line may have
 * more fields than it, a short line is named as truncated, and each cell passes the file's own rule. The first
 * defect is returned as {@code line 4: median: not a number ("x")}; blank lines and {@code #} comments are
 * skipped, as {@link CsvTable} does.
 */
final class StrictCsv {
    /** A file's rule for one cell. */
    @FunctionalInterface
    interface CellRule {
        /**
         * What is wrong with cell {@code column} ({@code name}, trimmed {@code value}) of a line split into
         * {@code cells}, or null when it is fine.
         */
        String defect(String name, String value, String[] cells, int column);
    }

    private StrictCsv() {
    }

    /**
     * The first defect of {@code lines}, or null when every line is whole.
     *
     * @param headers the accepted headers, the current one first (the one a defect names)
     */
    static String check(List<String> lines, List<List<String>> headers, CellRule rule) {
        List<String> header = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split(",", -1);
            String at = "line " + (i + 1) + ": ";
            if (header == null) {
                List<String> got = new ArrayList<>();
                for (String c : cells) {
                    got.add(c.trim());
                }
                header = headers.stream().filter(got::equals).findFirst().orElse(null);
                if (header == null) {
                    return at + "header: not " + String.join(",", headers.get(0));
                }
                continue;
            }
            if (cells.length > header.size()) {
                return at + cells.length + " fields, " + header.size() + " expected";
            }
            for (int c = 0; c < header.size(); c++) {
                String name = header.get(c);
                if (c >= cells.length) {
                    return at + name + ": missing (the line has " + cells.length + " of " + header.size()
                            + " fields: truncated?)";
                }
                String defect = rule.defect(name, cells[c].trim(), cells, c);
                if (defect != null) {
                    return at + name + ": " + defect;
                }
            }
        }
        return header != null ? null : "no header (" + String.join(",", headers.get(0)) + " expected)";
    }

    /** True for a finite number or {@code NaN}, when {@code nanAllowed}; at least {@code min}. */
    static boolean number(String v, boolean nanAllowed, double min) {
        if (nanAllowed && v.equals("NaN")) {
            return true;
        }
        try {
            double d = Double.parseDouble(v);
            return Double.isFinite(d) && d >= min;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
