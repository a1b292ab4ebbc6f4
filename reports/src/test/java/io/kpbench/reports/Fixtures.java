package io.kpbench.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
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

    /** The fixture pair of the comparison tests: {@code runs/compare-old} or {@code runs/compare-new}. */
    public static Path comparePair(String oldOrNew) {
        return source().resolveSibling("compare-" + oldOrNew);
    }

    /** Every file under {@code dir} (relative path) with the SHA-256 of its bytes: equal snapshots, equal trees. */
    public static Map<String, String> snapshot(Path dir) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path p : (Iterable<Path>) s::iterator) {
                out.put(dir.relativize(p).toString(), Files.isDirectory(p) ? "folder"
                        : HexFormat.of().formatHex(sha.digest(Files.readAllBytes(p))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /**
     * A small, whole run folder {@code parent/name}: one baseline record and a run.json, enough for a quick report.
     */
    public static Path tinyRun(Path parent, String name) {
        Path dir = parent.resolve(name);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("jmh.json"), "[{\"benchmark\":\"io.kpbench.bench.A0BaselineBenchmark"
                    + ".returnField\",\"mode\":\"avgt\",\"threads\":1,\"forks\":1,\"params\":{},"
                    + "\"primaryMetric\":{\"score\":0.45,\"scoreError\":0.02,\"scoreUnit\":\"ns/op\","
                    + "\"rawData\":[[0.44,0.45,0.46]]},\"secondaryMetrics\":{}}]\n");
            Files.writeString(dir.resolve("run.json"), "{\"runId\": \"" + name + "\"}\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }
}
