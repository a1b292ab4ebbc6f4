package io.kpbench.cluster.manifest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;

/**
 * Cuts a multi-document YAML stream into chunks of about {@value #TARGET} bytes of whole documents, so that the
 * chunks can be parsed on several threads: SnakeYAML reads 25-30 MB/s on one core, the cost that dominates loading.
 *
 * <p>A cut is made only at a line that starts with {@code ---} followed by a blank or the end of a line: YAML 1.2
 * forbids that marker inside any scalar (the {@code c-forbidden} production), so it always starts a document, and
 * documents share nothing (anchors and tags are per document). Two cases are not cut and are handed back as one
 * stream to be read in order: a stream with a directive line ({@code %YAML}, {@code %TAG}), whose scope the cut
 * could break, and a document longer than {@value #MAX_BUFFERED} bytes, which is left to SnakeYAML's per-document
 * code-point limit rather than buffered.
 */
final class YamlChunker {
    /** The chunk size aimed at. */
    static final int TARGET = 1 << 20;
    /** The most one document may buffer before the rest of the stream is handed back whole. */
    static final int MAX_BUFFERED = 16 << 20;
    private static final int BUFFER = TARGET + (TARGET >> 2);

    /**
     * A run of whole documents, or the rest of the stream.
     *
     * @param data the bytes, or null for the rest of the stream
     * @param length how many bytes of {@code data} are the chunk's
     * @param lines how many newlines the chunk holds (the line numbers of the next chunk start after them)
     * @param rest the rest of the stream when it is not cut further, else null
     */
    record Chunk(byte[] data, int length, int lines, InputStream rest) {
    }

    private final InputStream in;
    private byte[] buf = new byte[BUFFER];
    private int len;
    private int scanned;
    private int newlines;
    private int cut;
    private int newlinesBeforeCut;
    private boolean eof;
    private boolean done;

    YamlChunker(InputStream in) {
        this.in = in;
    }

    /** The next chunk, or null after the last. */
    Chunk next() throws IOException {
        if (done) {
            return null;
        }
        while (true) {
            fill();
            if (!scan()) {
                done = true;
                return new Chunk(null, 0, 0, new SequenceInputStream(new ByteArrayInputStream(buf, 0, len), in));
            }
            if (eof) {
                done = true;
                return len == 0 ? null : new Chunk(buf, len, newlines, null);
            }
            if (cut > 0) {
                Chunk c = new Chunk(buf, cut, newlinesBeforeCut, null);
                byte[] next = new byte[Math.max(BUFFER, (len - cut) + TARGET)];
                System.arraycopy(buf, cut, next, 0, len - cut);
                buf = next;
                len -= cut;
                scanned -= cut;
                newlines -= newlinesBeforeCut;
                cut = 0;
                newlinesBeforeCut = 0;
                return c;
            }
            if (len >= MAX_BUFFERED) {
                done = true;
                return new Chunk(null, 0, 0, new SequenceInputStream(new ByteArrayInputStream(buf, 0, len), in));
            }
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
    }

    /** Reads until the buffer is full or the stream ends. */
    private void fill() throws IOException {
        while (!eof && len < buf.length) {
            int n = in.read(buf, len, buf.length - len);
            if (n < 0) {
                eof = true;
            } else {
                len += n;
            }
        }
    }

    /** Finds the last document marker in what was read; false when a directive line rules out cutting. */
    private boolean scan() {
        byte[] b = buf;
        if (len > 0 && b[0] == '%') {
            return false;
        }
        int end = eof ? len : len - 4;
        for (int i = scanned; i < end; i++) {
            if (b[i] != '\n') {
                continue;
            }
            newlines++;
            int s = i + 1;
            if (s < len && b[s] == '%') {
                return false;
            }
            if (s + 3 <= len && b[s] == '-' && b[s + 1] == '-' && b[s + 2] == '-'
                    && (s + 3 == len || b[s + 3] == ' ' || b[s + 3] == '\t' || b[s + 3] == '\r'
                            || b[s + 3] == '\n')) {
                cut = s;
                newlinesBeforeCut = newlines;
            }
        }
        scanned = Math.max(scanned, end);
        return true;
    }
}
