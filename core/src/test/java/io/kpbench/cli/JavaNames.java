package io.kpbench.cli;

import java.util.regex.Pattern;

/** What a user-facing line must not contain: a Java package-qualified name, an exception class, a stack frame. */
final class JavaNames {
    private static final Pattern JAVA = Pattern.compile(
            "\\b(java|javax|jdk|sun|com|org|io|picocli)\\.[a-z]+\\.|[A-Z][a-zA-Z]+Exception|Exception|\\tat |\\bat [a-z]+\\.");

    private JavaNames() {
    }

    /** True when {@code text} shows a Java name or a stack frame. */
    static boolean in(String text) {
        return JAVA.matcher(text).find();
    }
}
