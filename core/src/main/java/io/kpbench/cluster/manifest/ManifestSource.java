package io.kpbench.cluster.manifest;

import io.kpbench.common.UserError;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * One manifest named on the command line, opened for reading ({@code -} is stdin, which is never closed), with its
 * format told by content: JSON when the first byte after any byte-order mark and blanks is {@code {} or
 * {@code [}, YAML otherwise, whatever the file is called. Its bytes are read through a {@link Utf8TextGuard}.
 */
final class ManifestSource implements AutoCloseable {
    /** How far the format check looks for the first non-blank byte. */
    private static final int PEEK = 1 << 16;
    private static final int BUFFER = 1 << 16;

    /** The two formats kubectl writes. */
    enum Format {
        YAML,
        JSON
    }

    private final String name;
    private final InputStream in;
    private final Format format;
    private final boolean blank;

    private ManifestSource(String name, InputStream in, Format format, boolean blank) {
        this.name = name;
        this.in = in;
        this.format = format;
        this.blank = blank;
    }

    /**
     * Opens {@code name}.
     *
     * @throws UserError {@code name: cannot read: no such file} and the like
     */
    static ManifestSource open(String name, InputStream stdin) {
        InputStream raw = "-".equals(name) ? new FilterInputStream(stdin) {
            @Override
            public void close() {
                // stdin belongs to the caller
            }
        } : openFile(name);
        try {
            BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
            int first = firstNonBlank(in);
            return new ManifestSource(name, new Utf8TextGuard(in), first == '{' || first == '[' ? Format.JSON
                    : Format.YAML, first < 0);
        } catch (IOException e) {
            throw cannotRead(name, e);
        }
    }

    private static InputStream openFile(String name) {
        try {
            Path path = Path.of(name);
            if (Files.isDirectory(path)) {
                throw UserError.at(name, null, null, "cannot read: is a directory");
            }
            return Files.newInputStream(path);
        } catch (InvalidPathException e) {
            throw UserError.at(name, null, null, "cannot read: not a valid path");
        } catch (IOException e) {
            throw cannotRead(name, e);
        }
    }

    /**
     * The one-line error for an I/O failure on {@code name}: the file system's reason, never an exception's class
     * or a message that names the path again.
     */
    static UserError cannotRead(String name, IOException e) {
        if (e instanceof Utf8TextGuard.NotUtf8TextException) {
            return new UserError(UserError.at(name, null, null, e.getMessage()).getMessage(), e);
        }
        String reason = e instanceof NoSuchFileException ? "no such file"
                : e instanceof AccessDeniedException ? "permission denied"
                : e instanceof FileSystemException f && f.getReason() != null ? f.getReason()
                : "an input/output error";
        return new UserError(UserError.at(name, null, null, "cannot read: " + reason).getMessage(), e);
    }

    /**
     * Peeks at the first non-blank byte, or -1 when the stream ends before one, and leaves the stream after the
     * byte-order mark, if any.
     */
    private static int firstNonBlank(BufferedInputStream in) throws IOException {
        in.mark(PEEK);
        int skip = 0;
        int b = in.read();
        if (b == 0xEF && in.read() == 0xBB && in.read() == 0xBF) {
            skip = 3;
            b = in.read();
        }
        int seen = 0;
        while ((b == ' ' || b == '\t' || b == '\r' || b == '\n') && ++seen < PEEK - 4) {
            b = in.read();
        }
        in.reset();
        in.skipNBytes(skip);
        return b;
    }

    /** The name as the user gave it. */
    String name() {
        return name;
    }

    /** The content, positioned after any byte-order mark. */
    InputStream stream() {
        return in;
    }

    /** YAML or JSON. */
    Format format() {
        return format;
    }

    /** True when the input holds nothing but blanks (or nothing at all). */
    boolean blank() {
        return blank;
    }

    /** True for stdin. */
    boolean stdin() {
        return "-".equals(name);
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing was written; a failed close loses nothing
        }
    }
}
