package io.kpbench.cli;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns what the CLI prints on error into one plain line: no line breaks, no Java package or exception class
 * names. The last guard between a library's message and the user; the messages themselves should already be
 * written for users.
 */
final class Messages {
    /** A qualified name such as {@code java.io.CharConversionException}, capturing its simple name. */
    private static final Pattern QUALIFIED = Pattern.compile(
            "\\b(?:java|javax|jdk|sun|com|org|io|net|picocli)(?:\\.[a-z_$][\\w$]*)+\\.([A-Z][\\w$]*)");
    /** An exception or error class name with the colon that follows it, as {@code Throwable.toString} writes. */
    private static final Pattern THROWABLE_NAME = Pattern.compile("\\b[A-Z][\\w$]*(?:Exception|Error)\\b:?\\s*");
    /** A reference to code: a qualified name, a method call, or a throwable's class name. */
    private static final Pattern CODE = Pattern.compile(
            "\\b[a-z_$][\\w$]*(?:\\.[a-z_$][\\w$]*)+\\.[A-Z][\\w$]*|\\b\\w+\\.\\w+\\(|\\b[A-Z]\\w*(?:Exception|Error)\\b");
    private static final Pattern LINE_BREAKS = Pattern.compile("\\s*\\R\\s*");

    private Messages() {
    }

    /** {@code message} on one line, with Java class names cut out; never empty. */
    static String plain(String message) {
        if (message == null || message.isBlank()) {
            return "no details";
        }
        String s = LINE_BREAKS.matcher(message.strip()).replaceAll(" ");
        s = QUALIFIED.matcher(s).replaceAll("$1");
        s = THROWABLE_NAME.matcher(s).replaceAll("").strip();
        s = s.replaceAll("\\(\\s*\\)", "").strip();
        return s.isEmpty() ? "no details" : s;
    }

    /**
     * What went wrong in an internal failure, in words: the kind of failure from its class name ("null pointer",
     * "illegal state"), then its message when that message is about the user's data rather than about code.
     */
    static String internal(Throwable t) {
        Throwable e = t;
        while (e.getCause() != null && e.getCause() != e
                && (e.getMessage() == null || e.getMessage().equals(e.getCause().toString()))) {
            e = e.getCause();
        }
        if (e instanceof OutOfMemoryError) {
            return "out of memory (give the JVM more heap, e.g. KPBENCH_JAVA_OPTS=-Xmx4g)";
        }
        if (e instanceof StackOverflowError) {
            return "stack overflow (input nested too deeply?)";
        }
        String kind = kind(e.getClass().getSimpleName());
        String m = e.getMessage();
        if (m == null || m.isBlank() || CODE.matcher(m).find()) {
            return kind;
        }
        return kind + ": " + plain(m);
    }

    /** {@code IllegalStateException} becomes {@code illegal state}. */
    private static String kind(String simpleName) {
        String base = simpleName.replaceAll("(Exception|Error)$", "");
        if (base.isEmpty() || base.equals("Runtime") || base.equals("Throwable")) {
            return "unexpected failure";
        }
        String words = base.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT).strip();
        return words;
    }
}
