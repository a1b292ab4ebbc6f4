package io.kpbench.common;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file through a temporary sibling and a rename, so that a failed write never leaves half a file.
 */
public final class AtomicFile {
    private AtomicFile() {
    }

    /** What writes the content. */
    @FunctionalInterface
    public interface Body {
        /** Writes the whole content to {@code out}. */
        void write(Writer out) throws IOException;
    }

    /** Gives the temporary file the target's permissions, or rw-r--r-- (not createTempFile's rw-------). */
    private static void keepPermissions(Path target, Path tmp) throws IOException {
        if (!Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
            return;
        }
        Files.setPosixFilePermissions(tmp, Files.exists(target) ? Files.getPosixFilePermissions(target)
                : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    }

    /**
     * Writes {@code target} atomically.
     *
     * @throws UserError when the file cannot be written (naming the file and the reason)
     */
    public static void write(Path target, Body body) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = null;
        try {
            if (dir != null) {
                Files.createDirectories(dir);
            }
            tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
            keepPermissions(abs, tmp);
            try (Writer w = new BufferedWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8), 1 << 16)) {
                body.write(w);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UserError(target + ": cannot write: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temporary file is all that is left
                }
            }
        }
    }
}
