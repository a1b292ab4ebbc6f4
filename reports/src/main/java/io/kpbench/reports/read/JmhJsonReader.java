package io.kpbench.reports.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads JMH's JSON result by streaming the top-level array one record at a time, so that a file cut off mid-run
 * (a crashed or interrupted sweep) still yields every complete record before the cut.
 *
 * <p>Numbers may be JSON numbers, bare {@code NaN} or the strings {@code "NaN"}, {@code "Infinity"} that JMH
 * writes when a statistic is undefined. Anything else where a number belongs, a record without a benchmark name
 * or primary metric, binary content, bad syntax and truncation are problems: each named by record and field, the
 * damaged record skipped and the others kept.
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
     * @param records the complete, well-formed records, in file order
     * @param problems what is wrong, one phrase each ({@code record 3 (SyncBenchmark.fullSync):
     *     primaryMetric.score: not a number ("fast")}); empty when the whole file is a good JMH result
     */
    public record Result(List<JmhRecord> records, List<String> problems) {
    }

    /** Reads {@code file}; never throws for bad content, only reports it in {@link Result#problems()}. */
    public static Result read(Path file) throws IOException {
        List<JmhRecord> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String binary = TextCheck.notText(file, "JMH's JSON result");
        if (binary != null) {
            return new Result(out, List.of(binary));
        }
        JsonFactory f = MAPPER.getFactory();
        int index = 0;
        try (JsonParser p = f.createParser(file.toFile())) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return new Result(out, List.of("empty (JMH wrote nothing)"));
            }
            if (first != JsonToken.START_ARRAY) {
                return new Result(out, List.of("not a JMH result (a JSON array of records expected)"));
            }
            for (JsonToken t = p.nextToken(); t != null && t != JsonToken.END_ARRAY; t = p.nextToken()) {
                index++;
                JsonNode node = MAPPER.readTree(p);
                JmhRecordParser.Parsed r = JmhRecordParser.parse(node, index);
                if (r.problem() != null) {
                    problems.add(r.problem());
                } else {
                    out.add(r.record());
                }
            }
            if (p.currentToken() == null) {
                problems.add(truncated(out.size()));
            }
        } catch (JsonProcessingException e) {
            String what = TextCheck.jsonProblem(e, Files.size(file));
            problems.add(what.startsWith("truncated") ? truncated(out.size())
                    : what + " (in record " + (index == 0 ? 1 : index) + "; " + out.size() + " complete records "
                    + "before it)");
        }
        return new Result(List.copyOf(out), List.copyOf(problems));
    }

    private static String truncated(int complete) {
        return "truncated after " + complete + " complete records (the file ends inside the result array)";
    }
}
