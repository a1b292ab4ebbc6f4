package io.kpbench.cluster.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.common.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A YAML file of many chunks loads exactly as one read in a piece would, errors included. */
class ParallelYamlReaderTest {
    static final int SERVICES = 3000;

    @TempDir
    Path tmp;

    static LoadResult load(Path f) {
        return ManifestLoader.load(List.of(f.toString()), InputStream.nullInputStream(), LoadOptions.defaults());
    }

    @Test
    void aFileOfManyChunksLoadsTheSameAsItsJsonForm() throws IOException {
        StringBuilder yaml = new StringBuilder();
        ManifestText.yaml(yaml, SERVICES, 4);
        StringBuilder json = new StringBuilder();
        ManifestText.json(json, SERVICES, 4);
        assertTrue(yaml.length() > 3 * YamlChunker.TARGET);
        LoadResult fromYaml = load(Files.writeString(tmp.resolve("c.yaml"), yaml));
        LoadResult fromJson = load(Files.writeString(tmp.resolve("c.json"), json));
        assertEquals(SERVICES, fromYaml.snapshot().services().size());
        assertEquals(fromJson.snapshot(), fromYaml.snapshot());
        assertEquals(List.copyOf(fromJson.snapshot().slices().values()),
                List.copyOf(fromYaml.snapshot().slices().values()));
    }

    @Test
    void anErrorInALaterChunkNamesItsDocumentAndLineInTheWholeFile() throws IOException {
        StringBuilder yaml = new StringBuilder();
        ManifestText.yaml(yaml, SERVICES, 4);
        long lines = yaml.chars().filter(c -> c == '\n').count();
        yaml.append("---\napiVersion: v1\nkind: Service\nmetadata:\n  name: bad\n spec: {}\n");
        Path f = Files.writeString(tmp.resolve("late.yaml"), yaml);
        UserError e = assertThrows(UserError.class, () -> load(f));
        assertEquals(f + ": document " + (2 * SERVICES + 1) + ": line " + (lines + 6) + ", column 2: expected <block"
                + " end>, but found '<block mapping start>' (while parsing a block mapping)", e.getMessage());
    }

    @Test
    void aByteThatIsNotUtf8InALaterChunkIsPlacedByItsLineInTheWholeFile() throws IOException {
        StringBuilder yaml = new StringBuilder();
        ManifestText.yaml(yaml, SERVICES, 4);
        long lines = yaml.chars().filter(c -> c == '\n').count();
        byte[] head = yaml.toString().getBytes(StandardCharsets.UTF_8);
        byte[] tail = "---\napiVersion: v1\nkind: Service\nmetadata: {name: caf\u00e9}\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        Path f = tmp.resolve("latin-1-late.yaml");
        Files.write(f, head);
        Files.write(f, tail, StandardOpenOption.APPEND);
        UserError e = assertThrows(UserError.class, () -> load(f));
        assertEquals(f + ": not UTF-8 text (YAML or JSON expected): byte 0xE9 at line " + (lines + 4) + ", column 21",
                e.getMessage());
    }

    @Test
    void anErrorInAnEarlierChunkWinsOverALaterByteThatIsNotUtf8() throws IOException {
        StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: Service\nmetadata: {name: a}\n"
                + "spec: {clusterIP: 10.96.0.1, ports: [{port: 0}]}\n");
        ManifestText.yaml(yaml, SERVICES, 4);
        Path f = tmp.resolve("early-error.yaml");
        Files.write(f, (yaml + "\u00ff").getBytes(StandardCharsets.ISO_8859_1));
        UserError e = assertThrows(UserError.class, () -> load(f));
        assertEquals(f + ": Service default/a: spec.ports[0].port: 0 is outside the valid port range 1-65535",
                e.getMessage());
    }

    @Test
    void theFirstErrorInInputOrderWinsOverALaterOne() throws IOException {
        StringBuilder yaml = new StringBuilder();
        ManifestText.yaml(yaml, SERVICES / 2, 4);
        yaml.append("---\napiVersion: v1\nkind: Service\nmetadata: {name: svc-7, namespace: ns-7}\n")
                .append("spec: {ports: [{port: 80}]}\n");
        StringBuilder tail = new StringBuilder();
        ManifestText.yaml(tail, SERVICES / 2, 4);
        yaml.append(tail.toString().replace("svc-", "other-")).append("---\n: : bad\n");
        Path f = Files.writeString(tmp.resolve("two-errors.yaml"), yaml);
        UserError e = assertThrows(UserError.class, () -> load(f));
        assertEquals(f + ": Service ns-7/svc-7: is defined twice (first in " + f + ", document 15; again in document "
                + (SERVICES + 1) + ")", e.getMessage());
    }
}
