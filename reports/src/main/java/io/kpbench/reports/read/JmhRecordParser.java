package io.kpbench.reports.read;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one JSON record of JMH's result array into a {@link JmhRecord}, or names the field that makes it unusable
 * ({@code record 4 (SyncBenchmark.fullSync services=1000): primaryMetric.score: missing}).
 */
final class JmhRecordParser {
    private JmhRecordParser() {
    }

    /**
     * A parsed record or its problem.
     *
     * @param record the record, or null
     * @param problem what is wrong, or null
     */
    record Parsed(JmhRecord record, String problem) {
    }

    /** A field whose value is unusable (not a number where one belongs, not an array of arrays). */
    private static final class BadField extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadField(String field, String why) {
            super(field + ": " + why, null, false, false);
        }
    }

    /** Parses record number {@code index} (1-based). */
    static Parsed parse(JsonNode n, int index) {
        String where = "record " + index;
        if (!n.isObject()) {
            return new Parsed(null, where + ": not a JSON object");
        }
        if (!n.path("benchmark").isTextual()) {
            return new Parsed(null, where + ": benchmark: missing");
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : n.path("params").properties()) {
            params.put(e.getKey(), e.getValue().asText());
        }
        String name = n.get("benchmark").asText();
        StringBuilder object = new StringBuilder(JmhRecord.shortName(name));
        params.forEach((k, v) -> object.append(' ').append(k).append('=').append(v));
        where += " (" + object + ")";
        JsonNode pm = n.get("primaryMetric");
        if (pm == null || !pm.isObject()) {
            return new Parsed(null, where + ": primaryMetric: missing");
        }
        try {
            if (pm.get("score") == null) {
                throw new BadField("primaryMetric.score", "missing");
            }
            Score primary = score(pm, "primaryMetric");
            Map<String, Score> secondary = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : n.path("secondaryMetrics").properties()) {
                secondary.put(e.getKey(), score(e.getValue(), "secondaryMetrics." + e.getKey()));
            }
            return new Parsed(new JmhRecord(name, n.path("mode").asText(""), n.path("threads").asInt(1),
                    n.path("forks").asInt(1), Collections.unmodifiableMap(params), primary,
                    Collections.unmodifiableMap(secondary), samples(pm.get("rawData"))), null);
        } catch (BadField e) {
            return new Parsed(null, where + ": " + e.getMessage());
        }
    }

    private static Score score(JsonNode m, String field) {
        return new Score(number(m.get("score"), field + ".score"), number(m.get("scoreError"), field + ".scoreError"),
                m.path("scoreUnit").asText(""));
    }

    /** Every iteration of every fork, flattened; empty when JMH wrote no raw data. */
    private static List<Double> samples(JsonNode raw) {
        if (raw == null || raw.isNull()) {
            return List.of();
        }
        String field = "primaryMetric.rawData";
        if (!raw.isArray()) {
            throw new BadField(field, "not an array of forks");
        }
        List<Double> out = new ArrayList<>();
        for (int fork = 0; fork < raw.size(); fork++) {
            JsonNode iterations = raw.get(fork);
            if (!iterations.isArray()) {
                throw new BadField(field + "[" + fork + "]", "not an array of iteration scores");
            }
            for (int i = 0; i < iterations.size(); i++) {
                double v = number(iterations.get(i), field + "[" + fork + "][" + i + "]");
                if (Double.isFinite(v)) {
                    out.add(v);
                }
            }
        }
        return List.copyOf(out);
    }

    /** A JSON number, or a string JMH wrote for a number ({@code "NaN"}, {@code "Infinity"}, {@code "1.5"}). */
    static double number(JsonNode v, String field) {
        if (v == null || v.isNull()) {
            return Double.NaN;
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual()) {
            try {
                return Double.parseDouble(v.asText().trim());
            } catch (NumberFormatException e) {
                throw new BadField(field, "not a number (\"" + clip(v.asText()) + "\")");
            }
        }
        throw new BadField(field, "not a number (" + clip(v.toString()) + ")");
    }

    private static String clip(String s) {
        return s.length() <= 24 ? s : s.substring(0, 24) + "…";
    }
}
