package io.kpbench.cluster.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

class YamlScalarsTest {
    private static final ObjectMapper JACKSON = new ObjectMapper(new YAMLFactory());

    /** Reads {@code text} back as SnakeYAML (YAML 1.1 resolution, as go-yaml v2 under kubectl) and as Jackson do. */
    private static void assertReadsBack(String s) throws Exception {
        String scalar = YamlScalars.scalar(s);
        Map<?, ?> value = new Yaml().load("k: " + scalar + "\n");
        assertEquals(s, value.get("k"), "value " + scalar);
        Map<?, ?> key = new Yaml().load(scalar + ": v\n");
        assertEquals("v", key.get(s), "key " + scalar);
        Map<?, ?> jackson = JACKSON.readValue("k: " + scalar + "\n", Map.class);
        assertEquals(s, jackson.get("k"), "Jackson value " + scalar);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zone-a", "node-0001", "kubernetes.io/service-name", "ClusterIP", "None", "a", "x_y.z",
        "10.96.0.1", "10.244.0.0/24", "Yesterday", "nullable"})
    void namesAndAddressesStayPlain(String s) throws Exception {
        assertTrue(YamlScalars.plain(s), s);
        assertReadsBack(s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "on", "On", "OFF", "yes", "Y", "n", "No", "true", "False", "null", "NULL", "~",
        "123", "007", "1.5", "1e3", "0x1F", "0o17", "1_000", "1:20", "1.2.3", "1.2.3.4.5", "10.0.0.1/", "-1", "+1",
        ".5", ".inf", ".NaN", "2001:db8::1", "::1", "1:2:3:4:5:6:7:8", "2024-01-01", "a: b", "a:b", "#x", "a #b",
        "-x", "- x", "*x", "&x", "!x", "%x", "@x", "`x", "|", ">", "?", "[a]", "{a}", "a,b", "'q'", "\"q\"",
        "back\\slash", " lead", "trail ", "two  spaces", "tab\there", "new\nline", "cr\rx", "nul\u0000x", "del\u007F",
        "nel\u0085", "ls\u2028", "bom\uFEFF", "é", "日本", "emoji\uD83D\uDE00", "lone\uD800", "lone\uDC00x",
        "\uFFFE", "<<", "="})
    void trickyStringsAreQuotedAndReadBackUnchanged(String s) throws Exception {
        assertFalse(YamlScalars.plain(s), s);
        assertTrue(YamlScalars.scalar(s).startsWith("\""), YamlScalars.scalar(s));
        assertReadsBack(s);
    }

    @Property(tries = 500)
    void everyStringReadsBackUnchanged(@ForAll("strings") String s) throws Exception {
        assertReadsBack(s);
    }

    @Provide
    Arbitrary<String> strings() {
        Arbitrary<String> tokens = Arbitraries.of("yes", "on", "null", "1", ".", ":", "#", " ", "-", "\\", "\"",
                "'", "0x", "e", "\n", "\t", "a", "Z", "/", "_", "\u2028", "\uD83D\uDE00", "\u0085");
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(12),
                Arbitraries.strings().withChars("0123456789.:-+eExa_/ ").ofMaxLength(10),
                tokens.list().ofMaxSize(5).map(l -> String.join("", l)));
    }
}
