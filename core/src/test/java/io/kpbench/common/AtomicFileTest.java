package io.kpbench.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path dir;

    @Test
    void aNewFileIsReadableByOthersLikeAnyFileTheUserWrites() throws IOException {
        Path f = dir.resolve("out.yaml");
        AtomicFile.write(f, w -> w.write("kind: List\n"));
        assertEquals("kind: List\n", Files.readString(f));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }

    @Test
    void aFailedWriteLeavesNeitherHalfAFileNorItsTemporary() throws IOException {
        Path f = dir.resolve("out.yaml");
        Files.writeString(f, "old\n");
        assertThrows(IllegalStateException.class, () -> AtomicFile.write(f, w -> {
            w.write("half of it");
            throw new IllegalStateException("boom");
        }));
        assertEquals("old\n", Files.readString(f));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void anUnwritableTargetIsAOneLineUserError() {
        UserError e = assertThrows(UserError.class,
                () -> AtomicFile.write(Path.of("/proc/kpbench/nope.yaml"), w -> w.write("x")));
        assertTrue(e.getMessage().startsWith("/proc/kpbench/nope.yaml: cannot write: "), e.getMessage());
    }
}
