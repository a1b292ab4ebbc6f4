package io.kpbench.cluster.manifest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Checks that a manifest is UTF-8 text as it is read, and refuses it at the first byte that is not: a byte
 * sequence that is not well-formed UTF-8, or a NUL, which no YAML or JSON text holds. A binary file, a Latin-1
 * file and a UTF-16 file (what a PowerShell redirect writes) thus fail with one line naming the byte's line and
 * column, before a parser can report a decoder's message.
 *
 * <p>Well-formed means Unicode's table 3-7 (no overlong forms, no surrogates, nothing above U+10FFFF), which is
 * what YAML 1.2 and RFC 8259 require. Lines are counted at {@code \n}, columns in code points, both from 1. The
 * cost is one comparison per ASCII byte.
 */
final class Utf8TextGuard extends FilterInputStream {
    /** The start of every message. */
    static final String NOT_TEXT = "not UTF-8 text (YAML or JSON expected)";

    private long offset;
    private int line = 1;
    private int column;
    private int remaining;
    private int leadByte;
    private int lo = 0x80;
    private int hi = 0xBF;

    Utf8TextGuard(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            atEnd();
        } else {
            check(b);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n < 0) {
            atEnd();
            return n;
        }
        for (int i = off, end = off + n; i < end; i++) {
            int c = b[i];
            if (c > 0 && remaining == 0) {
                if (c == '\n') {
                    line++;
                    column = 0;
                } else {
                    column++;
                }
                offset++;
            } else {
                check(c & 0xFF);
            }
        }
        return n;
    }

    /** Reads and checks what is skipped, so that no byte escapes the check. */
    @Override
    public long skip(long n) throws IOException {
        byte[] scratch = new byte[(int) Math.min(8192, Math.max(1, n))];
        long done = 0;
        while (done < n) {
            int r = read(scratch, 0, (int) Math.min(scratch.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }

    /** No mark: a reset would count the bytes after the mark twice. */
    @Override
    public boolean markSupported() {
        return false;
    }

    /** Checks one byte against the UTF-8 state machine. */
    private void check(int b) throws NotUtf8TextException {
        long at = offset++;
        if (remaining > 0) {
            if (b < lo || b > hi) {
                throw bad(leadByte);
            }
            lo = 0x80;
            hi = 0xBF;
            remaining--;
            return;
        }
        column++;
        if (b == 0) {
            throw new NotUtf8TextException("a NUL byte at line " + line + ", column " + column);
        } else if (b == '\n') {
            line++;
            column = 0;
        } else if (b >= 0x80) {
            lead(b, at);
        }
    }

    /** Starts a multi-byte sequence at lead byte {@code b}, read at {@code at}. */
    private void lead(int b, long at) throws NotUtf8TextException {
        leadByte = b;
        if (b >= 0xC2 && b <= 0xDF) {
            remaining = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            remaining = 2;
            lo = b == 0xE0 ? 0xA0 : 0x80;
            hi = b == 0xED ? 0x9F : 0xBF;
        } else if (b >= 0xF0 && b <= 0xF4) {
            remaining = 3;
            lo = b == 0xF0 ? 0x90 : 0x80;
            hi = b == 0xF4 ? 0x8F : 0xBF;
        } else if (at == 0 && (b == 0xFF || b == 0xFE)) {
            throw new NotUtf8TextException("it starts with a UTF-16 byte-order mark; convert it to UTF-8");
        } else {
            throw bad(b);
        }
    }

    private void atEnd() throws NotUtf8TextException {
        if (remaining > 0) {
            throw new NotUtf8TextException("the input ends inside a character at line " + line + ", column "
                    + column);
        }
    }

    /** The error for a malformed sequence, named by its first byte, where the character it starts would be. */
    private NotUtf8TextException bad(int b) {
        return new NotUtf8TextException(String.format("byte 0x%02X at line %d, column %d", b, line, column));
    }

    /** The input is not UTF-8 text; the message is the whole reason, {@link #NOT_TEXT} first. */
    static final class NotUtf8TextException extends IOException {
        private static final long serialVersionUID = 1L;

        NotUtf8TextException(String where) {
            super(NOT_TEXT + ": " + where);
        }
    }
}
