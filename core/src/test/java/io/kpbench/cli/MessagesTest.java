package io.kpbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.CharConversionException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** {@link Messages}: the last guard that keeps Java names and line breaks out of what the user reads. */
class MessagesTest {
    @Test
    void aQualifiedExceptionNameIsCutFromAMessage() {
        assertEquals("x.yaml: Invalid UTF-8 middle byte 0x44",
                Messages.plain("x.yaml: java.io.CharConversionException: Invalid UTF-8 middle byte 0x44"));
    }

    @Test
    void aConversionFailureInParenthesesKeepsOnlyItsReason() {
        assertEquals("Invalid value for option '--output': cannot convert 'a' to Path (Nul character not allowed: a)",
                Messages.plain("Invalid value for option '--output': cannot convert 'a' to Path "
                        + "(java.nio.file.InvalidPathException: Nul character not allowed: a)"));
    }

    @Test
    void lineBreaksBecomeSpacesSoTheErrorStaysOneLine() {
        assertEquals("bad.yaml: line 4: found a tab", Messages.plain("bad.yaml: line 4:\n  found a tab\n"));
    }

    @Test
    void anEmptyMessageStillSaysSomething() {
        assertEquals("no details", Messages.plain(null));
        assertEquals("no details", Messages.plain(" \n"));
    }

    @Test
    void aNullPointerMessageAboutCodeIsReportedByItsKindOnly() {
        String d = Messages.internal(new NullPointerException("Cannot invoke \"com.fasterxml.jackson.core.ObjectCodec"
                + ".readTree(com.fasterxml.jackson.core.JsonParser)\" because \"oc\" is null"));
        assertEquals("null pointer", d);
    }

    @Test
    void anInternalFailureAboutDataKeepsItsMessage() {
        assertEquals("illegal state: table full at 4096 entries",
                Messages.internal(new IllegalStateException("table full at 4096 entries")));
    }

    @Test
    void aWrapperIsDescribedByTheFailureItWraps() {
        String d = Messages.internal(new UncheckedIOException(new CharConversionException("Invalid UTF-8 byte")));
        assertEquals("char conversion: Invalid UTF-8 byte", d);
        assertFalse(JavaNames.in(d), d);
    }

    @Test
    void aPlainRuntimeFailureIsUnexpected() {
        assertEquals("unexpected failure", Messages.internal(new RuntimeException()));
    }

    @Test
    void runningOutOfMemorySaysHowToGiveMore() {
        assertEquals("out of memory (give the JVM more heap, e.g. KPBENCH_JAVA_OPTS=-Xmx4g)",
                Messages.internal(new OutOfMemoryError("Java heap space")));
    }
}
