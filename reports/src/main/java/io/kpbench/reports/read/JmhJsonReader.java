package io.kpbench.reports.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JMH's JSON result by streaming the top-level array one record at a time, so that a file cut off mid-run
 * (a crashed or interrupted sweep) still yields every complete record before the cut.
 *
 * <p>Numbers may be JSON numbers, bare {@code NaN} or the strings {@code "NaN"}, {@code "Infinity"} that JMH
 * writes when a statistic is undefined.
 */
public final class JmhJsonReader {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private JmhJsonReader() {
    }

    /**
     * What was read.
     *
     * @param records the complete records, in file order
     * @param problem null when the whole file parsed; otherwise what stopped the reader (truncation, bad syntax)
     */
    public record Result(List<JmhRecord> records, String problem) {
    }

    /** Reads {@code file}; never throws for bad content, only reports it in {@link Result#problem()}. */
    public static Result read(Path file) throws IOException {
        List<JmhRecord> out = new ArrayList<>();
        JsonFactory f = MAPPER.getFactory();
        try (JsonParser p = f.createParser(file.toFile())) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return new Result(out, "empty file");
            }
            if (first != JsonToken.START_ARRAY) {
                return new Result(out, "not a JSON array");
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
                JsonNode node = MAPPER.readTree(p);
                JmhRecord r = toRecord(node);
                if (r != null) {
                    out.add(r);
                }
            }
            if (p.currentToken() != JsonToken.END_ARRAY) {
                return new Result(out, "unexpected " + p.currentToken() + " in the result array");
            }
            return new Result(out, null);
        } catch (IOException e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst()
                    .orElse("");
            return new Result(out, "truncated or malformed after " + out.size() + " complete records (" + msg + ")");
        }
    }

    /** One record, or null when it lacks a benchmark name or a primary metric. */
    static JmhRecord toRecord(JsonNode n) {
        if (!n.hasNonNull("benchmark") || !n.has("primaryMetric")) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : n.path("params").properties()) {
            params.put(e.getKey(), e.getValue().asText());
        }
        Map<String, Score> secondary = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : n.path("secondaryMetrics").properties()) {
            secondary.put(e.getKey(), score(e.getValue()));
        }
        return new JmhRecord(n.get("benchmark").asText(), n.path("mode").asText(""), n.path("threads").asInt(1),
                n.path("forks").asInt(1), Collections.unmodifiableMap(params), score(n.get("primaryMetric")),
                Collections.unmodifiableMap(secondary));
    }

    private static Score score(JsonNode m) {
        return new Score(number(m.get("score")), number(m.get("scoreError")), m.path("scoreUnit").asText(""));
    }

    /** A JSON number, or a string JMH wrote for a number ({@code "NaN"}, {@code "Infinity"}, {@code "1.5"}). */
    static double number(JsonNode v) {
        if (v == null || v.isNull()) {
            return Double.NaN;
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        try {
            return Double.parseDouble(v.asText().trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
