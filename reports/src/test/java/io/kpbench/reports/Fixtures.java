package io.kpbench.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The synthetic fixture results folder (src/test/resources/runs/…), copied where a test may write. */
public final class Fixtures {
    /** The fixture folder's name. */
    public static final String NAME = "20250301T120000Z-fixture000000";

    private Fixtures() {
    }

    /** The fixture folder on the test classpath (read only by convention). */
    public static Path source() {
        try {
            return Path.of(Fixtures.class.getResource("/runs/" + NAME).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh copy of the fixture under {@code parent}. */
    public static Path copy(Path parent) {
        Path target = parent.resolve(NAME);
        try (Stream<Path> s = Files.list(source())) {
            Files.createDirectories(target);
            for (Path p : (Iterable<Path>) s::iterator) {
                Files.copy(p, target.resolve(p.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }
}
