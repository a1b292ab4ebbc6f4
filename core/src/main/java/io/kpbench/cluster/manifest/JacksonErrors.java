package io.kpbench.cluster.manifest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns what Jackson and SnakeYAML throw into a one-line {@link DocumentFailure}: a syntax error becomes its line,
 * column and problem; a value of the wrong type (or a number too large for its field) becomes the JSON path of the
 * field and what was expected; input that is not UTF-8 text or breaks a limit becomes its own reason.
 * Multi-line parser messages (with source excerpts and carets) are never shown, and a library's own message is
 * shown only when it names no Java type, class or exception: otherwise a plain reason takes its place.
 */
final class JacksonErrors {
    /** What a library message that speaks of Java rather than of the input looks like. */
    private static final Pattern JAVA_TALK = Pattern.compile(
            "`|Exception|\\b(?:java|javax|com|org|io|jdk|sun)\\.[a-z]|Cannot invoke|JsonToken|\\$|\\bclass\\b");

    private JacksonErrors() {
    }

    /** {@code message} when it speaks only of the input, else {@code plain}. */
    static String userText(String message, String plain) {
        return message == null || message.isEmpty() || JAVA_TALK.matcher(message).find() ? plain : message;
    }

    /** The failure for {@code e}, thrown while reading local document {@code document}. */
    static DocumentFailure translate(IOException e, int document, String kind, String item) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InputLimitException l) {
                return new DocumentFailure(document, null, item, null, l.getMessage(), l.line(), l.column());
            }
            if (t instanceof Utf8TextGuard.NotUtf8TextException n) {
                return DocumentFailure.ofFile(n.getMessage());
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonProcessingException p && !(t instanceof JsonMappingException)
                    && !(t instanceof InputCoercionException && e instanceof JsonMappingException)) {
                if (p.getCause() instanceof MarkedYAMLException y && y.getProblemMark() != null) {
                    // SnakeYAML's problem mark is where the fault is (a tab: the tab itself); Jackson's location
                    // is where its last token started, which can be lines before. Marks count from 0.
                    return new DocumentFailure(document, null, item, null, syntaxReason(p),
                            y.getProblemMark().getLine() + 1, y.getProblemMark().getColumn() + 1);
                }
                JsonLocation at = p.getLocation();
                return new DocumentFailure(document, null, item, null, syntaxReason(p),
                        at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr());
            }
        }
        if (e instanceof JsonMappingException m) {
            JsonLocation at = m.getLocation();
            return new DocumentFailure(document, kind, item, path(m), mappingReason(m),
                    at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr());
        }
        return new DocumentFailure(document, kind, item, null,
                "cannot read: " + userText(firstLine(e.getMessage()), "an input/output error"), 0, 0);
    }

    private static String syntaxReason(JsonProcessingException p) {
        if (p.getCause() instanceof MarkedYAMLException y) {
            String problem = userText(y.getProblem(), "malformed YAML");
            return y.getContext() == null ? problem : problem + " (" + userText(y.getContext(), "here") + ")";
        }
        String m = firstLine(p.getOriginalMessage());
        if (m.startsWith("The incoming YAML document exceeds the limit")) {
            return "the document is larger than the limit of "
                    + m.replaceAll("\\D+", " ").trim() + " code points";
        }
        int source = m.indexOf(" (start marker at [Source");
        return userText(source < 0 ? m : m.substring(0, source), "malformed input");
    }

    /** The field path of a mapping error: {@code spec.ports[0].port}. */
    static String path(JsonMappingException m) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : m.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    private static String mappingReason(JsonMappingException m) {
        if (m.getCause() instanceof InputCoercionException c) {
            return userText(firstLine(c.getOriginalMessage()), "the number is out of range");
        }
        if (m instanceof InvalidFormatException f) {
            return "expected " + describe(f.getTargetType()) + ", found " + describeValue(f.getValue());
        }
        if (m instanceof ValueInstantiationException vi && vi.getType().getRawClass() == IntOrString.class
                && m.getProcessor() instanceof JsonParser p && p.currentToken() != null) {
            return "expected an integer or a string, found " + describe(p);
        }
        if (m instanceof MismatchedInputException mi && mi.getTargetType() != null
                && m.getProcessor() instanceof JsonParser p && p.currentToken() != null) {
            return "expected " + describe(mi.getTargetType()) + ", found " + describe(p);
        }
        String plain = m instanceof MismatchedInputException mi && mi.getTargetType() != null
                ? "expected " + describe(mi.getTargetType()) : "cannot be read as this field";
        return userText(firstLine(m.getOriginalMessage()), plain);
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == IntOrString.class) {
            return "an integer or a string";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        return Map.class.isAssignableFrom(type) || !type.getName().startsWith("java.") ? "a mapping" : "a value";
    }

    private static String describe(JsonParser p) {
        JsonToken t = p.currentToken();
        try {
            return switch (t) {
                case START_OBJECT, FIELD_NAME, END_OBJECT -> "a mapping";
                case START_ARRAY, END_ARRAY -> "a list";
                case VALUE_STRING -> FieldRules.quote(p.getText());
                case VALUE_NULL -> "null";
                default -> p.getText();
            };
        } catch (IOException e) {
            return "a value";
        }
    }

    private static String describeValue(Object v) {
        return v instanceof String s ? FieldRules.quote(s) : String.valueOf(v);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
