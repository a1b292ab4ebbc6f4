package io.kpbench.cluster.manifest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes the JSON parser reads and refuses a document larger than the limit, so that a runaway JSON
 * document fails after {@code limit} bytes instead of filling the heap.
 *
 * <p>Jackson's byte parser asks for input only when it has consumed all it read before, so when a read starts
 * more than {@code limit} bytes after the current document's first byte, that document is too large. The exact
 * size is checked again when the document ends.
 */
final class JsonSizeGuard extends FilterInputStream {
    private final long limit;
    private long count;
    private long documentStart;

    JsonSizeGuard(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    /** A document starts at byte {@code offset}. */
    void startDocument(long offset) {
        documentStart = Math.max(0, offset);
    }

    /** The document that started last ends at byte {@code offset}. */
    void endDocument(long offset) throws InputLimitException {
        if (offset - documentStart > limit) {
            throw tooLarge();
        }
    }

    @Override
    public int read() throws IOException {
        check();
        int b = super.read();
        if (b >= 0) {
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        check();
        int n = super.read(b, off, len);
        if (n > 0) {
            count += n;
        }
        return n;
    }

    private void check() throws InputLimitException {
        if (count - documentStart > limit) {
            throw tooLarge();
        }
    }

    private InputLimitException tooLarge() {
        return new InputLimitException("the document is larger than the limit of " + limit + " bytes", 0, 0);
    }
}
