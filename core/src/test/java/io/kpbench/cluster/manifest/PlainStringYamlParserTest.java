package io.kpbench.cluster.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The plain-string shortcut gives exactly the tokens of Jackson's own YAML parser. */
class PlainStringYamlParserTest {
    static final YAMLFactory STOCK = YAMLFactory.builder().build();
    static final YAMLFactory SHORTCUT = new PlainStringYamlParser.Factory(YAMLFactory.builder());
    static final String ALPHABET = "yYnNtTfFoOlLsSuU0123456789.-+_:eExXbB<~ aZ";
    static final List<String> TRICKY = List.of("10.244.1.5", "1.5", "1.", ".5", "1e5", "1E+5", "0x1F", "0b101", "012",
            "1_000", "12:30", "1:2:3.5", "2001-12-14", "2001-12-14t21:59:43.10-05:00", "null", "Null", "NULL", "~",
            "yes", "no", "off", "On", "n", "y", "nodes", "false", "falsey", "FALSE", ".inf", "-.Inf", ".NaN", "<<",
            "True", "Yes", "-", "+", "-.5", "1..2", "1.2.3", "0.0.0.0", "255.255.255.255", "fd00::1", "zone-a",
            "node-1", "ClusterIP", "TCP", "http-web", "1.2.3e4", "01.2.3", "+1.2.3", "..", "a.b.c");

    static List<String> tokens(YAMLFactory f, String value) {
        List<String> out = new ArrayList<>();
        try (JsonParser p = f.createParser(("k: " + value + "\n").getBytes(StandardCharsets.UTF_8))) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                out.add(t + (t.isScalarValue() ? "=" + p.getText() : ""));
            }
        } catch (IOException e) {
            out.add("error");
        }
        return out;
    }

    @Test
    void trickyScalarsGiveTheSameTokensAsJacksonsOwnParser() {
        for (String v : TRICKY) {
            assertEquals(tokens(STOCK, v), tokens(SHORTCUT, v), v);
        }
    }

    @Test
    void randomScalarsGiveTheSameTokensAsJacksonsOwnParser() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int len = 1 + random.nextInt(8);
            for (int j = 0; j < len; j++) {
                sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String v = sb.toString().strip();
            assertEquals(tokens(STOCK, v), tokens(SHORTCUT, v), v);
        }
    }

    @Test
    void theShortcutCoversTheCommonKubernetesValues() {
        for (String v : List.of("10.244.1.5", "zone-a", "ClusterIP", "nodeport-1", "kubernetes.io")) {
            assertTrue(PlainStringYamlParser.isString(v), v);
        }
        for (String v : List.of("80", "1.5", "true", "no", "null", "~", "", "2001-12-14")) {
            assertFalse(PlainStringYamlParser.isString(v), v);
        }
    }
}
