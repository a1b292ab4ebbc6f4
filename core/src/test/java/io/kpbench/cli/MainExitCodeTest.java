package io.kpbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The exit codes of {@link Main}: 0 success, 2 bad input or usage, 1 an internal error; each error one line. */
class MainExitCodeTest {
    /** Stdin that fails as a bug would: with an unchecked failure the loader does not expect. */
    private static final InputStream BROKEN_STDIN = new InputStream() {
        @Override
        public int read() {
            throw new IllegalStateException("Cannot invoke \"java.io.Reader.read()\" because \"in\" is null");
        }
    };

    private static CliRun run(InputStream stdin, boolean debug, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, stdin, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), debug);
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void noCommandPrintsTheUsageOnStderrAndExitsTwo() {
        CliRun r = CliRun.of();
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("Usage: kpbench "), r.err());
        assertTrue(r.err().contains("Commands:"), r.err());
        assertEquals("", r.out());
        assertFalse(JavaNames.in(r.err()), r.err());
    }

    @Test
    void anUnexpectedFailureIsOneLineNamingItAnInternalErrorWithExitOne() {
        CliRun r = run(BROKEN_STDIN, false, "validate", "-f", "-");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.oneLineError(), r.err());
        assertTrue(r.err().startsWith("kpbench: internal error: "), r.err());
        assertTrue(r.err().strip().endsWith("(a bug in kpbench; run with KPBENCH_DEBUG=1 for the stack trace)"),
                r.err());
        assertFalse(JavaNames.in(r.err()), r.err());
    }

    @Test
    void debugModeAddsTheStackTraceAfterTheLine() {
        CliRun r = run(BROKEN_STDIN, true, "validate", "-f", "-");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().startsWith("kpbench: internal error: "), r.err());
        assertTrue(r.err().contains("\tat "), r.err());
    }

    @Test
    void aBadOptionValueIsOneLineWithoutJavaNamesAndExitTwo() {
        CliRun r = CliRun.of("generate", "-o", "a\u0000b");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.oneLineError(), r.err());
        assertTrue(r.err().contains("'--output'"), r.err());
        assertFalse(JavaNames.in(r.err()), r.err());
    }

    @Test
    void anUnknownCommandIsOneLineExitTwo() {
        CliRun r = CliRun.of("frobnicate");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.oneLineError(), r.err());
        assertTrue(r.err().startsWith("kpbench: Unmatched argument"), r.err());
    }

    @Test
    void everyHelpDocumentsTheThreeExitCodes() {
        for (String[] args : new String[][] {{"--help"}, {"validate", "--help"}, {"walk", "--help"}}) {
            CliRun r = CliRun.of(args);
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("Exit codes:\n  0   success\n  1   internal error"), r.out());
            assertTrue(r.out().contains("  2   bad input"), r.out());
        }
    }
}
