package io.kpbench.reports.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Says in plain words what is wrong with a result file before a parser sees it: binary content (invalid UTF-8 or
 * a NUL character) and, after a JSON parse failed, where and how.
 *
 * <p>Parsers' own messages name their classes and internal source descriptors; the sentences here never do.
 */
public final class TextCheck {
    private TextCheck() {
    }

    /**
     * Null when {@code file} is UTF-8 text; otherwise {@code "not UTF-8 text (<expected> expected)"}.
     *
     * @param expected what the file should hold, such as {@code "JMH's JSON result"}
     */
    public static String notText(Path file, String expected) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        String problem = "not UTF-8 text (" + expected + " expected)";
        try (Reader r = new InputStreamReader(Files.newInputStream(file), decoder)) {
            char[] buf = new char[1 << 14];
            for (int n = r.read(buf); n >= 0; n = r.read(buf)) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] == 0) {
                        return problem;
                    }
                }
            }
        } catch (CharacterCodingException e) {
            return problem;
        }
        return null;
    }

    /**
     * What a failed JSON parse of a file of {@code size} bytes means: a truncation (the parser ran out of input,
     * also inside a number or a word), or bad syntax at a line and column.
     */
    public static String jsonProblem(JsonProcessingException e, long size) {
        var at = e.getLocation();
        long offset = at == null ? -1 : Math.max(at.getByteOffset(), at.getCharOffset());
        if (e instanceof JsonEOFException || offset >= size - 1) {
            return "truncated (the file ends inside a JSON value)";
        }
        if (at == null || at.getLineNr() < 1) {
            return "not valid JSON";
        }
        return "not valid JSON at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }
}
