package io.kpbench.reports.findings;

import io.kpbench.reports.read.CsvTable;
import io.kpbench.reports.read.ResultsFolder;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Sentences about backend selection: disruption when an endpoint goes, and evenness. */
final class LbFindings {
    private LbFindings() {
    }

    /** The endpoint count to speak about: 100 when measured, else the largest. */
    private static double pickEndpoints(List<Map<String, String>> rows) {
        boolean hundred = rows.stream().anyMatch(r -> CsvTable.num(r, "endpoints") == 100);
        return hundred ? 100 : rows.stream().mapToDouble(r -> CsvTable.num(r, "endpoints"))
                .filter(Double::isFinite).max().orElse(Double.NaN);
    }

    private static Map<String, String> row(List<Map<String, String>> rows, String mechanism, double endpoints) {
        return rows.stream().filter(r -> r.getOrDefault("mechanism", "").toLowerCase(Locale.ROOT)
                .startsWith(mechanism) && CsvTable.num(r, "endpoints") == endpoints).findFirst().orElse(null);
    }

    private static String name(Map<String, String> r) {
        String m = r.get("mechanism").replace('_', ' ');
        String cap = m.isEmpty() ? m : Character.toUpperCase(m.charAt(0)) + m.substring(1);
        double t = CsvTable.num(r, "tableSize");
        return Double.isFinite(t) && t > 0 ? cap + " (M=" + Math.round(t) + ")" : cap;
    }

    static Optional<String> disruption(ResultsFolder f) {
        CsvTable t = f.table("lb-disruption.csv");
        if (t == null) {
            return Optional.empty();
        }
        List<Map<String, String>> rows = t.where(r -> "remove".equals(r.get("change")));
        double e = pickEndpoints(rows);
        Map<String, String> maglev = row(rows, "maglev", e);
        if (maglev == null) {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder(name(maglev) + " moves " + Fmt.pct(CsvTable.num(maglev, "movedFraction"))
                + " of flows when one of " + Fmt.count(e) + " endpoints goes");
        Map<String, String> modulo = row(rows, "modulo", e);
        if (modulo != null) {
            sb.append("; modulo moves ").append(Fmt.pct(CsvTable.num(modulo, "movedFraction")));
        }
        double opt = CsvTable.num(maglev, "optimal");
        if (Double.isFinite(opt)) {
            sb.append(" (the optimum is ").append(Fmt.pct(opt)).append(")");
        }
        return Optional.of(sb.append('.').toString());
    }

    /** A max/mean ratio, which lives just above 1: two decimals. */
    private static String evenness(double r) {
        return String.format(Locale.ROOT, "%.2f×", r);
    }

    static Optional<String> evenness(ResultsFolder f) {
        CsvTable t = f.table("lb-distribution.csv");
        if (t == null || t.rows().isEmpty()) {
            return Optional.empty();
        }
        List<Map<String, String>> rows = t.maps();
        double e = pickEndpoints(rows);
        List<Map<String, String>> at = rows.stream().filter(r -> CsvTable.num(r, "endpoints") == e)
                .sorted((a, b) -> Double.compare(CsvTable.num(a, "maxOverMean"), CsvTable.num(b, "maxOverMean")))
                .toList();
        if (at.size() < 2) {
            return Optional.empty();
        }
        Map<String, String> best = at.get(0);
        Map<String, String> worst = at.get(at.size() - 1);
        return Optional.of("With " + Fmt.count(e) + " endpoints the busiest endpoint gets "
                + evenness(CsvTable.num(best, "maxOverMean")) + " the mean load under " + name(best) + " and "
                + evenness(CsvTable.num(worst, "maxOverMean")) + " under " + name(worst) + ".");
    }
}
