package io.kpbench.reports.published;

import io.kpbench.reports.read.CsvTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Published kube-proxy measurements kept as data in the project ({@code first-packet-latency.csv},
 * {@code published-claims.csv} next to this class), each row citing its source; see the comment block of each
 * file for how the numbers were obtained.
 */
public final class PublishedFigures {
    private PublishedFigures() {
    }

    /** The first-packet latency figures (source, figure, mode, services, percentile, value, unit, method). */
    public static List<Map<String, String>> firstPacket() {
        return load("first-packet-latency.csv").maps();
    }

    /** The published shape statements (source, url, shape, claim). */
    public static List<Map<String, String>> claims() {
        return load("published-claims.csv").maps();
    }

    /** The published value of {@code mode} at {@code services} and {@code percentile}, or NaN. */
    public static double value(String mode, double services, String percentile) {
        for (Map<String, String> r : firstPacket()) {
            if (mode.equals(r.get("mode")) && CsvTable.num(r, "services") == services
                    && percentile.equals(r.get("percentile"))) {
                return CsvTable.num(r, "value");
            }
        }
        return Double.NaN;
    }

    private static CsvTable load(String name) {
        try (InputStream in = PublishedFigures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the reports jar");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return CsvTable.parse(name, text.lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
