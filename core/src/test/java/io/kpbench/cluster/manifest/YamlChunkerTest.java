package io.kpbench.cluster.manifest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlChunkerTest {

    static List<YamlChunker.Chunk> chunks(byte[] input) throws IOException {
        YamlChunker c = new YamlChunker(new ByteArrayInputStream(input));
        List<YamlChunker.Chunk> out = new ArrayList<>();
        for (YamlChunker.Chunk k = c.next(); k != null; k = c.next()) {
            out.add(k);
        }
        return out;
    }

    static String text(YamlChunker.Chunk c) {
        return new String(c.data(), 0, c.length(), StandardCharsets.UTF_8);
    }

    @Test
    void chunksAreWholeDocumentsThatConcatenateToTheInput() throws IOException {
        StringBuilder sb = new StringBuilder("# leading comment\n");
        ManifestText.yaml(sb, 2000, 5);
        byte[] input = sb.toString().getBytes(StandardCharsets.UTF_8);
        List<YamlChunker.Chunk> chunks = chunks(input);
        assertTrue(chunks.size() >= 3, "chunks: " + chunks.size());
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        long lines = 0;
        for (int i = 0; i < chunks.size(); i++) {
            YamlChunker.Chunk c = chunks.get(i);
            assertNull(c.rest());
            assertTrue(i == 0 || text(c).startsWith("---\n"), "chunk " + i);
            assertTrue(c.length() <= YamlChunker.TARGET + (YamlChunker.TARGET >> 2));
            joined.write(c.data(), 0, c.length());
            lines += c.lines();
        }
        assertArrayEquals(input, joined.toByteArray());
        assertEquals(sb.chars().filter(ch -> ch == '\n').count(), lines);
    }

    @Test
    void indentedOrLongerDashRunsAreNotDocumentMarkers() throws IOException {
        StringBuilder doc = new StringBuilder("a: |\n  ---\n  ----\n----x: 1\n");
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 3 * YamlChunker.TARGET) {
            sb.append(doc);
        }
        List<YamlChunker.Chunk> chunks = chunks(sb.toString().getBytes(StandardCharsets.UTF_8));
        assertNull(chunks.get(0).rest());
        assertEquals(sb.length(), chunks.get(0).length());
    }

    @Test
    void aDirectiveLineLeavesTheRestOfTheStreamUncut() throws IOException {
        StringBuilder sb = new StringBuilder("%YAML 1.2\n");
        ManifestText.yaml(sb, 2000, 5);
        List<YamlChunker.Chunk> chunks = chunks(sb.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(1, chunks.size());
        assertNotNull(chunks.get(0).rest());
        assertEquals(sb.toString(), new String(chunks.get(0).rest().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void aDocumentLongerThanTheBufferLimitIsHandedBackWhole() throws IOException {
        StringBuilder sb = new StringBuilder("---\nkind: ConfigMap\ndata:\n");
        while (sb.length() <= 2 * YamlChunker.MAX_BUFFERED) {
            sb.append("  key-").append(sb.length()).append(": some value that fills the document\n");
        }
        byte[] input = sb.toString().getBytes(StandardCharsets.UTF_8);
        List<YamlChunker.Chunk> chunks = chunks(input);
        assertEquals(1, chunks.size());
        assertArrayEquals(input, chunks.get(0).rest().readAllBytes());
    }
}
