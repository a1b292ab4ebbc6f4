package io.kpbench.cluster.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kpbench.cli.Main;
import io.kpbench.common.UserError;
import io.kpbench.net.Ports;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader's limits: document size (YAML and JSON) and YAML aliases. */
class ManifestLimitsTest {
    static final LoadOptions SMALL = new LoadOptions(Ports.Range.DEFAULT_NODE_PORTS, 1000, 50);

    @TempDir
    Path tmp;

    static String service(String name, int labels) {
        StringBuilder sb = new StringBuilder("apiVersion: v1\nkind: Service\nmetadata:\n  name: " + name
                + "\n  labels:\n");
        for (int i = 0; i < labels; i++) {
            sb.append("    label-").append(i).append(": value-").append(i).append('\n');
        }
        return sb.append("spec:\n  ports:\n  - port: 80\n").toString();
    }

    static UserError loadFails(Path f, LoadOptions o) {
        return assertThrows(UserError.class,
                () -> ManifestLoader.load(List.of(f.toString()), InputStream.nullInputStream(), o));
    }

    @Test
    void anOversizedYamlDocumentIsRefusedByItsNumber() throws IOException {
        Path f = Files.writeString(tmp.resolve("big.yaml"), service("small", 2) + "---\n" + service("big", 100));
        assertEquals(f + ": document 2: line 58, column 23: the document is larger than the limit of 1000 code"
                + " points", loadFails(f, SMALL).getMessage());
    }

    @Test
    void theYamlSizeLimitIsPerDocumentNotPerFile() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            sb.append("---\n").append(service("s" + i, 2));
        }
        Path f = Files.writeString(tmp.resolve("many.yaml"), sb);
        LoadResult r = ManifestLoader.load(List.of(f.toString()), InputStream.nullInputStream(), SMALL);
        assertEquals(50, r.snapshot().services().size());
    }

    @Test
    void anOversizedJsonDocumentIsRefused() throws IOException {
        StringBuilder labels = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            labels.append(i == 0 ? "" : ",").append("\"label-").append(i).append("\":\"value\"");
        }
        Path f = Files.writeString(tmp.resolve("big.json"), "{\"apiVersion\":\"v1\",\"kind\":\"Service\","
                + "\"metadata\":{\"name\":\"big\",\"labels\":{" + labels + "}},\"spec\":{\"ports\":[{\"port\":80}]}}");
        assertEquals(f + ": document 1: the document is larger than the limit of 1000 bytes",
                loadFails(f, SMALL).getMessage());
    }

    @Test
    void aRunawayJsonDocumentIsRefusedWhileItIsStillBeingRead() throws IOException {
        Path f = tmp.resolve("runaway.json");
        try (var out = Files.newBufferedWriter(f)) {
            out.write("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"data\":{");
            for (int i = 0; i < 200_000; i++) {
                out.write((i == 0 ? "" : ",") + "\"k" + i + "\":\"v\"");
            }
            out.write("}}");
        }
        UserError e = loadFails(f, new LoadOptions(Ports.Range.DEFAULT_NODE_PORTS, 64 << 10, 50));
        assertEquals(f + ": document 1: the document is larger than the limit of 65536 bytes", e.getMessage());
    }

    @Test
    void smallJsonDocumentsUnderTheLimitLoadEvenWhenTheFileIsLarger() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            sb.append("{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"s").append(i)
                    .append("\"},\"spec\":{\"ports\":[{\"port\":80}]}}\n");
        }
        Path f = Files.writeString(tmp.resolve("stream.json"), sb);
        LoadResult r = ManifestLoader.load(List.of(f.toString()), InputStream.nullInputStream(), SMALL);
        assertEquals(40, r.snapshot().services().size());
    }

    @Test
    void theCliTakesTheDocumentLimitFromItsOption() throws IOException {
        Path f = Files.writeString(tmp.resolve("big.yaml"), service("big", 100));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"validate", "--max-document-bytes", "1000", "-f", f.toString()},
                InputStream.nullInputStream(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertEquals("kpbench: " + f + ": document 1: line 47, column 23: the document is larger than the limit of"
                + " 1000 code points" + System.lineSeparator(), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anAliasInsideAModelledObjectIsRefusedBecauseJacksonWouldNotExpandIt() throws IOException {
        Path f = Files.writeString(tmp.resolve("alias.yaml"), """
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec:
                  selector: {app: &app web}
                  ports:
                  - name: *app
                    port: 80
                """);
        assertEquals(f + ": Service in document 1: line 7, column 11: the YAML alias *app is not supported here (it"
                + " would be read as the anchor's name, not its value)", loadFails(f, LoadOptions.defaults())
                .getMessage());
    }

    @Test
    void aFewAliasesInASkippedObjectAreHarmless() throws IOException {
        Path f = Files.writeString(tmp.resolve("anchors.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: cfg}
                data: {a: &x one, b: *x, c: *x}
                """);
        LoadResult r = ManifestLoader.load(List.of(f.toString()), InputStream.nullInputStream(),
                LoadOptions.defaults());
        assertEquals(1, r.skippedByKind().get("ConfigMap"));
    }
}
