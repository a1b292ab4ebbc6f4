package io.kpbench.cluster.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fields that fabric8 reads through the parser's codec ({@code Quantity} in a Node's capacity and allocatable)
 * load in YAML on every path a YAML file can take: one chunk, many chunks, and a stream read whole.
 */
class QuantityFieldsTest {
    private static final String NODE = """
            apiVersion: v1
            kind: Node
            metadata: {name: ip-10-0-1-17.ec2.internal}
            status:
              addresses:
              - {type: InternalIP, address: 10.0.1.17}
              allocatable: {cpu: 1930m, ephemeral-storage: "76224326324", hugepages-2Mi: "0", memory: 7220516Ki,
                pods: "29"}
              capacity: {cpu: "2", ephemeral-storage: 83873772Ki, hugepages-2Mi: "0", memory: 7910692Ki, pods: "29"}
            """;

    @TempDir
    Path tmp;

    private static LoadResult load(Path f) {
        return ManifestLoader.load(List.of(f.toString()), InputStream.nullInputStream(), LoadOptions.defaults());
    }

    @Test
    void everyParserCarriesTheMapperAsItsCodec() throws IOException {
        ManifestParsers parsers = new ManifestParsers(LoadOptions.defaults());
        byte[] b = "a: 1\n".getBytes(StandardCharsets.UTF_8);
        try (JsonParser fromBytes = parsers.yaml(b, b.length);
                JsonParser fromStream = parsers.yaml(new ByteArrayInputStream(b));
                JsonParser json = parsers.json(new JsonSizeGuard(new ByteArrayInputStream(b), 100))) {
            assertNotNull(fromBytes.getCodec());
            assertNotNull(fromStream.getCodec());
            assertNotNull(json.getCodec());
        }
    }

    @Test
    void aNodeWithCapacityAndAllocatableLoadsFromASmallYamlFile() throws IOException {
        LoadResult r = load(Files.writeString(tmp.resolve("node.yaml"), NODE));
        assertEquals(List.of("ip-10-0-1-17.ec2.internal"), List.copyOf(r.snapshot().nodes().keySet()));
    }

    @Test
    void aNodeWithCapacityLoadsFromALaterChunkOfALargeYamlFile() throws IOException {
        StringBuilder yaml = new StringBuilder();
        ManifestText.yaml(yaml, 1500, 4);
        assertTrue(yaml.length() > 2 * YamlChunker.TARGET);
        yaml.append("---\n").append(NODE);
        LoadResult r = load(Files.writeString(tmp.resolve("large.yaml"), yaml));
        assertEquals(1, r.snapshot().nodes().size());
        assertEquals(1500, r.snapshot().services().size());
    }

    @Test
    void aNodeWithCapacityLoadsFromAStreamThatIsReadWhole() throws IOException {
        LoadResult r = load(Files.writeString(tmp.resolve("directive.yaml"), "%YAML 1.1\n---\n" + NODE));
        assertEquals(1, r.snapshot().nodes().size());
    }

    @Test
    void aNodeWithCapacityInsideAListLoadsAsItsJsonFormDoes() throws IOException {
        String yaml = "apiVersion: v1\nkind: List\nitems:\n- " + NODE.strip().replace("\n", "\n  ") + "\n";
        String json = "{\"kind\":\"List\",\"apiVersion\":\"v1\",\"items\":[{\"apiVersion\":\"v1\",\"kind\":\"Node\","
                + "\"metadata\":{\"name\":\"ip-10-0-1-17.ec2.internal\"},\"status\":{\"addresses\":[{\"type\":"
                + "\"InternalIP\",\"address\":\"10.0.1.17\"}],\"capacity\":{\"cpu\":\"2\",\"memory\":\"7910692Ki\"}}}]}";
        LoadResult fromYaml = load(Files.writeString(tmp.resolve("list.yaml"), yaml));
        LoadResult fromJson = load(Files.writeString(tmp.resolve("list.json"), json));
        assertEquals(1, fromYaml.snapshot().nodes().size());
        assertEquals(fromJson.snapshot(), fromYaml.snapshot());
    }
}
